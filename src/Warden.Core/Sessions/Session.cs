namespace Warden.Sessions;

/// <summary>
/// One agent run: the data-flow labels it carries and its counters. Thread-safe; labels only grow.
/// </summary>
public sealed class Session
{
    private readonly Lock _sync = new();
    private readonly HashSet<string> _labels = new(StringComparer.Ordinal);
    private int _toolCalls;
    private int _turns;
    private long _version;
    private long _checkpointSequence;
    private int _epoch;
    private System.Text.Json.JsonElement? _context;
    private Resilience.Checkpoints.RecoveryPlan _plan = Resilience.Checkpoints.RecoveryPlan.None;

    /// <summary>Creates a session for <paramref name="agentId"/>.</summary>
    public Session(string id, string agentId, DateTimeOffset startedAt)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentException.ThrowIfNullOrEmpty(agentId);
        Id = id;
        AgentId = agentId;
        StartedAt = startedAt;
    }

    /// <summary>The session's identifier.</summary>
    public string Id { get; }

    /// <summary>The agent that owns the session; no other agent may use it.</summary>
    public string AgentId { get; }

    /// <summary>When the session began.</summary>
    public DateTimeOffset StartedAt { get; }

    /// <summary>Tool calls the gate let through to execution.</summary>
    public int ToolCalls => Volatile.Read(ref _toolCalls);

    /// <summary>User turns (prompts) the gate accepted.</summary>
    public int Turns => Volatile.Read(ref _turns);

    /// <summary>A copy of the labels the session carries, sorted.</summary>
    public IReadOnlyList<string> Labels
    {
        get
        {
            lock (_sync)
            {
                var copy = _labels.ToArray();
                Array.Sort(copy, StringComparer.Ordinal);
                return copy;
            }
        }
    }

    /// <summary>True when the session carries every label in <paramref name="labels"/>.</summary>
    public bool HasAll(IReadOnlyCollection<string> labels)
    {
        lock (_sync)
        {
            foreach (var label in labels)
            {
                if (!_labels.Contains(label))
                {
                    return false;
                }
            }

            return true;
        }
    }

    /// <summary>Adds labels; labels are never removed for the life of the session.</summary>
    public void AddLabels(IReadOnlyCollection<string> labels)
    {
        if (labels.Count == 0)
        {
            return;
        }

        lock (_sync)
        {
            if (!_labels.IsSupersetOf(labels))
            {
                _labels.UnionWith(labels);
                _version++;
            }
        }
    }

    /// <summary>Sets the count of tool calls of a session made only to be explained (a replay's reconstruction).</summary>
    internal void AssumeToolCalls(int count) => Volatile.Write(ref _toolCalls, count);

    /// <summary>Counts one tool call and returns the new count.</summary>
    public int CountToolCall()
    {
        Interlocked.Increment(ref _version);
        return Interlocked.Increment(ref _toolCalls);
    }

    /// <summary>
    /// Counts one tool call unless that would pass <paramref name="limit"/> (null: no limit): the check
    /// and the count are one atomic step, so concurrent calls cannot overshoot the budget.
    /// </summary>
    public bool TryCountToolCall(int? limit)
    {
        while (true)
        {
            var current = Volatile.Read(ref _toolCalls);
            if (limit is { } max && current >= max)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _toolCalls, current + 1, current) == current)
            {
                Interlocked.Increment(ref _version);
                return true;
            }
        }
    }

    /// <summary>A number that changes whenever the session's state does (labels, counters, context, plan).</summary>
    public long Version => Interlocked.Read(ref _version);

    /// <summary>The caller's opaque context snapshot (e.g. the agent's conversation), kept in checkpoints.</summary>
    public System.Text.Json.JsonElement? Context
    {
        get
        {
            lock (_sync)
            {
                return _context;
            }
        }

        set
        {
            lock (_sync)
            {
                _context = value?.Clone();
                _version++;
            }
        }
    }

    /// <summary>What to do on the next failure.</summary>
    public Resilience.Checkpoints.RecoveryPlan Plan
    {
        get
        {
            lock (_sync)
            {
                return _plan;
            }
        }

        set
        {
            ArgumentNullException.ThrowIfNull(value);
            lock (_sync)
            {
                _plan = value;
                _version++;
            }
        }
    }

    /// <summary>How many times the session's turns were reset; part of derived idempotency keys.</summary>
    public int Epoch => Volatile.Read(ref _epoch);

    /// <summary>
    /// Takes the next checkpoint sequence number and reads the state in one step (under the session's
    /// lock, and counters only grow), so that a higher sequence never holds an older state.
    /// </summary>
    public (long Sequence, int Epoch, int Turns, int ToolCalls, IReadOnlyList<string> Labels, System.Text.Json.JsonElement? Context, Resilience.Checkpoints.RecoveryPlan Plan) Snapshot()
    {
        lock (_sync)
        {
            var labels = _labels.ToArray();
            Array.Sort(labels, StringComparer.Ordinal);
            return (++_checkpointSequence, _epoch, Turns, ToolCalls, labels, _context, _plan);
        }
    }

    /// <summary>Starts the session's turns afresh (the recovery plan past the turn limit) in a new epoch; labels and tool calls stay.</summary>
    public void ResetTurns()
    {
        lock (_sync)
        {
            Interlocked.Exchange(ref _turns, 0);
            _epoch++;
            _version++;
        }
    }

    /// <summary>A session as a checkpoint left it: counters, labels, context and plan restored.</summary>
    public static Session Restore(Resilience.Checkpoints.Checkpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var session = new Session(checkpoint.SessionId, checkpoint.AgentId, checkpoint.SessionStartedAt)
        {
            _toolCalls = checkpoint.ToolCalls,
            _turns = checkpoint.Turns,
            _checkpointSequence = checkpoint.Sequence,
            _epoch = checkpoint.Epoch,
            _context = checkpoint.Context,
            _plan = checkpoint.Plan,
        };
        session._labels.UnionWith(checkpoint.Labels);
        return session;
    }

    /// <summary>Counts one turn and returns the new count.</summary>
    public int CountTurn()
    {
        Interlocked.Increment(ref _version);
        return Interlocked.Increment(ref _turns);
    }
}
