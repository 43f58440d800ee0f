using Warden.Tests.Support;

namespace Warden.Tests.Stages;

public sealed class ArgumentSanitationStageTests
{
    [Theory]
    [InlineData("""{"__proto__":{"isAdmin":true}}""", "$.__proto__")]
    [InlineData("""{"a":[{"b":1},{"constructor":{}}]}""", "$.a[1].constructor")]
    [InlineData("""{"x":{"__pro\u0074o__":1}}""", "$.x.__proto__")]
    public async Task Forbidden_key_rejects_the_call_and_names_the_place(string arguments, string path)
    {
        var harness = new GateHarness(SamplePolicies.Standard);

        var result = await harness.InvokeAsync("read_doc", arguments);

        Assert.Equal(("argument-sanitation", "arguments.forbidden_key"), (result.Stage, result.Decision.Rule));
        Assert.Contains($"at {path} is forbidden", result.Decision.Reason, StringComparison.Ordinal);
        Assert.Equal(0, harness.Runs("read_doc"));
        Assert.Single(result.Trail);
    }

    [Theory]
    [InlineData("[1,2]", "arguments.shape")]
    [InlineData("\"go\"", "arguments.shape")]
    public async Task Non_object_arguments_are_rejected(string arguments, string rule)
    {
        var harness = new GateHarness(SamplePolicies.Standard);

        var result = await harness.InvokeAsync("read_doc", arguments);

        Assert.Equal(rule, result.Decision.Rule);
        Assert.Equal(0, harness.Runs("read_doc"));
    }

    [Fact]
    public async Task Too_deep_arguments_are_rejected()
    {
        var harness = new GateHarness(SamplePolicies.Standard);
        var deep = string.Concat(Enumerable.Repeat("{\"a\":", 40)) + "1" + new string('}', 40);

        var result = await harness.InvokeAsync("read_doc", deep);

        Assert.Equal("arguments.depth", result.Decision.Rule);
    }

    [Fact]
    public async Task Too_long_string_is_rejected_with_its_path()
    {
        var harness = new GateHarness(SamplePolicies.Standard);

        var result = await harness.InvokeAsync("read_doc", $$$"""{"a":{"b":"{{{new string('x', 64 * 1024 + 1)}}}"}}""");

        Assert.Equal("arguments.string_length", result.Decision.Rule);
        Assert.Contains("$.a.b", result.Decision.Reason, StringComparison.Ordinal);
    }
}
