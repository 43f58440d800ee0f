using System.Globalization;

namespace Warden.Policies;

/// <summary>Parses sizes written as <c>512KB</c>, <c>256MB</c>, <c>1GB</c> (powers of 1024) or plain bytes <c>4096B</c>.</summary>
public static class ByteSizes
{
    /// <summary>Parses <paramref name="text"/>; false when it is not a size.</summary>
    public static bool TryParse(string text, out long bytes)
    {
        bytes = 0;
        var span = text.AsSpan().Trim();
        var digits = 0;
        while (digits < span.Length && char.IsAsciiDigit(span[digits]))
        {
            digits++;
        }

        if (digits == 0 || !long.TryParse(span[..digits], NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
        {
            return false;
        }

        long? multiplier = span[digits..].Trim().ToString().ToUpperInvariant() switch
        {
            "B" => 1,
            "KB" or "KIB" or "K" => 1L << 10,
            "MB" or "MIB" or "M" => 1L << 20,
            "GB" or "GIB" or "G" => 1L << 30,
            _ => null,
        };
        if (multiplier is null || amount > long.MaxValue / multiplier.Value)
        {
            return false;
        }

        bytes = amount * multiplier.Value;
        return true;
    }
}
