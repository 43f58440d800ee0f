using System.Runtime.InteropServices;
using System.Text.Json;

namespace Warden.Json;

/// <summary>
/// Visits every string in a JSON value, property names included, unescaped into a pooled buffer, so
/// that a detector can scan tool arguments without allocating a string per value.
/// </summary>
internal static class JsonStrings
{
    /// <summary>Called for each string; return false to stop.</summary>
    public delegate bool Visitor<TState>(ReadOnlySpan<char> text, ref TState state);

    /// <summary>Visits the strings of <paramref name="value"/> in document order; false when a visitor stopped.</summary>
    public static bool ForEach<TState>(JsonElement value, ref TState state, Visitor<TState> visitor)
    {
        if (value.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False)
        {
            return true;
        }

        var reader = new Utf8JsonReader(JsonMarshal.GetRawUtf8Value(value), new JsonReaderOptions { MaxDepth = 4096 });
        char[]? rented = null;
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.PropertyName))
                {
                    continue;
                }

                if (!visitor(PooledUnescape.Read(ref reader, ref rented), ref state))
                {
                    return false;
                }
            }

            return true;
        }
        finally
        {
            PooledUnescape.Return(rented);
        }
    }
}
