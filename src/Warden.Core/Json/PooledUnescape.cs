using System.Buffers;
using System.Text.Json;

namespace Warden.Json;

/// <summary>Unescapes the reader's current string into a pooled buffer that grows as needed.</summary>
internal static class PooledUnescape
{
    /// <summary>The current string or property name, unescaped; valid until the next call with the same buffer.</summary>
    public static ReadOnlySpan<char> Read(ref Utf8JsonReader reader, ref char[]? buffer)
    {
        // Unescaped, a string never has more UTF-16 characters than its raw UTF-8 bytes.
        var needed = reader.ValueSpan.Length;
        if (buffer is null || buffer.Length < needed)
        {
            Return(buffer);
            buffer = ArrayPool<char>.Shared.Rent(Math.Max(needed, 256));
        }

        try
        {
            return buffer.AsSpan(0, reader.CopyString(buffer));
        }
        catch (InvalidOperationException)
        {
            // An escape that decodes to invalid UTF-16 (a lone surrogate such as \uD800): keep the
            // escaped text as it was written, so that it is still inspected and nothing throws.
            return buffer.AsSpan(0, System.Text.Encoding.UTF8.GetChars(reader.ValueSpan, buffer));
        }
    }

    /// <summary>Gives the buffer back to the pool.</summary>
    public static void Return(char[]? buffer)
    {
        if (buffer is not null)
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }
}
