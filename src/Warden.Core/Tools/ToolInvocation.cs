using System.Text.Json;
using Warden.Sessions;

namespace Warden.Tools;

/// <summary>What a tool receives when the gate runs it.</summary>
/// <param name="Arguments">The checked arguments.</param>
/// <param name="Principal">The caller.</param>
/// <param name="Session">The caller's session.</param>
public sealed record ToolInvocation(JsonElement Arguments, Principal Principal, Session Session);
