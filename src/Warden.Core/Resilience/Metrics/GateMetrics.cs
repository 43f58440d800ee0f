using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Warden.Tools;

namespace Warden.Resilience.Metrics;

/// <summary>
/// Per-agent figures through an API (<see cref="For"/>) and as OpenTelemetry metrics: the meter
/// <c>Warden.Gate</c> publishes <c>warden.turns</c>, <c>warden.tool_calls</c> (tagged agent, tool,
/// status), <c>warden.tool_call.duration</c> (ms) and <c>warden.errors</c> (tagged agent, kind), for any
/// OpenTelemetry MeterProvider that adds the meter.
/// </summary>
public sealed class GateMetrics : IDisposable
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "Warden.Gate";

    private const int Reservoir = 1024;
    private readonly ConcurrentDictionary<string, AgentFigures> _agents = new(StringComparer.Ordinal);
    private readonly Meter _meter;
    private readonly Counter<long> _turns;
    private readonly Counter<long> _calls;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _errors;

    /// <summary>Creates the metrics and their meter.</summary>
    public GateMetrics(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _turns = _meter.CreateCounter<long>("warden.turns", description: "User turns accepted");
        _calls = _meter.CreateCounter<long>("warden.tool_calls", description: "Tool calls that ran");
        _duration = _meter.CreateHistogram<double>("warden.tool_call.duration", unit: "ms", description: "Time of tool calls that ran");
        _errors = _meter.CreateCounter<long>("warden.errors", description: "Failed, timed-out and cancelled calls, and refusals, by kind");
    }

    /// <summary>Counts a user turn.</summary>
    public void RecordTurn(string agentId)
    {
        Figures(agentId).AddTurn();
        _turns.Add(1, new KeyValuePair<string, object?>("agent", agentId));
    }

    /// <summary>Counts a call: its outcome when it ran, or the refusal.</summary>
    public void RecordCall(string agentId, string tool, Decision decision, ToolOutcome? outcome)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var figures = Figures(agentId);
        var agentTag = new KeyValuePair<string, object?>("agent", agentId);
        if (outcome is not null)
        {
            var status = Stages.Checkpointing.CheckpointStage.OutcomeName(outcome.Status);
            figures.AddCall(outcome.Status == ToolStatus.Succeeded, outcome.Duration);
            _calls.Add(1, agentTag, new("tool", tool), new("status", status));
            _duration.Record(outcome.Duration.TotalMilliseconds, agentTag, new("tool", tool));
            if (outcome.Status != ToolStatus.Succeeded)
            {
                figures.AddError(status);
                _errors.Add(1, agentTag, new("kind", status));
            }
        }
        else if (!decision.IsAllowed)
        {
            var kind = $"{DecisionNames.Of(decision.Kind)}:{decision.Rule}";
            figures.AddError(kind);
            _errors.Add(1, agentTag, new("kind", kind));
        }
    }

    /// <summary>The figures of <paramref name="agentId"/> (zeros when it has done nothing).</summary>
    public AgentMetrics For(string agentId) => Figures(agentId).Snapshot(agentId);

    /// <summary>Every agent seen.</summary>
    public IReadOnlyList<string> Agents => _agents.Keys.Order(StringComparer.Ordinal).ToList();

    /// <inheritdoc />
    public void Dispose() => _meter.Dispose();

    private AgentFigures Figures(string agentId) => _agents.GetOrAdd(agentId, _ => new AgentFigures());

    private sealed class AgentFigures
    {
        private readonly Lock _sync = new();
        private readonly Dictionary<string, long> _errors = new(StringComparer.Ordinal);
        private readonly double[] _recent = new double[Reservoir];
        private long _turns;
        private long _calls;
        private long _successes;
        private double _totalMs;
        private int _next;
        private int _filled;

        public void AddTurn() => Interlocked.Increment(ref _turns);

        public void AddCall(bool succeeded, TimeSpan duration)
        {
            lock (_sync)
            {
                _calls++;
                _successes += succeeded ? 1 : 0;
                _totalMs += duration.TotalMilliseconds;
                _recent[_next] = duration.TotalMilliseconds;
                _next = (_next + 1) % Reservoir;
                _filled = Math.Min(_filled + 1, Reservoir);
            }
        }

        public void AddError(string kind)
        {
            lock (_sync)
            {
                _errors[kind] = _errors.GetValueOrDefault(kind) + 1;
            }
        }

        public AgentMetrics Snapshot(string agentId)
        {
            lock (_sync)
            {
                var sorted = _recent.AsSpan(0, _filled).ToArray();
                Array.Sort(sorted);
                var p95 = sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(0.95 * sorted.Length) - 1)];
                return new AgentMetrics(
                    agentId,
                    Interlocked.Read(ref _turns),
                    _calls,
                    _calls == 0 ? 0 : (double)_successes / _calls,
                    TimeSpan.FromMilliseconds(_calls == 0 ? 0 : _totalMs / _calls),
                    TimeSpan.FromMilliseconds(p95),
                    new Dictionary<string, long>(_errors, StringComparer.Ordinal));
            }
        }
    }
}
