using System.Globalization;

namespace Warden.Policies;

/// <summary>Parses durations written as <c>500ms</c>, <c>5s</c>, <c>2m</c>, <c>1h</c> or combined, <c>1m30s</c>.</summary>
public static class Durations
{
    /// <summary>Parses <paramref name="text"/>; false when it is not a duration.</summary>
    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        var span = text.AsSpan().Trim();
        if (span.IsEmpty)
        {
            return false;
        }

        while (!span.IsEmpty)
        {
            var digits = 0;
            while (digits < span.Length && (char.IsAsciiDigit(span[digits]) || span[digits] == '.'))
            {
                digits++;
            }

            if (digits == 0 || !double.TryParse(span[..digits], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
            {
                duration = TimeSpan.Zero;
                return false;
            }

            span = span[digits..];
            var unit = span.StartsWith("ms") ? "ms" : span.IsEmpty ? string.Empty : span[..1].ToString();
            double? milliseconds = unit switch
            {
                "ms" => amount,
                "s" => amount * 1_000,
                "m" => amount * 60_000,
                "h" => amount * 3_600_000,
                _ => null,
            };
            if (milliseconds is null || duration.TotalMilliseconds + milliseconds > TimeSpan.MaxValue.TotalMilliseconds / 2)
            {
                duration = TimeSpan.Zero;
                return false;
            }

            duration += TimeSpan.FromMilliseconds(milliseconds.Value);
            span = span[unit.Length..];
        }

        return true;
    }
}
