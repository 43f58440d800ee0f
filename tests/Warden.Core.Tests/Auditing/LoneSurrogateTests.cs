using System.Text.Json;
using Warden.Auditing;
using Warden.Tests.Support;

namespace Warden.Tests.Auditing;

/// <summary>
/// JsonDocument accepts an escaped lone surrogate ("\uD800"), which Utf8JsonReader.CopyString refuses:
/// masking must not throw on it, and the gate must deny such arguments and still audit the call.
/// </summary>
public sealed class LoneSurrogateTests
{
    [Theory]
    [InlineData("""{"note":"\uD800"}""")]
    [InlineData("""{"\uDC00":1}""")]
    public void Lone_surrogate_escape_does_not_make_masking_throw(string json)
    {
        using var document = JsonDocument.Parse(json);

        var masked = SecretMasker.MaskToString(document.RootElement);

        Assert.NotEmpty(masked);
    }

    [Fact]
    public async Task Lone_surrogate_in_arguments_is_denied_and_audited_not_thrown()
    {
        var harness = new GateHarness(SamplePolicies.Standard);

        var result = await harness.InvokeAsync("read_doc", """{"path":"\uD800"}""");

        Assert.Equal(DecisionKind.Deny, result.Decision.Kind);
        Assert.Equal("arguments.invalid_text", result.Decision.Rule);
        Assert.Single(await harness.EventsAsync());
    }

    [Fact]
    public void JsonDocument_accepts_a_lone_surrogate_escape()
    {
        using var document = JsonDocument.Parse("""{"note":"\uD800"}""");

        Assert.Equal(JsonValueKind.String, document.RootElement.GetProperty("note").ValueKind);
    }
}
