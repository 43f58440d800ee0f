namespace Warden.Sandbox;

/// <summary>The sandbox cannot run here, or could not start this command; the message says what is missing or what failed.</summary>
public sealed class SandboxUnavailableException(string message) : Exception(message);
