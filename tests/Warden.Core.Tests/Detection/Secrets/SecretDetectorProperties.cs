using System.Diagnostics;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Warden.Detection.Secrets;

namespace Warden.Tests.Detection.Secrets;

public sealed class SecretDetectorProperties
{
    private static readonly SecretDetector Detector = SecretDetector.Instance;

    public static class Arbitraries
    {
        private static readonly string[] Secrets =
        [
            TestSecrets.AwsAccessKeyId, TestSecrets.GitHub("ghp"), TestSecrets.GitHubFineGrained(), TestSecrets.Slack("xoxb"),
            TestSecrets.SlackWebhook(), TestSecrets.Stripe("sk_live"), TestSecrets.Stripe("pk_live"), TestSecrets.Google(),
            TestSecrets.Jwt(), TestSecrets.PrivateKey(), TestSecrets.PrivateKey("EC ", footer: false), "4111 1111 1111 1111",
            "378282246310005", TestSecrets.Random(1, 24), TestSecrets.Random(2, 40, "0123456789abcdef"), TestSecrets.AwsSecretAccessKey,
        ];

        private static readonly string[] Joints =
        [
            "password=", "\"api_key\": \"", "token: ", "Authorization: Bearer ", "aws_secret_access_key = ", "secret := ",
            " ", "\n", "\"", ".", "-", "=", ":", "eyJ", "-----BEGIN PRIVATE KEY-----", "-----END ", "xoxb-", "4111", "\uD800", "\uDC00",
        ];

        private static Gen<string> Noise { get; } =
            Gen.Frequency(
                    (6, Gen.Choose(0x20, 0x7e)),
                    (1, Gen.Choose(0x00, 0x1f)),
                    (1, Gen.Choose(0xd800, 0xdfff)),
                    (1, Gen.Choose(0xa0, 0x2ff)),
                    (1, Gen.Choose(0x1f600, 0x1f64f)))
                .Select(code => code is >= 0xd800 and <= 0xdfff ? ((char)code).ToString() : char.ConvertFromUtf32(code))
                .ListOf()
                .Select(parts => string.Concat(parts.Take(40)));

        /// <summary>Texts made of secrets, key-like names, separators, lone surrogates and noise, cut at random places.</summary>
        public static Arbitrary<string> Texts() => Arb.From(
            Gen.Frequency(
                    (3, Gen.Elements(Secrets)),
                    (3, Gen.Elements(Joints)),
                    (3, Noise),
                    (1, Gen.Elements(Secrets).SelectMany(s => Gen.Choose(0, s.Length).Select(cut => s[..cut]))))
                .ListOf()
                .Select(parts => string.Concat(parts.Take(12))));
    }

    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 1000)]
    public void Findings_lie_within_the_text_in_order_without_overlap(string text)
    {
        var findings = Detector.Find(text);

        var end = 0;
        foreach (var finding in findings)
        {
            Assert.True(finding.Start >= end && finding.Length > 0 && finding.End <= text.Length, $"{finding} in {text.Length}");
            Assert.InRange(finding.Score, 0.0, 1.0);
            end = finding.End;
        }

        Assert.Equal(findings.Count > 0, Detector.ContainsSecret(text));
    }

    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 1000)]
    public void Redacted_text_contains_no_found_secret(string text)
    {
        var redacted = Detector.Redact(text);

        foreach (var finding in Detector.Find(text))
        {
            var secret = text.Substring(finding.Start, finding.Length);
            Assert.DoesNotContain(secret, redacted, StringComparison.Ordinal);
        }
    }

    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 2000)]
    public bool The_cheap_pre_test_never_rules_out_a_text_that_holds_a_secret(string text) =>
        SecretDetector.MayContainSecret(text) || Detector.Find(text).Count == 0;

    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 300)]
    public bool Known_secret_embedded_between_spaces_is_always_found(string prefix, string suffix)
    {
        var text = prefix + " " + TestSecrets.GitHub("ghp") + " " + suffix;

        return Detector.ContainsSecret(text) && !Detector.Redact(text).Contains(TestSecrets.GitHub("ghp"), StringComparison.Ordinal);
    }

    [Property(MaxTest = 1000)]
    public void Find_never_throws_on_arbitrary_strings(string? text)
    {
        text ??= string.Empty;

        _ = Detector.Find(text);
        _ = Detector.ContainsSecret(text);
        _ = Detector.Redact(text);
    }

    [Fact]
    public void Lone_surrogates_do_not_make_it_throw()
    {
        foreach (var text in new[] { "\uD800", "\uDC00password=\uD800" + TestSecrets.Random(4, 20), "token: \uDBFF\uDBFF" + TestSecrets.Random(5, 30) + "\uDC00" })
        {
            _ = Detector.Find(text);
            _ = Detector.Redact(text);
        }
    }

    public static TheoryData<string> LargeInputs()
    {
        const int size = 1 << 20;
        static string Repeat(string unit) => new StringBuilder(size + unit.Length).Insert(0, unit, (size / unit.Length) + 1).ToString(0, size);

        return new TheoryData<string>(
            TestSecrets.Random(1, size, TestSecrets.Alphanumeric + "+/=:.- \n\"'_"),
            new string('a', size),
            new string('4', size),
            Repeat("4111 "),
            Repeat("a="),
            Repeat("password="),
            Repeat("eyJ"),
            Repeat("eyJhbGciOiJIUzI1NiJ9."),
            Repeat("-----BEGIN PRIVATE KEY-----\n"),
            Repeat("xoxb-1-"),
            Repeat("ghp_"),
            Repeat("Bearer "),
            Repeat("\uD800"));
    }

    [Theory]
    [MemberData(nameof(LargeInputs))]
    public void One_megabyte_inputs_are_scanned_in_linear_time(string text)
    {
        var clock = Stopwatch.StartNew();

        _ = Detector.Find(text);
        _ = Detector.Redact(text);

        // generous: a pattern that backtracked quadratically would take minutes, not seconds
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
    }

    [Fact]
    public void Secrets_in_a_large_text_are_all_found()
    {
        var builder = new StringBuilder();
        for (var i = 0; i < 2000; i++)
        {
            builder.Append("line ").Append(i).Append(": ordinary log text with id 550e8400-e29b-41d4-a716-446655440000\n");
            if (i % 100 == 0)
            {
                builder.Append("GITHUB_TOKEN=").Append(TestSecrets.GitHub("ghp", i)).Append('\n');
            }
        }

        var findings = Detector.Find(builder.ToString());

        Assert.Equal(20, findings.Count);
        Assert.All(findings, f => Assert.Equal(SecretKinds.GitHubToken, f.Kind));
    }
}
