using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Warden.Stages.ArgumentSanitation;
using Warden.Tests.Support;

namespace Warden.Tests.Stages;

public sealed class ArgumentSanitizerProperties
{
    private static readonly ArgumentSanitizer Sanitizer = new(new ArgumentSanitationOptions());

    public static class Arbitraries
    {
        public static Arbitrary<JsonTree> Trees() => Arb.From(Gen.Sized(size =>
            Gen.Frequency((7, Gen.Constant(true)), (1, Gen.Constant(false))).SelectMany(objectRoot => JsonTreeGen.Tree(
                Gen.Frequency(
                    (1, Gen.Elements(JsonTreeGen.ForbiddenKeys)),
                    (2, Gen.Elements(JsonTreeGen.NearMisses)),
                    (4, Gen.Elements(JsonTreeGen.BenignKeys)),
                    (3, JsonTreeGen.UnicodeString)),
                Math.Min(size, 40),
                objectRoot))));
    }

    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 500)]
    public bool Check_never_throws_and_finds_a_forbidden_key_iff_there_is_one(JsonTree tree)
    {
        using var document = JsonDocument.Parse(tree.ToJson());
        var violation = Sanitizer.Check(document.RootElement);

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            return violation.Kind == ArgumentViolationKind.NotAnObject;
        }

        Assert.True(tree.Depth <= Sanitizer.Options.MaxDepth);
        var forbidden = tree.Names().Where(n => JsonTreeGen.ForbiddenKeys.Contains(n.Name)).ToList();
        return forbidden.Count == 0
            ? violation.IsNone
            : violation.Kind == ArgumentViolationKind.ForbiddenKey && forbidden.Any(f => f.Name == violation.Detail);
    }

    [Property(MaxTest = 200)]
    public bool Escaping_every_character_of_a_forbidden_key_does_not_hide_it(NonNegativeInt which, bool nested)
    {
        var key = JsonTreeGen.ForbiddenKeys[which.Get % JsonTreeGen.ForbiddenKeys.Length];
        var escaped = string.Concat(key.Select(c => $"\\u{(int)c:x4}"));
        var json = nested ? $$$"""{"a":[{"b":{"{{{escaped}}}":1}}]}""" : $$"""{"{{escaped}}":1}""";

        using var document = JsonDocument.Parse(json);
        return Sanitizer.Check(document.RootElement) == new ArgumentViolation(ArgumentViolationKind.ForbiddenKey, key);
    }
}
