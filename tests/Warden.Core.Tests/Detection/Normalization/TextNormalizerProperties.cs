using FsCheck;
using FsCheck.Fluent;
using Warden.Detection.Normalization;

namespace Warden.Tests.Detection.Normalization;

public sealed class TextNormalizerProperties
{
    [FsCheck.Xunit.Property(MaxTest = 500)]
    public bool Never_throws_and_is_lower_case(string? input)
    {
        var result = TextNormalizer.Normalize(input ?? string.Empty);
        return result.MainLength <= result.Text.Length && result.Text[..result.MainLength] == result.Text[..result.MainLength].ToLowerInvariant();
    }

    [FsCheck.Xunit.Property(MaxTest = 300)]
    public Property Normalising_twice_changes_nothing_more()
    {
        var words = Gen.Elements("ignore", "previous", "ＩＧＮＯＲＥ", "іgnоrе", "h4ck3r", "i g n o r e", "<b>x</b>", "café", "ok", "42", "\u200B");
        return Prop.ForAll(Gen.ListOf(words).Select(w => string.Join(' ', w)).ToArbitrary(), text =>
        {
            var once = TextNormalizer.Normalize(text).Text;
            var twice = TextNormalizer.Normalize(once).Text;
            return once == twice;
        });
    }
}
