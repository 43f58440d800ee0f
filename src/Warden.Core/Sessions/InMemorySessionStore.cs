using System.Collections.Concurrent;

namespace Warden.Sessions;

/// <summary>Sessions held in this process only.</summary>
public sealed class InMemorySessionStore(TimeProvider timeProvider) : ISessionStore
{
    private readonly ConcurrentDictionary<string, Session> _sessions = new(StringComparer.Ordinal);

    /// <summary>Creates a store on the system clock.</summary>
    public InMemorySessionStore()
        : this(TimeProvider.System)
    {
    }

    /// <inheritdoc />
    public Session GetOrCreate(string sessionId, string agentId) =>
        _sessions.GetOrAdd(
            sessionId,
            static (id, state) => new Session(id, state.agentId, state.time.GetUtcNow()),
            (agentId, time: timeProvider));

    /// <inheritdoc />
    public Session? Find(string sessionId) => _sessions.GetValueOrDefault(sessionId);

    /// <inheritdoc />
    public Session Restore(Session session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return _sessions.GetOrAdd(session.Id, session);
    }

    /// <inheritdoc />
    public IReadOnlyList<Session> All() => _sessions.Values.ToList();
}
