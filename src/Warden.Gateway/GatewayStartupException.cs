namespace Warden.Gateway;

/// <summary>The gateway refuses to start: bad policy, unsafe listening address, missing certificate. The message says why.</summary>
public sealed class GatewayStartupException(string message, Exception? inner = null) : Exception(message, inner);
