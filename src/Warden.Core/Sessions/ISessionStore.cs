namespace Warden.Sessions;

/// <summary>Where the gate finds the sessions it is deciding for.</summary>
public interface ISessionStore
{
    /// <summary>The session with <paramref name="sessionId"/>, created for <paramref name="agentId"/> when new.</summary>
    Session GetOrCreate(string sessionId, string agentId);

    /// <summary>The session with <paramref name="sessionId"/>, or null.</summary>
    Session? Find(string sessionId);

    /// <summary>Puts a restored session in place (after a restart); an existing one with the same id is kept and returned.</summary>
    Session Restore(Session session);

    /// <summary>Every session held.</summary>
    IReadOnlyList<Session> All();
}
