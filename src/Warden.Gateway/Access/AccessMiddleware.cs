using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Warden.Policies;

namespace Warden.Gateway.Access;

/// <summary>
/// In front of the MCP endpoint: authenticates the agent (an API key as <c>Authorization: Bearer</c> or
/// <c>X-Api-Key</c>), applies the rate limits (429 with Retry-After), takes Warden's session from <c>X-Warden-Session</c>, and answers 403 (audited as a
/// SECURITY_VIOLATION) to a <c>tools/call</c> of a tool the agent's role does not grant, before the
/// call reaches MCP. No credential, or an unknown one: 401 with a JSON-RPC error.
/// </summary>
internal sealed partial class AccessMiddleware(RequestDelegate next, IPolicySource policy, Gate gate, RateLimits limits, JwtValidator? jwt)
{
    private const int MaxInspectedBody = 4 * 1024 * 1024;
    private static readonly JsonElement EmptyObject = JsonSerializer.Deserialize<JsonElement>("{}");
    private AgentDirectory? _directory;

    public async Task InvokeAsync(HttpContext http)
    {
        var current = policy.Current;
        var address = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (limits.TakeForAddress(current, address) is { } byAddress)
        {
            await RefuseAsync(http, byAddress, id: null);
            return;
        }

        var directory = _directory = AgentDirectory.For(current, _directory);
        if (Credential(http.Request) is not { } key)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer";
            await JsonRpcErrors.WriteAsync(http, StatusCodes.Status401Unauthorized, JsonRpcErrors.Unauthenticated, "authentication required: send the agent's key as 'Authorization: Bearer KEY' (or 'X-Api-Key: KEY')");
            return;
        }

        string? agentId;
        string? tokenRole = null;
        if (jwt is not null && JwtValidator.LooksLikeJwt(key))
        {
            (agentId, tokenRole, var problem) = await jwt.ValidateAsync(key);
            if (agentId is null)
            {
                http.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
                await JsonRpcErrors.WriteAsync(http, StatusCodes.Status401Unauthorized, JsonRpcErrors.Unauthenticated, problem!);
                return;
            }
        }
        else if ((agentId = directory.Find(key)) is null)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
            await JsonRpcErrors.WriteAsync(http, StatusCodes.Status401Unauthorized, JsonRpcErrors.Unauthenticated, "the key is not any agent's key");
            return;
        }

        var session = http.Request.Headers[CallerContext.SessionHeader].ToString();
        if (session.Length == 0)
        {
            session = CallerContext.DefaultSession;
        }
        else if (!SessionId().IsMatch(session))
        {
            await JsonRpcErrors.WriteAsync(http, StatusCodes.Status400BadRequest, -32600, $"the {CallerContext.SessionHeader} header must be 1 to 128 letters, digits or . _ : -");
            return;
        }

        // Sessions are the agent's own: two agents naming the same session (or none) never share one.
        var caller = new CallerContext(agentId, CallerContext.Scoped(agentId, session)) { TokenRole = tokenRole };
        caller.Attach(http);
        http.Response.Headers[CallerContext.SessionHeader] = session;
        if (limits.TakeForAgent(current, agentId) is { } byAgent)
        {
            await RefuseAsync(http, byAgent, id: null);
            return;
        }

        if (HttpMethods.IsPost(http.Request.Method) && await RefuseToolCallsAsync(http, current, caller))
        {
            return;
        }

        await next(http);
    }

    /// <summary>429 with Retry-After and a JSON-RPC error naming the limit.</summary>
    private static Task RefuseAsync(HttpContext http, RateLimits.Refusal refusal, JsonElement? id)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(refusal.RetryAfter.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return JsonRpcErrors.WriteAsync(
            http, StatusCodes.Status429TooManyRequests, JsonRpcErrors.RateLimited, $"rate limited: {refusal.Message}; retry after {seconds} s", id,
            new { limit = refusal.Limit, retry_after_seconds = seconds });
    }

    /// <summary>The presented key, from <c>Authorization: Bearer</c> or <c>X-Api-Key</c>.</summary>
    private static string? Credential(HttpRequest request) =>
        Bearer(request) ?? (request.Headers["X-Api-Key"].ToString() is { Length: > 0 } apiKey ? apiKey.Trim() : null);

    /// <summary>The token of an <c>Authorization: Bearer</c> header, or null.</summary>
    internal static string? Bearer(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        return authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && authorization[7..].Trim() is { Length: > 0 } token ? token : null;
    }

    /// <summary>
    /// Reads the JSON-RPC body (kept for MCP) and refuses a tools/call whose tool is over its rate
    /// limit (429) or beyond the agent's role (403, audited); true when it answered.
    /// </summary>
    private async Task<bool> RefuseToolCallsAsync(HttpContext http, Policy current, CallerContext caller)
    {
        http.Request.EnableBuffering(bufferThreshold: 64 * 1024, bufferLimit: MaxInspectedBody);
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted);
        }
        catch (JsonException e)
        {
            await JsonRpcErrors.WriteAsync(http, StatusCodes.Status400BadRequest, -32700, $"the body is not JSON: {e.Message}");
            return true;
        }
        catch (IOException) when (!http.RequestAborted.IsCancellationRequested)
        {
            // The buffer's limit was passed.
            await JsonRpcErrors.WriteAsync(http, StatusCodes.Status413PayloadTooLarge, -32600, $"the request is larger than {MaxInspectedBody / (1024 * 1024)} MiB");
            return true;
        }
        finally
        {
            if (http.Request.Body.CanSeek)
            {
                http.Request.Body.Position = 0;
            }
        }

        using (document)
        {
            var messages = document.RootElement.ValueKind == JsonValueKind.Array ? document.RootElement.EnumerateArray().ToList() : [document.RootElement];
            foreach (var message in messages)
            {
                if (message.ValueKind != JsonValueKind.Object || !message.TryGetProperty("method", out var method) || method.ValueKind != JsonValueKind.String || method.GetString() != "tools/call")
                {
                    continue;
                }

                var id = message.TryGetProperty("id", out var requestId) ? requestId.Clone() : (JsonElement?)null;

                // MCP reads these names ignoring case (and the last of duplicates): so does this check,
                // and a body that names them twice is refused, so the tool checked is the tool called.
                if (Single(message, "params") is not { ValueKind: JsonValueKind.Object } parameters
                    || Single(parameters, "name") is not { ValueKind: JsonValueKind.String } name)
                {
                    await JsonRpcErrors.WriteAsync(http, StatusCodes.Status400BadRequest, -32602, "tools/call needs exactly one params object with exactly one string 'name' (names are compared ignoring case)", id);
                    return true;
                }

                var tool = name.GetString()!;
                var arguments = Single(parameters, "arguments") is { ValueKind: JsonValueKind.Object } given ? given.Clone() : EmptyObject;
                var call = new ToolCall(tool, arguments, caller.SessionId, caller.Principal);
                if (await gate.RefuseBeyondRoleAsync(call, http.RequestAborted) is { } refused)
                {
                    await JsonRpcErrors.WriteAsync(
                        http, StatusCodes.Status403Forbidden, JsonRpcErrors.Forbidden, $"denied: {refused.Decision.Reason}", id,
                        new { decision = DecisionNames.Of(refused.Decision.Kind), rule = refused.Decision.Rule, stage = refused.Stage });
                    return true;
                }

                // Charged only for calls the agent may make, so that refused agents cannot drain a shared tool's bucket.
                if (limits.TakeForTool(current, tool) is { } byTool)
                {
                    await RefuseAsync(http, byTool, id);
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>The one property of <paramref name="element"/> named <paramref name="name"/> ignoring case; null when there is none or more than one.</summary>
    private static JsonElement? Single(JsonElement element, string name)
    {
        JsonElement? found = null;
        foreach (var property in element.EnumerateObject())
        {
            if (property.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                if (found is not null)
                {
                    return null;
                }

                found = property.Value;
            }
        }

        return found;
    }

    [GeneratedRegex("^[A-Za-z0-9._:-]{1,128}$")]
    private static partial Regex SessionId();
}
