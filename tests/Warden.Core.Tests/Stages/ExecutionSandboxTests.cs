using Warden.Auditing;
using Warden.Tests.Support;

namespace Warden.Tests.Stages;

public sealed class ExecutionSandboxTests
{
    [Fact]
    public async Task Tool_bound_to_a_sandbox_is_not_run_in_process()
    {
        var harness = new GateHarness("""
            agents:
              agent: { role: READER }
            tools:
              run_code:
                capability: documents.read
                sandbox: { network: none, workspace: ro }
            """);

        var result = await harness.InvokeAsync("run_code");

        Assert.Equal(DecisionKind.Deny, result.Decision.Kind);
        Assert.Equal(("execution", "execution.sandbox_unavailable"), (result.Stage, result.Decision.Rule));
        Assert.Null(result.Outcome);
        Assert.Equal(0, harness.Runs("run_code"));
        Assert.Equal(AuditEventType.Error, Assert.Single(await harness.EventsAsync()).Type);
    }
}
