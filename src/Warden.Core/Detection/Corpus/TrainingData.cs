using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Warden.Detection.Corpus;

/// <summary>
/// The project's detection data and its split. Public data: BIPIA's own test files are held out; of
/// the other public files a fixed fifth (by a hash of the text) is held out. The project's synthetic
/// data carries its split per line (whole template families are held out). Held-out lines are never
/// trained or tuned on.
/// </summary>
public static class TrainingData
{
    /// <summary>Every corpus file under <paramref name="dataDirectory"/> (<c>public/</c> and <c>detection/</c>).</summary>
    public static IReadOnlyList<string> Files(string dataDirectory)
    {
        if (!Directory.Exists(dataDirectory))
        {
            throw new DirectoryNotFoundException($"the data folder '{dataDirectory}' does not exist; run from the repository root or pass --data");
        }

        return Directory.EnumerateFiles(dataDirectory, "*.jsonl*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".jsonl", StringComparison.Ordinal) || f.EndsWith(".jsonl.gz", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>True when <paramref name="item"/> belongs to the held-out split.</summary>
    public static bool IsHeldOut(LabelledText item)
    {
        if (item.Split is { } split)
        {
            return split == "heldout";
        }

        if (item.Source.Contains("BIPIA", StringComparison.Ordinal))
        {
            return item.Source.Contains("/test.jsonl", StringComparison.Ordinal);
        }

        return BinaryPrimitives.ReadUInt32LittleEndian(SHA256.HashData(Encoding.UTF8.GetBytes(item.Text))) % 5 == 0;
    }
}
