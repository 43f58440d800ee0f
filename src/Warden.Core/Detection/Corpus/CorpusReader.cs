using System.IO.Compression;
using System.Text.Json;

namespace Warden.Detection.Corpus;

/// <summary>
/// Reads JSON Lines corpora (<c>.jsonl</c>, or gzip-compressed <c>.jsonl.gz</c>) one line at a time. A
/// line that is not an object with a string <c>text</c> is an error that names the file and line;
/// blank lines are skipped.
/// </summary>
public static class CorpusReader
{
    /// <summary>Reads <paramref name="path"/> lazily.</summary>
    /// <param name="path">The file.</param>
    /// <param name="requireLabel">Whether a line without a <c>label</c> is an error.</param>
    /// <exception cref="InvalidDataException">A line is malformed; the message names the file and line.</exception>
    public static IEnumerable<LabelledText> Read(string path, bool requireLabel = false)
    {
        using var file = File.OpenRead(path);
        using var reader = OpenText(file, path);
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var item = Parse(line, $"{path}:{number}");
            if (requireLabel && item.Label is null)
            {
                throw new InvalidDataException($"{path}:{number}: no \"label\" (0 or 1) on this line; labelled lines are needed");
            }

            yield return item;
        }
    }

    /// <summary>A reader of <paramref name="file"/>'s text, through gzip when <paramref name="path"/> ends in <c>.gz</c>.</summary>
    public static StreamReader OpenText(FileStream file, string path)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(path);
        var stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : (Stream)file;
        return new StreamReader(stream);
    }

    /// <summary>The <c>text</c> of one line, whatever else the line holds; <paramref name="where"/> names it in errors.</summary>
    /// <exception cref="InvalidDataException">The line is not a JSON object with a string <c>text</c>.</exception>
    public static string ParseText(string line, string where)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            return Text(document.RootElement, where);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{where}: not JSON ({e.Message})", e);
        }
    }

    private static string Text(JsonElement root, string where) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String
            ? text.GetString()!
            : throw new InvalidDataException($"{where}: each line must be a JSON object with a string \"text\"");

    /// <summary>Parses one line; <paramref name="where"/> names it in errors.</summary>
    public static LabelledText Parse(string line, string where)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            var text = Text(root, where);
            bool? label = root.TryGetProperty("label", out var l) ? l.ValueKind switch
            {
                JsonValueKind.Number when l.TryGetInt32(out var n) && n is 0 or 1 => n == 1,
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => throw new InvalidDataException($"{where}: \"label\" must be 0, 1, true or false"),
            } : null;
            return new LabelledText(
                text,
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
    }

    private static string? Optional(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
