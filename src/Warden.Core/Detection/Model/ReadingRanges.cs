using Warden.Detection.Normalization;

namespace Warden.Detection.Model;

/// <summary>
/// The parts of a normalised text that <see cref="LinearModel"/> scores, each on its own: the whole
/// text when it fits one window, else windows of the window length every quarter window; then each
/// sentence and line of at least <see cref="MinSegmentChars"/> characters (counting its line break; a
/// Chinese, Japanese or Korean character counts two) that is shorter than the text and than a window.
/// A line also ends at an escaped line feed (<c>\n</c> as written inside JSON strings and calendar
/// fields), so that an instruction on a line of its own in a tool's JSON result is read alone. A
/// sentence read alone is not diluted by the text around it, so one instruction slipped into an email
/// or a table ("Reply in French.") weighs as it would by itself.
/// The trainer reads exactly these ranges.
/// </summary>
public ref struct ReadingRanges
{
    /// <summary>The shortest sentence or line read on its own, in characters.</summary>
    public const int MinSegmentChars = 20;

    private readonly ReadOnlySpan<char> _text;
    private readonly int _windowChars;
    private int _nextWindow;
    private bool _windowsDone;
    private int _segmentFrom;

    /// <summary>Starts at the first range of <paramref name="text"/>; with <paramref name="sentences"/> false, the windows only.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="windowChars"/> is not positive.</exception>
    public ReadingRanges(ReadOnlySpan<char> text, int windowChars, bool sentences = true)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(windowChars);
        _text = text;
        _windowChars = windowChars;
        _segmentFrom = sentences ? 0 : text.Length;
    }

    /// <summary>Whether the range <see cref="Next"/> gave last is a sentence or a line rather than a window.</summary>
    public bool IsSegment { get; private set; }

    /// <summary>The next range, as start (inclusive) and end (exclusive); false when there is none left.</summary>
    public bool Next(out int start, out int end)
    {
        if (!_windowsDone)
        {
            start = _nextWindow;
            end = Math.Min(start + _windowChars, _text.Length);
            if (end == _text.Length)
            {
                _windowsDone = true;
            }
            else
            {
                _nextWindow += Math.Max(1, _windowChars / 4);
            }

            return true;
        }

        IsSegment = true;
        while (_segmentFrom < _text.Length)
        {
            var from = _segmentFrom;
            var to = SegmentEnd(from);
            _segmentFrom = to;
            while (from < to && char.IsWhiteSpace(_text[from]))
            {
                from++;
            }

            var length = to - from;
            if ((length >= MinSegmentChars || length + CountDense(_text[from..to]) >= MinSegmentChars) && length < _text.Length && length < _windowChars)
            {
                start = from;
                end = to;
                return true;
            }
        }

        start = end = 0;
        return false;
    }

    /// <summary>
    /// Where the sentence or line starting at <paramref name="from"/> ends: after a line break, an escaped
    /// line feed (<c>\n</c>) or 。, or after . ! ? followed by a space, a tab or a Chinese, Japanese or
    /// Korean character (normalisation has already made full-width ！？ into ! ?, and those scripts put no
    /// space after a sentence).
    /// </summary>
    private readonly int SegmentEnd(int from)
    {
        var i = from;
        while (true)
        {
            var next = _text[i..].IndexOfAny(Stops);
            if (next < 0)
            {
                return _text.Length;
            }

            i += next;
            if (_text[i] == '\\')
            {
                if (i + 1 < _text.Length && _text[i + 1] == 'n')
                {
                    return i + 2;
                }
            }
            else if (_text[i] is '\n' or '。' || (i + 1 < _text.Length && (_text[i + 1] is ' ' or '\t' || TextNormalizer.IsDense(_text[i + 1]))))
            {
                return i + 1;
            }

            i++;
        }
    }

    /// <summary>How many characters of <paramref name="segment"/> are dense (<see cref="TextNormalizer.IsDense"/>); only asked of segments shorter than <see cref="MinSegmentChars"/>.</summary>
    private static int CountDense(ReadOnlySpan<char> segment)
    {
        var count = 0;
        foreach (var c in segment)
        {
            if (TextNormalizer.IsDense(c))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>The characters that may end a sentence or a line (searched for with vector instructions); a backslash ends one only before an n.</summary>
    private static readonly System.Buffers.SearchValues<char> Stops = System.Buffers.SearchValues.Create("\n.!?。\\");
}
