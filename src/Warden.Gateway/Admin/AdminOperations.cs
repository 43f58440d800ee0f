using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Warden.Auditing;
using Warden.Policies;
using Warden.Resilience.Breakers;
using Warden.Stages.CircuitBreaker;
using Warden.Storage.Sqlite;

namespace Warden.Gateway.Admin;

/// <summary>
/// The admin API beyond approvals: the audit log (query, verify), sessions and their checkpoints
/// (and recovery), circuit breakers (list, reset), anomalies and the policy's status.
/// </summary>
internal static class AdminOperations
{
    public static void Map(IEndpointRouteBuilder routes, Gate gate, string dataDirectory, IPolicySource policy, string policyPath)
    {
        var admin = routes.MapGroup("/admin");
        admin.MapGet("/audit", async (HttpRequest request, CancellationToken cancellationToken) =>
            Query(request, out var query, out var problem)
                ? Results.Json(new { events = await gate.Audit.QueryAsync(query!, cancellationToken) })
                : Results.Json(new { error = problem }, statusCode: 400));
        admin.MapGet("/anomalies", async (int? limit, CancellationToken cancellationToken) =>
            Results.Json(new { events = await gate.Audit.QueryAsync(new AuditQuery { Type = AuditEventType.Anomaly, Limit = Math.Clamp(limit ?? 100, 1, 1000) }, cancellationToken) }));
        admin.MapGet("/audit/verify", () =>
        {
            var result = AuditVerifier.Verify(dataDirectory);
            return Results.Json(result, statusCode: result.Intact ? 200 : 409);
        });
        admin.MapGet("/breakers", async (CancellationToken cancellationToken) =>
            Results.Json(new { breakers = await Breakers(gate).ListAsync(cancellationToken) }));
        admin.MapPost("/breakers/{*key}", async (string key, CancellationToken cancellationToken) =>
        {
            if (!key.EndsWith("/reset", StringComparison.Ordinal))
            {
                return Results.Json(new { error = "use POST /admin/breakers/{key}/reset" }, statusCode: 404);
            }

            var breaker = key[..^"/reset".Length];
            var known = (await Breakers(gate).ListAsync(cancellationToken)).Any(b => b.Key == breaker);
            return known
                ? Results.Json(await Breakers(gate).UpdateAsync(breaker, BreakerMachine.Reset, cancellationToken))
                : Results.Json(new { error = $"there is no circuit '{breaker}'" }, statusCode: 404);
        });
        admin.MapGet("/sessions", async (CancellationToken cancellationToken) =>
            gate.Checkpoints is { } checkpoints
                ? Results.Json(new { sessions = (await checkpoints.SessionsAsync(cancellationToken)).Select(s => new { id = s.SessionId, checkpoint = s.Sequence }) })
                : Results.Json(new { error = "this gateway keeps no checkpoints" }, statusCode: 404));
        admin.MapGet("/sessions/{*id}", async (string id, CancellationToken cancellationToken) =>
        {
            if (id.EndsWith("/recover", StringComparison.Ordinal))
            {
                return Results.Json(new { error = "use POST to recover a session" }, statusCode: 405);
            }

            return gate.Checkpoints is { } checkpoints && await checkpoints.LatestAsync(id, cancellationToken) is { } latest
                ? Results.Json(new { latest.SessionId, latest.AgentId, latest.Sequence, latest.TakenAt, latest.Epoch, latest.Turns, latest.ToolCalls, latest.Labels, latest.StateHash })
                : Results.Json(new { error = $"there is no checkpoint of session '{id}'" }, statusCode: 404);
        });
        admin.MapPost("/sessions/{*id}", async (string id, CancellationToken cancellationToken) =>
        {
            if (!id.EndsWith("/recover", StringComparison.Ordinal))
            {
                return Results.Json(new { error = "use POST /admin/sessions/{id}/recover" }, statusCode: 404);
            }

            var result = await gate.RecoverSessionAsync(id[..^"/recover".Length], cancellationToken);
            return Results.Json(
                new { status = result.Status.ToString(), result.Detail, labels = result.Session?.Labels, toolCalls = result.Session?.ToolCalls },
                statusCode: result.Session is null ? 409 : 200);
        });
        admin.MapGet("/policy", () =>
        {
            var current = policy.Current;
            return Results.Json(new
            {
                path = policyPath,
                mode = current.Mode.ToString().ToLowerInvariant(),
                tools = current.Tools.Keys.Order(StringComparer.Ordinal),
                agents = current.Agents.Keys.Order(StringComparer.Ordinal),
                flows = current.Flows.Count,
                upstreams = current.Upstreams.Keys.Order(StringComparer.Ordinal),
            });
        });
    }

    private static IBreakerStore Breakers(Gate gate) =>
        gate.Stages.OfType<CircuitBreakerStage>().FirstOrDefault()?.Store ?? throw new InvalidOperationException("the gate has no circuit breakers");

    /// <summary>The audit query of the request's parameters (as <c>warden audit query</c> takes them).</summary>
    private static bool Query(HttpRequest request, out AuditQuery? query, out string? problem)
    {
        query = null;
        string? error = null;
        var q = request.Query;
        AuditEventType? type = null;
        if (q["type"].ToString() is { Length: > 0 } typeText)
        {
            if (!Enum.TryParse<AuditEventType>(typeText.Replace("_", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal), ignoreCase: true, out var parsed))
            {
                problem = $"type '{typeText}' is not an event type (tool_call, user_input, error, security_violation, approval, policy_change, anomaly)";
                return false;
            }

            type = parsed;
        }

        DecisionKind? decision = null;
        if (q["decision"].ToString() is { Length: > 0 } decisionText)
        {
            decision = Enum.GetValues<DecisionKind>().Cast<DecisionKind?>().FirstOrDefault(k => DecisionNames.Of(k!.Value) == decisionText);
            if (decision is null)
            {
                problem = $"decision '{decisionText}' is not allow, deny, require-approval or throttle";
                return false;
            }
        }

        DateTimeOffset? Time(string name)
        {
            if (q[name].ToString() is not { Length: > 0 } text)
            {
                return null;
            }

            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
            {
                return time;
            }

            error ??= $"{name} '{text}' is not a time (ISO 8601)";
            return null;
        }

        var since = Time("since");
        var until = Time("until");
        var limit = int.TryParse(q["limit"], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? Math.Clamp(n, 1, 10_000) : 100;
        problem = error;
        if (problem is not null)
        {
            return false;
        }

        query = new AuditQuery
        {
            AgentId = Text("agent"), SessionId = Text("session"), Tool = Text("tool"), BeforeId = Text("before"),
            Type = type, Decision = decision, Since = since, Until = until, Limit = limit,
        };
        return true;

        string? Text(string name) => q[name].ToString() is { Length: > 0 } value ? value : null;
    }
}
