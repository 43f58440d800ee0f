using System.Text;

namespace Warden.Tests.Detection.Secrets;

/// <summary>
/// Builds secret-shaped test values at run time, so that no live-looking token is written in the source
/// (push-protection scanners flag literal tokens). The AWS values are AWS's own documentation examples.
/// </summary>
internal static class TestSecrets
{
    public const string Alphanumeric = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    public const string Base64UrlAlphabet = Alphanumeric + "-_";
    public const string AwsAccessKeyId = "AKIAIOSFODNN7EXAMPLE";
    public const string AwsSecretAccessKey = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    /// <summary>A deterministic pseudo-random string over <paramref name="alphabet"/>.</summary>
    public static string Random(int seed, int length, string alphabet = Alphanumeric)
    {
        var random = new Random(seed);
        return string.Create(length, (random, alphabet), static (span, state) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = state.alphabet[state.random.Next(state.alphabet.Length)];
            }
        });
    }

    public static string GitHub(string prefix, int seed = 1) => prefix + "_" + Random(seed, 36);

    public static string GitHubFineGrained(int seed = 1) => "github" + "_pat_" + Random(seed, 22) + "_" + Random(seed + 1, 59);

    public static string Slack(string prefix, int seed = 1) =>
        prefix + "-" + Random(seed, 12, "0123456789") + "-" + Random(seed + 1, 13, "0123456789") + "-" + Random(seed + 2, 24);

    public static string SlackWebhook(int seed = 1) =>
        "https://hooks.slack.com/services/T" + Random(seed, 8, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        + "/B" + Random(seed + 1, 8, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") + "/" + Random(seed + 2, 24);

    public static string Stripe(string prefix, int seed = 1) => prefix + "_" + Random(seed, 24);

    public static string Google(int seed = 1) => "AI" + "za" + Random(seed, 35, Base64UrlAlphabet);

    public static string Jwt(string header = """{"alg":"HS256","typ":"JWT"}""", int seed = 1) =>
        B64(header) + "." + B64("""{"sub":"1234567890","name":"Ada","iat":1516239022}""") + "." + Random(seed, 43, Base64UrlAlphabet);

    public static string B64(string json) => System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json));

    public static string PrivateKey(string label = "RSA ", bool footer = true, int seed = 1)
    {
        var builder = new StringBuilder("-----BEGIN ").Append(label).Append("PRIVATE").Append(" KEY-----\n");
        for (var line = 0; line < 5; line++)
        {
            builder.Append(Random(seed + line, 64, Alphanumeric + "+/")).Append('\n');
        }

        if (footer)
        {
            builder.Append("-----END ").Append(label).Append("PRIVATE").Append(" KEY-----");
        }

        return builder.ToString();
    }

    /// <summary><paramref name="body"/> with the Luhn check digit appended.</summary>
    public static string WithLuhnDigit(string body)
    {
        var sum = 0;
        var doubled = true;
        for (var i = body.Length - 1; i >= 0; i--)
        {
            var d = body[i] - '0';
            if (doubled)
            {
                d = d * 2 > 9 ? (d * 2) - 9 : d * 2;
            }

            sum += d;
            doubled = !doubled;
        }

        return body + (char)('0' + ((10 - (sum % 10)) % 10));
    }
}
