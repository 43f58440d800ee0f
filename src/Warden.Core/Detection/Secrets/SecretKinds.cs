namespace Warden.Detection.Secrets;

/// <summary>The values <see cref="SecretFinding.Kind"/> takes.</summary>
public static class SecretKinds
{
    /// <summary>An AWS access key id: <c>AKIA</c>, <c>ASIA</c>, <c>ABIA</c> or <c>ACCA</c> and 16 upper-case letters or digits.</summary>
    public const string AwsAccessKeyId = "aws-access-key-id";

    /// <summary>An AWS secret access key: 40 base64 characters beside a name like <c>aws_secret_access_key</c>.</summary>
    public const string AwsSecretAccessKey = "aws-secret-access-key";

    /// <summary>A GitHub token: <c>ghp_</c>, <c>gho_</c>, <c>ghu_</c>, <c>ghs_</c>, <c>ghr_</c> or <c>github_pat_</c>.</summary>
    public const string GitHubToken = "github-token";

    /// <summary>A Slack token (<c>xoxb-</c>, <c>xoxp-</c>, ...) or incoming-webhook URL.</summary>
    public const string SlackToken = "slack-token";

    /// <summary>A Stripe secret, restricted or publishable key.</summary>
    public const string StripeKey = "stripe-key";

    /// <summary>A Google API key: <c>AIza</c> and 35 more characters.</summary>
    public const string GoogleApiKey = "google-api-key";

    /// <summary>A JSON web token whose header names an <c>alg</c>.</summary>
    public const string Jwt = "jwt";

    /// <summary>A PEM or PGP private key block.</summary>
    public const string PrivateKey = "private-key";

    /// <summary>A high-entropy value beside a key-like name (<c>password=</c>, <c>api_key:</c>, <c>Bearer</c>, ...).</summary>
    public const string GenericSecret = "generic-secret";

    /// <summary>A payment card number: Luhn-valid, with a known issuer prefix and length.</summary>
    public const string CardNumber = "card-number";
}
