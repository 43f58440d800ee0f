using System.IO.Compression;
using System.Text.Json;

namespace Warden.Detection.Corpus;

/// <summary>
/// Reads JSON Lines corpora (<c>.jsonl</c>, or gzip-compressed <c>.jsonl.gz</c>) one line at a time. A
/// line that is not an object with a string <c>text</c> is an error that names the file and line.
/// </summary>
public static class CorpusReader
{
    /// <summary>Reads <paramref name="path"/> lazily.</summary>
    /// <exception cref="InvalidDataException">A line is malformed; the message names the file and line.</exception>
    public static IEnumerable<LabelledText> Read(string path)
    {
        using var file = File.OpenRead(path);
        using var stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : (Stream)file;
        using var reader = new StreamReader(stream);
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            yield return Parse(line, $"{path}:{number}");
        }
    }

    /// <summary>Parses one line; <paramref name="where"/> names it in errors.</summary>
    public static LabelledText Parse(string line, string where)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("text", out var text) || text.ValueKind != JsonValueKind.String)
            {
                throw new InvalidDataException($"{where}: each line must be a JSON object with a string \"text\"");
            }

            bool? label = root.TryGetProperty("label", out var l) ? l.ValueKind switch
            {
                JsonValueKind.Number => l.GetInt32() != 0,
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => throw new InvalidDataException($"{where}: \"label\" must be 0, 1, true or false"),
            } : null;
            return new LabelledText(
                text.GetString()!,
                label,
                Optional(root, "source") ?? "unknown",
                Optional(root, "kind") ?? "unknown",
                Optional(root, "split"),
                Optional(root, "family"));
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{where}: not JSON ({e.Message})", e);
        }
        catch (FormatException e)
        {
            throw new InvalidDataException($"{where}: \"label\" must be 0 or 1", e);
        }
    }

    private static string? Optional(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
