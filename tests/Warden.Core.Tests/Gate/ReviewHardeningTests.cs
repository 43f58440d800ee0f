using System.Text.Json;
using Warden.Auditing;
using Warden.Policies;
using Warden.Stages.InputInspection;
using Warden.Tests.Support;

namespace Warden.Tests.GatePipeline;

public sealed class ReviewHardeningTests
{
    [Theory]
    [InlineData("", "s1", "agent")]
    [InlineData("read_doc", "", "agent")]
    [InlineData("read_doc", "s1", "")]
    public async Task A_call_missing_its_tool_session_or_agent_is_denied_and_audited(string tool, string session, string agent)
    {
        var harness = new GateHarness(SamplePolicies.Standard);
        using var arguments = JsonDocument.Parse("{}");
        var call = new ToolCall(tool, arguments.RootElement.Clone(), session, new Principal(agent));

        var result = await harness.Gate.InvokeAsync(call, TestContext.Current.CancellationToken);

        Assert.Equal("call.invalid", result.Decision.Rule);
        var recorded = Assert.Single(await harness.EventsAsync());
        Assert.Equal(AuditEventType.SecurityViolation, recorded.Type);
    }

    [Theory]
    [InlineData("<scr<b>ipt>alert(1)</script>")]
    [InlineData("<<b>img src=x onerror=alert(1)>")]
    public void Stripping_tags_cannot_assemble_a_new_tag(string html)
    {
        var stripped = InputSanitizer.StripHtml(html);

        Assert.DoesNotContain("<script", stripped, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", stripped, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("ssh_key_data")]
    [InlineData("keyMaterial")]
    [InlineData("signing_key_b64")]
    [InlineData("KEYS")]
    public void Names_with_key_as_a_word_are_masked(string name) => Assert.True(SensitiveFieldNames.IsSensitive(name));

    [Theory]
    [InlineData("keyboard")]
    [InlineData("turkeyRecipe")]
    [InlineData("monkeyBusiness")]
    public void Names_that_only_contain_the_letters_of_key_are_not_masked(string name) => Assert.False(SensitiveFieldNames.IsSensitive(name));

    [Fact]
    public void A_policy_nested_too_deep_is_a_diagnostic_not_a_crash()
    {
        var yaml = "tools:\n  t:\n    capability: documents.read\n    arguments: " + new string('[', 5000) + new string(']', 5000) + "\n";

        var result = PolicyLoader.Load(yaml, "deep");

        Assert.False(result.Succeeded);
        Assert.Contains(result.Errors, e => e.Message.Contains("deeper than", StringComparison.Ordinal));
    }

    [Fact]
    public void A_deep_but_allowed_argument_schema_loads()
    {
        var schema = "{ type: object" + string.Concat(Enumerable.Repeat(", properties: { a: { type: object", 20)) + new string('}', 40) + " }";
        var yaml = $"tools:\n  t:\n    capability: documents.read\n    arguments: {schema}\n";

        var result = PolicyLoader.Load(yaml, "deep-schema");

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
    }
}
