using System.Text;
using Microsoft.ML.Tokenizers;

namespace Warden.Stages.InputInspection;

/// <summary>
/// Counts tokens with the o200k_base encoding (Microsoft.ML.Tokenizers, data shipped in its package).
/// Every token covers at least one UTF-8 byte, so a text of at most N bytes holds at most N tokens:
/// below the limit the tokenizer is not run at all, which keeps ordinary inputs cheap.
/// </summary>
public static class TokenCounter
{
    private static readonly Lazy<Tokenizer> Encoding200K = new(() => TiktokenTokenizer.CreateForEncoding("o200k_base"));

    /// <summary>The tokenizer, loaded on first use.</summary>
    public static Tokenizer Tokenizer => Encoding200K.Value;

    /// <summary>
    /// True when <paramref name="text"/> holds more than <paramref name="maxTokens"/> tokens. <paramref name="counted"/>
    /// is the count when the tokenizer ran (up to just past the limit), or null when the byte length settled it.
    /// </summary>
    public static bool Exceeds(string text, int maxTokens, out int? counted)
    {
        counted = null;
        if (Encoding.UTF8.GetByteCount(text) <= maxTokens)
        {
            return false;
        }

        Tokenizer.GetIndexByTokenCount(text, maxTokens, out _, out var tokenCount);
        var total = tokenCount;
        if (total >= maxTokens)
        {
            total = Tokenizer.CountTokens(text);
        }

        counted = total;
        return total > maxTokens;
    }
}
