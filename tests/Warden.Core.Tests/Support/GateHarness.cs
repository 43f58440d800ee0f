using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;
using Warden.Auditing;
using Warden.Detection;
using Warden.Stages.InputInspection;
using Warden.Stages.OutputInspection;
using Warden.Policies;
using Warden.Tools;

namespace Warden.Tests.Support;

/// <summary>
/// A gate over a policy, a fake clock and in-process tools. Every tool the policy binds gets a counting
/// tool unless the test supplies its own.
/// </summary>
internal sealed class GateHarness
{
    public static readonly DateTimeOffset Start = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly ConcurrentDictionary<string, int> _runs = new(StringComparer.Ordinal);

    public GateHarness(string yaml, IEnumerable<InProcessTool>? tools = null, Action<GateBuilder>? configure = null, ISandboxedToolRunner? sandbox = null)
    {
        Policy = TestPolicy.Load(yaml);
        var supplied = (tools ?? []).ToList();
        var counting = Policy.Tools.Keys
            .Where(name => supplied.All(t => t.Name != name))
            .Select(Counting);
        // The stage mechanics are tested with the brief's baseline detector, whose behaviour is fixed;
        // the layered detector has tests of its own.
        var builder = new GateBuilder(new StaticPolicySource(Policy), Time)
            .AddArgumentSanitation()
            .AddInputInspection(new InputInspectionOptions { Detector = BaselineRegexDetector.Instance })
            .AddAuthorization()
            .AddDataFlow()
            .AddApproval()
            .AddExecution(new ToolCatalog(supplied.Concat(counting)), sandbox)
            .AddOutputInspection(new OutputInspectionOptions { Detector = BaselineRegexDetector.Instance });
        configure?.Invoke(builder);
        Gate = builder.Build();
    }

    public FakeTimeProvider Time { get; } = new(Start);

    public Policy Policy { get; }

    public Gate Gate { get; }

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public int Runs(string tool) => _runs.GetValueOrDefault(tool);

    public static ToolCall Call(string tool, string args = "{}", string session = "s1", string agent = "agent") =>
        ToolCall.Create(tool, args, session, new Principal(agent));

    public ValueTask<GateResult> InvokeAsync(string tool, string args = "{}", string session = "s1", string agent = "agent") =>
        Gate.InvokeAsync(Call(tool, args, session, agent), Ct);

    public async Task<IReadOnlyList<AuditEvent>> EventsAsync() =>
        await Gate.Audit.QueryAsync(new AuditQuery { Limit = 10_000 }, Ct);

    private InProcessTool Counting(string name) => InProcessTool.Create(name, (_, _) =>
    {
        _runs.AddOrUpdate(name, 1, (_, n) => n + 1);
        return ValueTask.FromResult(ToolResult.Ok($"ran {name}"));
    });
}
