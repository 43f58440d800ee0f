using Microsoft.Extensions.Time.Testing;
using Warden.Policies;
using Warden.Resilience;
using Warden.Tools;

namespace Warden.Tests.Support;

/// <summary>The default gate (breakers, ledger, checkpoints) over in-memory stores, a fake clock and scripted tools.</summary>
internal sealed class ResilientHarness
{
    public ResilientHarness(string yaml, IEnumerable<InProcessTool> tools, ResilienceStores? stores = null, FakeTimeProvider? time = null)
    {
        Time = time ?? new FakeTimeProvider(GateHarness.Start);
        Stores = stores ?? ResilienceStores.InMemory();
        Policy = TestPolicy.Load(yaml);
        Gate = GateBuilder.CreateDefault(new StaticPolicySource(Policy), new ToolCatalog(tools), Time, resilience: Stores).Build();
    }

    public FakeTimeProvider Time { get; }

    public ResilienceStores Stores { get; }

    public Policy Policy { get; }

    public Gate Gate { get; }

    public ValueTask<GateResult> InvokeAsync(string tool, string args = "{}", string session = "s1", string agent = "agent") =>
        Gate.InvokeAsync(GateHarness.Call(tool, args, session, agent), GateHarness.Ct);

    /// <summary>A tool that fails while <paramref name="fail"/> says so, and counts its runs.</summary>
    public static InProcessTool Scripted(string name, Func<int, bool> fail, int[] runs) => InProcessTool.Create(name, (_, _) =>
    {
        var run = Interlocked.Increment(ref runs[0]);
        return ValueTask.FromResult(fail(run) ? ToolResult.Error($"{name} failed on run {run}") : ToolResult.Ok($"{name} ran ({run})"));
    });
}
