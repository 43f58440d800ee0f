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
            _labels.UnionWith(labels);
        }
    }

    /// <summary>Counts one tool call and returns the new count.</summary>
    public int CountToolCall() => Interlocked.Increment(ref _toolCalls);

    /// <summary>Counts one turn and returns the new count.</summary>
    public int CountTurn() => Interlocked.Increment(ref _turns);
}
