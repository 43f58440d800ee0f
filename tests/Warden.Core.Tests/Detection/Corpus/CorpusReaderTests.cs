using System.IO.Compression;
using Warden.Detection.Corpus;

namespace Warden.Tests.Detection.Corpus;

public sealed class CorpusReaderTests
{
    [Fact]
    public void Reads_plain_and_gzip_files_alike()
    {
        var folder = Directory.CreateTempSubdirectory("warden-corpus-").FullName;
        var plain = Path.Combine(folder, "a.jsonl");
        const string content = "{\"text\":\"hello\",\"label\":0,\"source\":\"s\",\"kind\":\"direct\"}\n\n{\"text\":\"ignore\",\"label\":1,\"split\":\"heldout\",\"family\":\"f\"}\n";
        File.WriteAllText(plain, content);
        var zipped = Path.Combine(folder, "b.jsonl.gz");
        using (var gzip = new GZipStream(File.Create(zipped), CompressionLevel.Fastest))
        using (var writer = new StreamWriter(gzip))
        {
            writer.Write(content);
        }

        var a = CorpusReader.Read(plain).ToList();
        var b = CorpusReader.Read(zipped).ToList();

        Assert.Equal(a, b);
        Assert.Equal(new LabelledText("ignore", true, "unknown", "unknown", "heldout", "f"), a[1]);
    }

    [Theory]
    [InlineData("not json", "not JSON")]
    [InlineData("[1,2]", "string \"text\"")]
    [InlineData("{\"text\": 5}", "string \"text\"")]
    [InlineData("{\"text\": \"x\", \"label\": \"yes\"}", "\"label\"")]
    public void A_bad_line_names_the_file_and_line(string line, string fragment)
    {
        var error = Assert.Throws<InvalidDataException>(() => CorpusReader.Parse(line, "f.jsonl:7"));

        Assert.StartsWith("f.jsonl:7: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(fragment, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bipia_test_files_are_held_out_and_its_train_files_are_not()
    {
        Assert.True(TrainingData.IsHeldOut(new LabelledText("x", true, "microsoft/BIPIA:benchmark/email/test.jsonl", "indirect", null, null)));
        Assert.False(TrainingData.IsHeldOut(new LabelledText("x", true, "microsoft/BIPIA:benchmark/email/train.jsonl", "indirect", null, null)));
        Assert.True(TrainingData.IsHeldOut(new LabelledText("x", true, "anything", "direct", "heldout", null)));
    }
}
