using System.Text;
using System.Text.Json;
using Warden.Auditing;

namespace Warden.Tests.Auditing;

public sealed class MaskDigestTests
{
    private static readonly MaskDigest Digest = new(Encoding.ASCII.GetBytes("0123456789abcdef0123456789abcdef"));
    private static readonly MaskDigest OtherKey = new(Encoding.ASCII.GetBytes("fedcba9876543210fedcba9876543210"));

    [Fact]
    public void A_masked_field_keeps_a_keyed_digest_that_matches_the_same_value_only_under_the_same_key()
    {
        using var first = JsonDocument.Parse("""{"user":"ann","password":"hunter2","nested":{"api_key":"hunter2"},"token":12345,"secret":{"a":[1,2]}}""");
        var masked = JsonDocument.Parse(SecretMasker.MaskToUtf8(first.RootElement, Digest)).RootElement;

        var password = masked.GetProperty("password").GetString()!;
        Assert.StartsWith(MaskDigest.Prefix, password, StringComparison.Ordinal);
        Assert.Equal(MaskDigest.Prefix.Length + 24, password.Length);
        Assert.Equal(password, masked.GetProperty("nested").GetProperty("api_key").GetString());
        Assert.Equal(Digest.Of("hunter2"), password);
        Assert.NotEqual(OtherKey.Of("hunter2"), password);
        Assert.NotEqual(Digest.Of("hunter3"), password);
        Assert.Equal(Digest.Of("12345"), masked.GetProperty("token").GetString());
        Assert.Equal(Digest.Of("""{"a":[1,2]}"""), masked.GetProperty("secret").GetString());
        Assert.Equal("ann", masked.GetProperty("user").GetString());
        Assert.DoesNotContain("hunter2", masked.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_secret_found_inside_free_text_is_replaced_by_its_digest_and_the_rest_of_the_text_stays()
    {
        const string key = "AKIAIOSFODNN7EXAMPLE";
        using var arguments = JsonDocument.Parse($$"""{"note":"use {{key}} for the upload"}""");

        var masked = JsonDocument.Parse(SecretMasker.MaskToUtf8(arguments.RootElement, Digest)).RootElement.GetProperty("note").GetString();
        var reason = AuditMasking.Apply(Event($"the tool echoed {key}"), Digest).Reason;

        Assert.Equal($"use {Digest.Of(key)} for the upload", masked);
        Assert.Equal($"the tool echoed {Digest.Of(key)}", reason);
        Assert.Equal("the tool echoed ***", AuditMasking.Apply(Event($"the tool echoed {key}")).Reason);
    }

    [Fact]
    public void Keys_shorter_than_sixteen_bytes_are_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new MaskDigest(new byte[8]));
        Assert.Contains("at least 16 bytes", error.Message, StringComparison.Ordinal);
        Assert.Equal(MaskDigest.KeyLength, MaskDigest.NewKey().Length);
    }

    private static AuditEvent Event(string reason) => new()
    {
        Id = "e1",
        Timestamp = DateTimeOffset.UnixEpoch,
        Type = AuditEventType.Error,
        AgentId = "a",
        SessionId = "s",
        Decision = DecisionKind.Deny,
        Rule = "r",
        Reason = reason,
    };
}
