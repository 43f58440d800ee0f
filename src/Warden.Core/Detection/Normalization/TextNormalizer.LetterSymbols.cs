namespace Warden.Detection.Normalization;

/// <summary>Symbols that stand for Latin letters and that Unicode normalisation leaves alone.</summary>
public static partial class TextNormalizer
{
    /// <summary>
    /// Regional indicator symbols (🇭🇴🇼, U+1F1E6–U+1F1FF: two of them show as a flag) and the negative
    /// circled and squared letters (🅐, 🅰) become the Latin letters they show: NFKC maps the circled and
    /// squared letters (Ⓐ, 🄰) but has no decomposition for these, and "🇭🇴🇼 🇹🇴 🇵🇮🇨🇰 🇦 🇱🇴🇨🇰"
    /// reads as words to a language model. Reported as look-alikes.
    /// </summary>
    private static string FoldLetterSymbols(string text, ref NormalizationSignals signals) =>
        // Every one of them is in U+1F100–U+1F1FF, whose high surrogate is U+D83C.
        ReplaceSupplementary(text, '\uD83C', codePoint => codePoint switch
        {
            >= 0x1F1E6 and <= 0x1F1FF => 'A' + (codePoint - 0x1F1E6),
            >= 0x1F150 and <= 0x1F169 => 'A' + (codePoint - 0x1F150),
            >= 0x1F170 and <= 0x1F189 => 'A' + (codePoint - 0x1F170),
            _ => -1,
        }, NormalizationSignals.Confusables, ref signals);
}
