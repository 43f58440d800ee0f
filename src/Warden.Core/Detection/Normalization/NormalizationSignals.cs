namespace Warden.Detection.Normalization;

/// <summary>Which normalisation steps changed the text. Hidden or disguised text is itself a signal.</summary>
[Flags]
public enum NormalizationSignals
{
    /// <summary>Nothing changed but case.</summary>
    None = 0,

    /// <summary>NFKC changed the text (full-width forms, ligatures, styled letters).</summary>
    CompatibilityForms = 1 << 0,

    /// <summary>Zero-width, bidi-control or other invisible characters were removed.</summary>
    InvisibleCharacters = 1 << 1,

    /// <summary>Unicode tag characters were found; the ASCII they smuggle was decoded.</summary>
    TagCharacters = 1 << 2,

    /// <summary>Look-alikes were read as the Latin letters they show: Cyrillic or Greek ones inside Latin words, regional indicators, negative circled and squared letters.</summary>
    Confusables = 1 << 3,

    /// <summary>Combining diacritics were removed.</summary>
    Diacritics = 1 << 4,

    /// <summary>Digits or symbols standing for letters (l33t) were folded.</summary>
    Leetspeak = 1 << 5,

    /// <summary>Letters split by spaces or punctuation (<c>i g n o r e</c>) were joined.</summary>
    SplitLetters = 1 << 6,

    /// <summary>Markup splitting or hiding text (<c>ig&lt;!-- --&gt;nore</c>) was removed.</summary>
    Markup = 1 << 7,

    /// <summary>A base64 segment decoded to text.</summary>
    Base64 = 1 << 8,

    /// <summary>A hex segment decoded to text.</summary>
    Hex = 1 << 9,

    /// <summary>A URL-encoded segment decoded to text.</summary>
    UrlEncoding = 1 << 10,

    /// <summary>Character escapes spelt plain ASCII letters or digits (<c>\u0069gnore</c>) and were decoded.</summary>
    Escapes = 1 << 11,
}
