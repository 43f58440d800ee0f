namespace Warden.Detection.Secrets;

/// <summary>Decides whether a run of digits, spaces and dashes is a payment card number.</summary>
internal static class CardNumbers
{
    /// <summary>
    /// True when <paramref name="candidate"/> holds 13 to 19 digits, either unseparated or in groups
    /// split by one kind of single separator (the first group of four, the others of three to six),
    /// passes the Luhn check, and starts with an issuer prefix whose length it matches.
    /// </summary>
    public static bool IsCardNumber(ReadOnlySpan<char> candidate)
    {
        Span<byte> digits = stackalloc byte[19];
        var count = 0;
        var separator = '\0';
        var group = 0;
        var groupIndex = 0;
        foreach (var c in candidate)
        {
            if (char.IsAsciiDigit(c))
            {
                if (count == digits.Length)
                {
                    return false;
                }

                digits[count++] = (byte)(c - '0');
                group++;
                continue;
            }

            if ((separator != '\0' && c != separator) || !GroupFits(group, groupIndex))
            {
                return false;
            }

            separator = c;
            group = 0;
            groupIndex++;
        }

        if (count < 13 || (groupIndex > 0 && group is < 3 or > 6))
        {
            return false;
        }

        var number = digits[..count];
        return HasIssuerPrefix(number) && PassesLuhn(number);
    }

    /// <summary>True when the digits pass the Luhn (mod 10) check.</summary>
    public static bool PassesLuhn(ReadOnlySpan<byte> digits)
    {
        var sum = 0;
        var doubled = false;
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            var d = digits[i];
            if (doubled)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
            doubled = !doubled;
        }

        return sum % 10 == 0;
    }

    private static bool GroupFits(int group, int groupIndex) => groupIndex == 0 ? group == 4 : group is >= 3 and <= 6;

    /// <summary>Visa, Mastercard, American Express, Discover, JCB, Diners Club and UnionPay, each at its own lengths.</summary>
    private static bool HasIssuerPrefix(ReadOnlySpan<byte> d)
    {
        var n = d.Length;
        var two = (d[0] * 10) + d[1];
        var three = (two * 10) + d[2];
        var four = (three * 10) + d[3];
        return d[0] switch
        {
            4 => n is 13 or 16 or 19,
            5 => two is >= 51 and <= 55 && n == 16,
            2 => four is >= 2221 and <= 2720 && n == 16,
            3 => ((two is 34 or 37) && n == 15)
                || (four is >= 3528 and <= 3589 && n is >= 16 and <= 19)
                || (((three is >= 300 and <= 305) || two is 36 or 38 or 39) && n is >= 14 and <= 19),
            6 => (four == 6011 || two is 65 or 62 || three is >= 644 and <= 649) && n is >= 16 and <= 19,
            _ => false,
        };
    }
}
