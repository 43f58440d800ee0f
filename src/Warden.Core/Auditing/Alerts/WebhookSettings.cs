namespace Warden.Auditing.Alerts;

/// <summary>One webhook of the policy's <c>alerts:</c> block.</summary>
/// <param name="Name">The webhook's name in the policy (and in the outbox).</param>
/// <param name="Url">Where alerts are POSTed: https, or http to a loopback address.</param>
/// <param name="SecretVariable">The environment variable holding the HMAC key that signs each body.</param>
/// <param name="Types">The event types sent to it.</param>
public sealed record WebhookSettings(string Name, Uri Url, string SecretVariable, IReadOnlySet<AuditEventType> Types);
