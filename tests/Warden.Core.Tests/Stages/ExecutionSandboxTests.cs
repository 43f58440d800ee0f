using Warden.Auditing;
using Warden.Policies;
using Warden.Tests.Support;
using Warden.Tools;

namespace Warden.Tests.Stages;

public sealed class ExecutionSandboxTests
{
    private const string Policy = """
        agents:
          agent: { role: READER }
        tools:
          run_code:
            capability: documents.read
            command: [python3, -c, "{code}"]
            sandbox: { network: none, workspace: ro }
        """;

    [Fact]
    public async Task Without_a_sandboxed_runner_the_tool_is_denied_and_not_run_in_process()
    {
        var harness = new GateHarness(Policy);

        var result = await harness.InvokeAsync("run_code", """{"code": "print(1)"}""");

        Assert.Equal(DecisionKind.Deny, result.Decision.Kind);
        Assert.Equal(("execution", "execution.sandbox_unavailable"), (result.Stage, result.Decision.Rule));
        Assert.Contains("this gate has no sandboxed executor", result.Decision.Reason, StringComparison.Ordinal);
        Assert.Null(result.Outcome);
        Assert.Equal(0, harness.Runs("run_code"));
        Assert.Equal(AuditEventType.Error, Assert.Single(await harness.EventsAsync()).Type);
    }

    [Fact]
    public async Task When_the_runner_cannot_sandbox_here_the_call_is_denied_with_what_is_missing()
    {
        var runner = new RecordingRunner { Unavailable = "bubblewrap is not installed" };
        var harness = new GateHarness(Policy, sandbox: runner);

        var result = await harness.InvokeAsync("run_code", """{"code": "print(1)"}""");

        Assert.Equal(("execution", "execution.sandbox_unavailable"), (result.Stage, result.Decision.Rule));
        Assert.Contains("bubblewrap is not installed", result.Decision.Reason, StringComparison.Ordinal);
        Assert.Empty(runner.Calls);
        Assert.Equal(0, harness.Runs("run_code"));
    }

    [Fact]
    public async Task A_sandbox_bound_tool_goes_to_the_runner_with_its_binding_and_arguments()
    {
        var runner = new RecordingRunner();
        var harness = new GateHarness(Policy, sandbox: runner);

        var result = await harness.InvokeAsync("run_code", """{"code": "print(1)"}""");

        Assert.Equal(DecisionKind.Allow, result.Decision.Kind);
        Assert.Equal(ToolStatus.Succeeded, result.Outcome!.Status);
        Assert.Equal("ran in the sandbox", result.Outcome.Output);
        var (binding, arguments, timeout) = Assert.Single(runner.Calls);
        Assert.Equal("run_code", binding.Name);
        Assert.Equal("ro", binding.Sandbox!.Workspace);
        Assert.Equal("""{"code": "print(1)"}""", arguments);
        Assert.Equal(ToolBinding.DefaultTimeout, timeout);
        Assert.Equal(0, harness.Runs("run_code"));
    }

    private sealed class RecordingRunner : ISandboxedToolRunner
    {
        public List<(ToolBinding Binding, string Arguments, TimeSpan Timeout)> Calls { get; } = [];

        public string? Unavailable { get; init; }

        public ValueTask<ToolOutcome> RunAsync(ToolBinding binding, ToolInvocation invocation, TimeSpan timeout, CancellationToken cancellationToken)
        {
            Calls.Add((binding, invocation.Arguments.GetRawText(), timeout));
            return ValueTask.FromResult(new ToolOutcome(ToolStatus.Succeeded, "ran in the sandbox", TimeSpan.FromMilliseconds(8)));
        }
    }
}
