using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Warden.Detection;
using Warden.Policies;
using Warden.Stages.InputInspection;
using Warden.Tools;

namespace Warden.Benchmarks;

/// <summary>
/// The whole gate (argument sanitation, input inspection with the baseline detector, authorization,
/// data flow, approval, execution with its timeout, audit with masking) for a 1 KB tool call to an
/// in-process tool.
/// </summary>
[MemoryDiagnoser]
public class GateBenchmarks
{
    private const string PolicyYaml = """
        capabilities: [email.send]
        tools:
          search_notes: { capability: documents.read, labels: [private] }
          search_notes_checked:
            capability: documents.read
            labels: [private]
            arguments:
              type: object
              properties:
                query: { type: string, maxLength: 2000 }
                folder: { type: string }
                limit: { type: integer, minimum: 1, maximum: 100 }
                tags: { type: array, items: { type: string } }
                api_key: { type: string }
              required: [query]
          send_email: { capability: email.send, sink: external }
        agents:
          bench: { role: READER }
        flows:
          - { when: [untrusted, private], to: external, then: deny }
        """;

    private Gate _gate = null!;
    private Gate _layeredGate = null!;
    private ToolCall _call = null!;
    private ToolCall _checkedCall = null!;

    /// <summary>The size of the call's arguments in UTF-8 bytes.</summary>
    public static int ArgumentBytes { get; private set; }

    [GlobalSetup]
    public void Setup()
    {
        var policy = PolicyLoader.Load(PolicyYaml, "bench").GetPolicyOrThrow();
        var answer = ToolResult.Ok("3 notes found");
        var tools = new ToolCatalog(
        [
            InProcessTool.Create("search_notes", (_, _) => ValueTask.FromResult(answer)),
            InProcessTool.Create("search_notes_checked", (_, _) => ValueTask.FromResult(answer)),
        ]);
        // The brief's baseline detector in the slot, as the foundation's target specifies; the layered
        // detector's own cost is measured in DetectionBenchmarks.
        _gate = new GateBuilder(new StaticPolicySource(policy))
            .AddArgumentSanitation()
            .AddInputInspection(new InputInspectionOptions { Detector = BaselineRegexDetector.Instance })
            .AddAuthorization()
            .AddDataFlow()
            .AddApproval()
            .AddExecution(tools)
            .Build();
        // The decision stages with the layered detector, without the resilience stages: repeating one
        // call would trip the loop breaker and be answered from the ledger, which is not what this measures.
        _layeredGate = new GateBuilder(new StaticPolicySource(policy))
            .AddArgumentSanitation()
            .AddInputInspection()
            .AddAuthorization()
            .AddDataFlow()
            .AddApproval()
            .AddExecution(tools)
            .AddOutputInspection()
            .Build();
        var arguments = OneKilobyteArguments();
        ArgumentBytes = Encoding.UTF8.GetByteCount(arguments);
        var principal = new Principal("bench");
        _call = ToolCall.Create("search_notes", arguments, "bench-session", principal);
        _checkedCall = ToolCall.Create("search_notes_checked", arguments, "bench-session", principal);
        if (!_gate.InvokeAsync(_call).AsTask().GetAwaiter().GetResult().Succeeded ||
            !_gate.InvokeAsync(_checkedCall).AsTask().GetAwaiter().GetResult().Succeeded)
        {
            throw new InvalidOperationException("the benchmark call does not pass the gate");
        }
    }

    [Benchmark(Baseline = true, Description = "gate, 1 KB call, no argument schema")]
    public ValueTask<GateResult> WholeGate() => _gate.InvokeAsync(_call);

    [Benchmark(Description = "gate, 1 KB call, with a JSON Schema for the arguments")]
    public ValueTask<GateResult> WholeGateWithSchema() => _gate.InvokeAsync(_checkedCall);

    [Benchmark(Description = "gate, 1 KB call, layered detector on arguments and result")]
    public ValueTask<GateResult> WholeGateLayered() => _layeredGate.InvokeAsync(_call);

    internal static string OneKilobyteArguments()
    {
        var query = new StringBuilder();
        var words = new[] { "quarterly", "revenue", "notes", "from", "the", "planning", "meeting", "about", "pricing", "and", "hiring", "in", "Lisbon" };
        for (var i = 0; query.Length < 860; i++)
        {
            query.Append(words[i % words.Length]).Append(' ');
        }

        return JsonSerializer.Serialize(new
        {
            query = query.ToString().Trim(),
            folder = "team/plans",
            limit = 10,
            tags = new[] { "q3", "finance", "draft" },
            api_key = "sk-live-0123456789abcdef",
        });
    }
}
