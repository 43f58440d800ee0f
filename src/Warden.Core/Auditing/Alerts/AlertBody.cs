using System.Text;

namespace Warden.Auditing.Alerts;

/// <summary>The JSON a webhook receives: the event as the audit log stores it, with the webhook's name.</summary>
public static class AlertBody
{
    /// <summary>
    /// <c>{"event":…,"event_id":…,"source":"warden","webhook":…}</c>, the event being its stored
    /// canonical bytes (<paramref name="storedEvent"/>), masked as the log is.
    /// </summary>
    public static byte[] Create(string eventId, string webhook, ReadOnlySpan<byte> storedEvent)
    {
        ArgumentNullException.ThrowIfNull(eventId);
        ArgumentNullException.ThrowIfNull(webhook);
        var head = Encoding.UTF8.GetBytes("{\"event\":");
        var tail = Encoding.UTF8.GetBytes($",\"event_id\":{Quote(eventId)},\"source\":\"warden\",\"webhook\":{Quote(webhook)}}}");
        var body = new byte[head.Length + storedEvent.Length + tail.Length];
        head.CopyTo(body, 0);
        storedEvent.CopyTo(body.AsSpan(head.Length));
        tail.CopyTo(body, head.Length + storedEvent.Length);
        return body;
    }

    private static string Quote(string text) => System.Text.Json.JsonSerializer.Serialize(text);
}
