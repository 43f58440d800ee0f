using System.Text;
using BenchmarkDotNet.Attributes;
using Warden.Detection;
using Warden.Detection.Model;

namespace Warden.Benchmarks;

/// <summary>The layered detector (normalisation, rules, model): a 1 KB text, a 1 MB text, a JSON tool result of 1 MB, and loading the model.</summary>
[MemoryDiagnoser]
public class DetectionBenchmarks
{
    private LayeredInjectionDetector _detector = null!;
    private string _oneKilobyte = null!;
    private string _oneMegabyte = null!;
    private string _jsonResult = null!;
    private string _webPage = null!;

    [GlobalSetup]
    public void Setup()
    {
        _detector = LayeredInjectionDetector.Default;
        var paragraph = "Hi team, the quarterly report is attached. Revenue grew 12% on the back of the Atlas launch; " +
            "hiring stays frozen until the Brightline deal closes. Please review the numbers before Thursday's call " +
            "and send comments to Maria. The offsite in Lisbon is confirmed for 3-5 October. ";
        _oneKilobyte = Repeat(paragraph, 1024);
        _oneMegabyte = Repeat(paragraph, 1024 * 1024);
        // Messages as a mail tool returns them, serialised with System.Text.Json's default encoder: line
        // breaks, quotes and every non-ASCII character escaped; just under the size the JSON step reads.
        var messages = new List<object>();
        for (var length = 2; length < 1_000_000;)
        {
            var message = new { id = messages.Count, from = "maria@example.com", subject = "Q3 – Büro in Lisboa", body = paragraph + "\n\"Atlas\" numbers attached.\n" };
            messages.Add(message);
            length += System.Text.Json.JsonSerializer.Serialize(message).Length + 1;
        }

        _jsonResult = System.Text.Json.JsonSerializer.Serialize(messages);
        // A page as a fetch tool returns it: each post a card with classes, inline style, a link, an image with alt text.
        _webPage = Repeat(
            "<div class=\"card shadow-sm mb-3\" id=\"post-q3\"><h2 class=\"card-title\"><a href=\"/posts/q3-report?ref=home\" rel=\"noopener noreferrer\">Quarterly report</a></h2>" +
            $"<p style=\"color: #333; margin: 0 0 8px\">{paragraph}</p><img src=\"/img/atlas.png\" alt=\"Atlas launch chart\" width=\"320\" height=\"200\" loading=\"lazy\">" +
            "<span class=\"badge bg-secondary\">news</span></div>\n",
            1024 * 1024);
        _detector.Detect(_oneKilobyte);
    }

    [Benchmark(Description = "detect, 1 KB email")]
    public double OneKilobyte() => _detector.Detect(_oneKilobyte).Score;

    [Benchmark(Description = "detect, 1 MB document")]
    public double OneMegabyte() => _detector.Detect(_oneMegabyte).Score;

    [Benchmark(Description = "detect, 1 MB JSON tool result")]
    public double JsonResult() => _detector.Detect(_jsonResult).Score;

    [Benchmark(Description = "detect, 1 MB web page")]
    public double WebPage() => _detector.Detect(_webPage).Score;

    [Benchmark(Description = "normalise only, 1 KB")]
    public int NormalizeOnly() => Warden.Detection.Normalization.TextNormalizer.Normalize(_oneKilobyte).Text.Length;

    [Benchmark(Description = "model only, 1 KB")]
    public double ModelOnly() => _detector.Model.Score(_oneKilobyte).Score;

    [Benchmark(Description = "rules only, 1 KB")]
    public int RulesOnly()
    {
        var hits = 0;
        foreach (var rule in Warden.Detection.Rules.InjectionRules.All)
        {
            hits += rule.Match(_oneKilobyte) is null ? 0 : 1;
        }

        return hits;
    }

    [Benchmark(Description = "secret scan, 1 KB email")]
    public int SecretsOneKilobyte() => Warden.Detection.Secrets.SecretDetector.Instance.Find(_oneKilobyte).Count;

    [Benchmark(Description = "load the shipped model")]
    public LinearModel LoadModel()
    {
        using var stream = typeof(LinearModel).Assembly.GetManifestResourceStream("Warden.Detection.Model.injection-model.bin")!;
        return LinearModel.Load(stream);
    }

    private static string Repeat(string text, int length)
    {
        var builder = new StringBuilder(length + text.Length);
        while (builder.Length < length)
        {
            builder.Append(text);
        }

        return builder.ToString(0, length);
    }
}
