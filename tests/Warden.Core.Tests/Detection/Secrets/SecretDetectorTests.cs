using System.Text;
using Warden.Detection.Secrets;

namespace Warden.Tests.Detection.Secrets;

public sealed class SecretDetectorTests
{
    private static readonly SecretDetector Detector = SecretDetector.Instance;

    /// <summary>Asserts that <paramref name="secret"/>, set inside <paramref name="before"/> and <paramref name="after"/>, is found exactly, and only it.</summary>
    private static SecretFinding AssertFoundExactly(string secret, string kind, string before = "value ", string after = " end")
    {
        var text = before + secret + after;

        var finding = Assert.Single(Detector.Find(text));

        Assert.Equal(kind, finding.Kind);
        Assert.Equal(secret, text.Substring(finding.Start, finding.Length));
        Assert.InRange(finding.Score, 0.0, 1.0);
        Assert.True(Detector.ContainsSecret(text));
        var redacted = Detector.Redact(text);
        Assert.Equal(before + "***" + after, redacted);
        return finding;
    }

    private static void AssertNothingFound(string text)
    {
        var findings = Detector.Find(text);

        Assert.True(findings.Count == 0, $"found {string.Join(", ", findings.Select(f => $"{f.Kind} '{text.Substring(f.Start, f.Length)}'"))} in: {text}");
        Assert.False(Detector.ContainsSecret(text));
        Assert.Same(text, Detector.Redact(text));
    }

    // --- AWS ---------------------------------------------------------------------------------------

    [Theory]
    [InlineData("", " is the key")]
    [InlineData("aws_access_key_id = ", "\n")]
    [InlineData("\"AccessKeyId\": \"", "\"")]
    public void Finds_aws_access_key_id(string before, string after) =>
        AssertFoundExactly(TestSecrets.AwsAccessKeyId, SecretKinds.AwsAccessKeyId, before, after);

    [Theory]
    [InlineData("ASIA")]
    [InlineData("ABIA")]
    [InlineData("ACCA")]
    public void Finds_every_aws_key_id_prefix(string prefix) =>
        AssertFoundExactly(prefix + "Q3EGSMB2N4UAVYXH", SecretKinds.AwsAccessKeyId);

    [Theory]
    [InlineData("aws_secret_access_key = ", "\n")]
    [InlineData("AWS_SECRET_ACCESS_KEY=", "")]
    [InlineData("{\"SecretAccessKey\": \"", "\"}")]
    [InlineData("aws.secret: '", "'")]
    public void Finds_aws_secret_access_key_beside_its_name(string before, string after) =>
        AssertFoundExactly(TestSecrets.AwsSecretAccessKey, SecretKinds.AwsSecretAccessKey, before, after);

    [Fact]
    public void Aws_secret_access_key_without_a_name_is_not_reported() =>
        AssertNothingFound("the string " + TestSecrets.AwsSecretAccessKey + " appears in a log line");

    [Fact]
    public void Aws_key_id_inside_a_longer_word_is_not_reported() =>
        AssertNothingFound("X" + TestSecrets.AwsAccessKeyId + "Z and " + TestSecrets.AwsAccessKeyId + "0");

    // --- GitHub ------------------------------------------------------------------------------------

    [Theory]
    [InlineData("ghp")]
    [InlineData("gho")]
    [InlineData("ghu")]
    [InlineData("ghs")]
    [InlineData("ghr")]
    public void Finds_github_tokens(string prefix)
    {
        var finding = AssertFoundExactly(TestSecrets.GitHub(prefix), SecretKinds.GitHubToken, "git clone https://x:", "@github.com/o/r");

        Assert.True(finding.Score >= 0.9);
    }

    [Fact]
    public void Finds_github_token_of_one_repeated_letter() =>
        AssertFoundExactly("ghp_" + new string('a', 36), SecretKinds.GitHubToken);

    [Fact]
    public void Finds_github_fine_grained_token() =>
        AssertFoundExactly(TestSecrets.GitHubFineGrained(), SecretKinds.GitHubToken);

    [Fact]
    public void Github_prefix_with_too_short_a_body_is_not_reported() =>
        AssertNothingFound("see ghp_" + new string('a', 20) + " and gh" + "x_" + new string('b', 36));

    // --- Slack -------------------------------------------------------------------------------------

    [Theory]
    [InlineData("xoxb")]
    [InlineData("xoxp")]
    [InlineData("xoxa")]
    [InlineData("xoxr")]
    [InlineData("xoxs")]
    public void Finds_slack_tokens(string prefix) =>
        AssertFoundExactly(TestSecrets.Slack(prefix), SecretKinds.SlackToken, "SLACK=", "\n");

    [Fact]
    public void Finds_slack_webhook_url() =>
        AssertFoundExactly(TestSecrets.SlackWebhook(), SecretKinds.SlackToken, "post to ", " now");

    [Fact]
    public void Finds_slack_webhook_without_scheme() =>
        AssertFoundExactly(TestSecrets.SlackWebhook()["https://".Length..], SecretKinds.SlackToken);

    // --- Stripe ------------------------------------------------------------------------------------

    [Theory]
    [InlineData("sk_live", 0.9, 1.0)]
    [InlineData("rk_live", 0.9, 1.0)]
    [InlineData("sk_test", 0.5, 0.89)]
    [InlineData("pk_live", 0.1, 0.49)]
    public void Finds_stripe_keys_scored_by_kind(string prefix, double least, double most)
    {
        var finding = AssertFoundExactly(TestSecrets.Stripe(prefix), SecretKinds.StripeKey, "stripe.api_key = '", "'");

        Assert.InRange(finding.Score, least, most);
    }

    [Fact]
    public void Publishable_test_key_is_not_reported() => AssertNothingFound("key " + TestSecrets.Stripe("pk_test") + " here");

    // --- Google ------------------------------------------------------------------------------------

    [Fact]
    public void Finds_google_api_key() =>
        AssertFoundExactly(TestSecrets.Google(), SecretKinds.GoogleApiKey, "https://maps.googleapis.com/maps/api/js?key=", "&callback=init");

    [Fact]
    public void Google_prefix_with_wrong_length_is_not_reported() =>
        AssertNothingFound("AI" + "za" + TestSecrets.Random(1, 30) + " and AI" + "za" + TestSecrets.Random(2, 40));

    // --- JWT ---------------------------------------------------------------------------------------

    [Theory]
    [InlineData("Authorization: Bearer ", "\r\n")]
    [InlineData("{\"id_token\":\"", "\"}")]
    [InlineData("", ".")]
    public void Finds_jwt(string before, string after) => AssertFoundExactly(TestSecrets.Jwt(), SecretKinds.Jwt, before, after);

    [Fact]
    public void Finds_unsigned_jwt_with_empty_signature()
    {
        var token = TestSecrets.Jwt("""{"alg":"none"}""");
        token = token[..(token.LastIndexOf('.') + 1)];

        AssertFoundExactly(token, SecretKinds.Jwt);
    }

    [Theory]
    [InlineData("""{"typ":"JWT"}""")]
    [InlineData("""{"alg":5}""")]
    [InlineData("""{"nested":{"alg":"HS256"}}""")]
    [InlineData("""{"alg":"HS256" """)]
    public void Jwt_like_text_whose_header_has_no_alg_is_not_reported(string header) =>
        AssertNothingFound("data " + TestSecrets.Jwt(header) + " end");

    [Fact]
    public void Jwt_header_that_is_not_base64url_is_not_reported() =>
        AssertNothingFound("eyJ!!!!.eyJabc.def and eyJa.bc.de");

    // --- Private keys ------------------------------------------------------------------------------

    [Theory]
    [InlineData("")]
    [InlineData("RSA ")]
    [InlineData("EC ")]
    [InlineData("OPENSSH ")]
    [InlineData("DSA ")]
    [InlineData("ENCRYPTED ")]
    public void Finds_pem_private_key_block(string label)
    {
        var finding = AssertFoundExactly(TestSecrets.PrivateKey(label), SecretKinds.PrivateKey, "key file:\n", "\nmore text");

        Assert.Equal(1.0, finding.Score);
    }

    [Fact]
    public void Private_key_without_its_footer_is_found_through_its_body()
    {
        var key = TestSecrets.PrivateKey(footer: false).TrimEnd('\n');

        AssertFoundExactly(key, SecretKinds.PrivateKey, "truncated:\n", "\n\n(output cut)");
    }

    [Fact]
    public void Two_private_keys_are_found_separately()
    {
        var text = TestSecrets.PrivateKey("EC ", seed: 1) + "\n\n" + TestSecrets.PrivateKey("RSA ", seed: 9);

        var findings = Detector.Find(text);

        Assert.Equal(2, findings.Count);
        Assert.All(findings, f => Assert.Equal(SecretKinds.PrivateKey, f.Kind));
        Assert.DoesNotContain("PRIVATE", Detector.Redact(text), StringComparison.Ordinal);
    }

    [Fact]
    public void Public_key_and_certificate_are_not_reported() =>
        AssertNothingFound("-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA\n-----END PUBLIC KEY-----\n"
            + "-----BEGIN CERTIFICATE-----\nMIIDdzCCAl+gAwIBAgIEAgAAuTANBgkqhkiG9w0BAQUFADBa\n-----END CERTIFICATE-----");

    // --- Generic secrets beside key-like names -----------------------------------------------------

    [Theory]
    [InlineData("password=", "")]
    [InlineData("DB_PASSWORD=", "\n")]
    [InlineData("passwd: ", "\n")]
    [InlineData("\"pwd\": \"", "\"")]
    [InlineData("client_secret := ", "")]
    [InlineData("{\"api_key\":\"", "\"}")]
    [InlineData("apiKey: '", "'")]
    [InlineData("X-Api-Key: ", "\r\n")]
    [InlineData("access-key = ", ";")]
    [InlineData("auth_token=", "&x=1")]
    [InlineData("'credentials' => '", "',")]
    [InlineData("Authorization: Bearer ", "\r\n")]
    [InlineData("curl -H 'Authorization: Basic ", "' https://x")]
    [InlineData("spring.datasource.password=", "\n")]
    public void Finds_high_entropy_value_beside_key_like_name(string before, string after)
    {
        var finding = AssertFoundExactly(TestSecrets.Random(7, 24), SecretKinds.GenericSecret, before, after);

        Assert.InRange(finding.Score, 0.5, 0.89);
    }

    [Fact]
    public void Hex_token_beside_a_key_like_name_is_reported() =>
        AssertFoundExactly(TestSecrets.Random(3, 40, "0123456789abcdef"), SecretKinds.GenericSecret, "TOKEN=", "");

    [Fact]
    public void Specific_format_wins_over_generic_secret_beside_a_name()
    {
        var token = TestSecrets.GitHub("ghp");

        var finding = Assert.Single(Detector.Find("GITHUB_TOKEN=" + token));

        Assert.Equal(SecretKinds.GitHubToken, finding.Kind);
    }

    [Theory]
    [InlineData("password=hunter2")]
    [InlineData("password: correct horse battery staple")]
    [InlineData("api_key=YOUR_API_KEY_HERE")]
    [InlineData("api_key=your-api-key-goes-here")]
    [InlineData("password: ${DB_PASSWORD}")]
    [InlineData("token=$GITHUB_TOKEN_FROM_ENVIRONMENT")]
    [InlineData("token: process.env.API_TOKEN_VALUE")]
    [InlineData("secret=config.Secrets.SigningKeyValue")]
    [InlineData("password=xxxxxxxxxxxxxxxxxxxxxxxx")]
    [InlineData("password=0000000000000000")]
    [InlineData("secret=changeme-changeme")]
    [InlineData("secret: secretsecretsecretsecret")]
    [InlineData("secret_name=my-production-database-secret")]
    [InlineData("token_endpoint=https://login.example.com/oauth2/v2.0/token")]
    [InlineData("PWD=/home/user/projects/warden/src")]
    [InlineData("max_tokens: 4096")]
    [InlineData("token_count=1234567890123456")]
    [InlineData("author: Ada Lovelace-Byron 1815")]
    [InlineData("authority=LoginMicrosoftOnline2024")]
    [InlineData("Authorization: Bearer <your-access-token>")]
    public void Placeholder_word_path_or_weak_value_beside_a_name_is_not_reported(string text) => AssertNothingFound(text);

    [Fact]
    public void High_entropy_value_beside_an_ordinary_name_is_not_reported() =>
        AssertNothingFound("request_id=" + TestSecrets.Random(5, 32) + " nonce_hint: " + TestSecrets.Random(6, 24));

    // --- Card numbers ------------------------------------------------------------------------------

    [Theory]
    [InlineData("4111111111111111")] // Visa
    [InlineData("4012888888881881")] // Visa
    [InlineData("4222222222222")] // Visa, 13 digits
    [InlineData("5555555555554444")] // Mastercard
    [InlineData("5105105105105100")] // Mastercard
    [InlineData("2223003122003222")] // Mastercard 2-series
    [InlineData("378282246310005")] // American Express
    [InlineData("371449635398431")] // American Express
    [InlineData("6011111111111117")] // Discover
    [InlineData("3530111333300000")] // JCB
    [InlineData("30569309025904")] // Diners Club
    [InlineData("6200000000000005")] // UnionPay
    [InlineData("4111 1111 1111 1111")]
    [InlineData("4111-1111-1111-1111")]
    [InlineData("3782 822463 10005")]
    public void Finds_card_numbers(string number) =>
        AssertFoundExactly(number, SecretKinds.CardNumber, "card: ", ", exp 12/30");

    [Theory]
    [InlineData("4111111111111112")] // fails Luhn
    [InlineData("5555555555554445")] // fails Luhn
    [InlineData("1234567812345670")] // Luhn-valid, no issuer starts with 1
    [InlineData("4111 1111 1111 1111 1111 1111")] // too long
    [InlineData("4111-1111 1111-1111")] // mixed separators
    [InlineData("41 11 11 11 11 11 11 11")] // pairs, not card groups
    [InlineData("4111  1111  1111  1111")] // double spaces
    [InlineData("0.4111111111111111")] // a decimal
    [InlineData("id4111111111111111")] // inside a word
    public void Non_card_digit_runs_are_not_reported(string text) => AssertNothingFound("value " + text + " end");

    [Fact]
    public void Luhn_valid_number_with_unknown_prefix_or_wrong_length_is_not_reported()
    {
        AssertNothingFound("ref " + TestSecrets.WithLuhnDigit("700000000000000"));
        AssertNothingFound("ref " + TestSecrets.WithLuhnDigit("90000000000000000"));
        AssertNothingFound("ref " + TestSecrets.WithLuhnDigit("41111111111111")); // Visa prefix, 15 digits
        AssertNothingFound("ref " + TestSecrets.WithLuhnDigit("34000000000000000")); // Amex prefix, 18 digits
    }

    [Fact]
    public void Random_sixteen_digit_numbers_are_reported_only_when_luhn_valid_with_a_known_prefix()
    {
        var random = new Random(42);
        for (var i = 0; i < 2000; i++)
        {
            var number = TestSecrets.Random(random.Next(), 16, "0123456789");

            var found = Detector.ContainsSecret("order " + number);

            var expected = number[0] is '4' || (number[0] == '5' && number[1] is >= '1' and <= '5')
                || (int.Parse(number[..4]) is >= 2221 and <= 2720) || number.StartsWith("6011") || number[..2] is "65" or "62"
                || (int.Parse(number[..3]) is >= 644 and <= 649) || (int.Parse(number[..4]) is >= 3528 and <= 3589)
                || (int.Parse(number[..3]) is >= 300 and <= 305) || number[..2] is "36" or "38" or "39";
            expected = expected && IsLuhnValid(number);
            Assert.True(expected == found, number);
        }
    }

    private static bool IsLuhnValid(string number) => TestSecrets.WithLuhnDigit(number[..^1]) == number;

    // --- Ordinary text that must not be reported ---------------------------------------------------

    [Theory]
    [InlineData("md5: 5d41402abc4b2a76b9719d911017c592")]
    [InlineData("sha1 aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d")]
    [InlineData("sha256=2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824")]
    [InlineData("commit 3f786850e387550fdab836ed7e6dc881de23001b\nAuthor: Ada <ada@example.com>")]
    [InlineData("Merge 9fceb02d0ae598e95dc970b74767f19372d61af8 into 3f786850e387")]
    [InlineData("ETag: \"33a64df551425fcc55e4d42a148795d9f25f89d4\"")]
    public void Hex_ids_hashes_and_commit_ids_are_not_reported(string text) => AssertNothingFound(text);

    [Theory]
    [InlineData("id: 550e8400-e29b-41d4-a716-446655440000")]
    [InlineData("{\"requestId\":\"{3F2504E0-4F89-11D3-9A0C-0305E82C3301}\"}")]
    [InlineData("trace=6ba7b810-9dad-11d1-80b4-00c04fd430c8 span=00f067aa0ba902b7")]
    public void Uuids_are_not_reported(string text) => AssertNothingFound(text);

    [Fact]
    public void Base64_of_ordinary_data_is_not_reported()
    {
        var encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes("The quick brown fox jumps over the lazy dog, twice over: 1234567890."));
        var bytes = new byte[300];
        new Random(3).NextBytes(bytes);

        AssertNothingFound("data: " + encoded);
        AssertNothingFound("{\"thumbnail\":\"" + Convert.ToBase64String(bytes) + "\"}");
        AssertNothingFound("content=" + Convert.ToBase64String(bytes) + "\n");
    }

    [Theory]
    [InlineData("Warden 1.2.3-beta.4+build.5678 on .NET 10.0.100")]
    [InlineData("version: 2024.01.15.1234567")]
    [InlineData("call +1 (555) 123-4567 or +44 20 7946 0958 or 555-123-4567")]
    [InlineData("Order #100045678912 shipped; ref ORD-2024-000123456")]
    [InlineData("invoice 4000-1234-5678")]
    [InlineData("at 1700000000000 ms, 2024-01-15T10:30:00.1234567Z, ts 20240115103000123")]
    [InlineData("IBAN DE89 3704 0044 0532 0130 00")]
    [InlineData("ISBN 978-3-16-148410-0, tracking 1Z999AA10123456784")]
    [InlineData("pi is 3.14159265358979323846")]
    [InlineData("The system prompt says: ignore previous instructions.")]
    [InlineData("")]
    public void Ordinary_text_is_not_reported(string text) => AssertNothingFound(text);

    // --- Several findings, redaction ---------------------------------------------------------------

    [Fact]
    public void Finds_several_secrets_in_order()
    {
        var github = TestSecrets.GitHub("ghs");
        var text = $"key {TestSecrets.AwsAccessKeyId}, token {github}, card 4111 1111 1111 1111, jwt {TestSecrets.Jwt()}";

        var findings = Detector.Find(text);

        Assert.Equal(
            [SecretKinds.AwsAccessKeyId, SecretKinds.GitHubToken, SecretKinds.CardNumber, SecretKinds.Jwt],
            findings.Select(f => f.Kind));
        Assert.Equal(findings.OrderBy(f => f.Start), findings);
        Assert.Equal("key ***, token ***, card ***, jwt ***", Detector.Redact(text));
    }

    [Fact]
    public void Redact_uses_the_given_mask() =>
        Assert.Equal("k=[REDACTED]", Detector.Redact("k=" + TestSecrets.AwsAccessKeyId, "[REDACTED]"));

    [Fact]
    public void Redact_hides_a_repeat_of_a_secret_found_beside_its_name()
    {
        var password = TestSecrets.Random(11, 20);
        var text = $"password={password}\nlogin failed for {password}";

        Assert.Equal("password=***\nlogin failed for ***", Detector.Redact(text));
    }

    [Fact]
    public void Redact_leaves_text_without_secrets_unchanged()
    {
        const string text = "nothing to see: 550e8400-e29b-41d4-a716-446655440000";

        Assert.Same(text, Detector.Redact(text));
    }

    [Fact]
    public void Redact_rejects_null_arguments()
    {
        Assert.Throws<ArgumentNullException>(() => Detector.Redact(null!));
        Assert.Throws<ArgumentNullException>(() => Detector.Redact("x", (string)null!));
        Assert.Throws<ArgumentNullException>(() => Detector.Redact("x", (Func<string, string>)null!));
    }

    [Fact]
    public void Find_returns_the_shared_empty_list_when_nothing_is_found() =>
        Assert.Same(Array.Empty<SecretFinding>(), Detector.Find("plain text"));

    [Theory]
    [InlineData("")]
    [InlineData("plain")]
    [InlineData("x=1")]
    [InlineData("name: Ada,")]
    public void Find_allocates_nothing_when_nothing_is_found(string text)
    {
        // Regex hands out one cached runner and builds another while a second thread holds it; tests run
        // in parallel, so the least allocation over several calls is the one measured. The first calls
        // run unoptimised code that may allocate while the JIT tiers up, so steady state is measured.
        for (var i = 0; i < 2_000; i++)
        {
            Detector.Find(text);
            Detector.ContainsSecret(text);
        }

        var least = long.MaxValue;
        for (var i = 0; i < 50; i++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var findings = Detector.Find(text);
            var contains = Detector.ContainsSecret(text);
            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
            Assert.Empty(findings);
            Assert.False(contains);
        }

        Assert.Equal(0, least);
    }

    [Fact]
    public void Finding_end_is_start_plus_length() => Assert.Equal(12, new SecretFinding(SecretKinds.Jwt, 5, 7, 0.5).End);
}
