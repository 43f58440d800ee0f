using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Warden.Approvals;

namespace Warden.Gateway.Admin;

/// <summary>The admin API's routes (under <c>/admin</c>, behind <see cref="AdminAccessMiddleware"/>).</summary>
internal static class AdminEndpoints
{
    private sealed record DecisionBody(string? Note);

    /// <summary>The largest body a decision may carry.</summary>
    private const int MaxBody = 64 * 1024;

    /// <summary>The longest note a decision may carry (it goes into the audit log and the agent's denial).</summary>
    private const int MaxNote = 2000;

    public static void Map(IEndpointRouteBuilder routes, Gate gate)
    {
        var admin = routes.MapGroup("/admin");
        admin.MapGet("/approvals", async (string? status, int? limit, CancellationToken cancellationToken) =>
        {
            ApprovalStatus? filter = null;
            if (status is not null)
            {
                if (!Enum.TryParse<ApprovalStatus>(status, ignoreCase: true, out var parsed))
                {
                    return Results.Json(new { error = $"status '{status}' is not one of: {string.Join(", ", Enum.GetNames<ApprovalStatus>().Select(n => n.ToLowerInvariant()))}" }, statusCode: 400);
                }

                filter = parsed;
            }

            return Results.Json(new { approvals = await Store(gate).ListAsync(filter, Math.Clamp(limit ?? 100, 1, 1000), cancellationToken) });
        });
        admin.MapGet("/approvals/{id}", async (string id, CancellationToken cancellationToken) =>
            await Store(gate).GetAsync(id, cancellationToken) is { } request ? Results.Json(request) : Results.Json(new { error = $"there is no approval '{id}'" }, statusCode: 404));
        admin.MapPost("/approvals/{id}/approve", (string id, HttpContext http) => DecideAsync(gate, http, id, approve: true));
        admin.MapPost("/approvals/{id}/deny", (string id, HttpContext http) => DecideAsync(gate, http, id, approve: false));
        admin.MapPost("/approvals/{id}/revoke", (string id, HttpContext http) => DecideAsync(gate, http, id, approve: null));
    }

    private static IApprovalStore Store(Gate gate) => gate.Approvals ?? throw new InvalidOperationException("the gateway's gate has no approval store");

    /// <summary>Approves (true), denies (false) or revokes an approval (null), with the body's optional note.</summary>
    private static async Task<IResult> DecideAsync(Gate gate, HttpContext http, string id, bool? approve)
    {
        // The body is optional and may come with or without a Content-Length (chunked): read whatever there is, up to a bound.
        string? note = null;
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxBody;
        }

        string body;
        try
        {
            using var reader = new StreamReader(http.Request.Body);
            body = await reader.ReadToEndAsync(http.RequestAborted);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Results.Json(new { error = $"the body is larger than {MaxBody / 1024} KiB" }, statusCode: 413);
        }

        if (!string.IsNullOrWhiteSpace(body))
        {
            try
            {
                note = JsonSerializer.Deserialize<DecisionBody>(body, JsonSerializerOptions.Web)?.Note;
            }
            catch (JsonException e)
            {
                return Results.Json(new { error = $"the body must be JSON like {{\"note\": \"...\"}}: {e.Message}" }, statusCode: 400);
            }
        }

        if (note is { Length: > MaxNote })
        {
            return Results.Json(new { error = $"the note is longer than {MaxNote} characters" }, statusCode: 400);
        }

        var by = AdminAccessMiddleware.AdminOf(http);
        ApprovalRequest? request;
        string? problem;
        try
        {
            (request, problem) = approve is { } verdict
                ? await gate.DecideApprovalAsync(id, verdict, by, note, http.RequestAborted)
                : await gate.RevokeApprovalAsync(id, by, note, http.RequestAborted);
        }
        catch (InvalidOperationException e) when (approve is null)
        {
            return Results.Json(new { error = e.Message }, statusCode: 503); // revoked and in force, but not audited
        }

        return problem is null ? Results.Json(request) : Results.Json(new { error = problem, approval = request }, statusCode: request is null ? 404 : 409);
    }
}
