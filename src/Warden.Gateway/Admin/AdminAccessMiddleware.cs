using Microsoft.AspNetCore.Http;
using Warden.Gateway.Access;
using Warden.Policies;

namespace Warden.Gateway.Admin;

/// <summary>
/// In front of <c>/admin</c>: the administrator's key (the policy's <c>gateway.admins</c>, stored as
/// <c>sha256:</c> digests) as <c>Authorization: Bearer</c>. Agents' keys do not open it. No key, or an
/// unknown one: 401; no administrators configured: 403 (the admin API is closed).
/// </summary>
internal sealed class AdminAccessMiddleware(RequestDelegate next, IPolicySource policy)
{
    private static readonly object Key = new();

    /// <summary>The administrator of the request.</summary>
    public static string AdminOf(HttpContext http) => http.Items[Key] as string ?? throw new InvalidOperationException("the request reached the admin API without passing its access check");

    public async Task InvokeAsync(HttpContext http)
    {
        var admins = policy.Current.Gateway.Admins;
        if (admins.Count == 0)
        {
            await Results.Json(new { error = "the admin API is closed: the policy names no administrators (gateway.admins)" }, statusCode: StatusCodes.Status403Forbidden).ExecuteAsync(http);
            return;
        }

        var presented = AccessMiddleware.Bearer(http.Request);
        var digest = presented is null ? null : AgentDirectory.Digest(presented);
        var admin = digest is null ? null : admins.FirstOrDefault(a => a.Value.Any(d => string.Equals(d, digest, StringComparison.OrdinalIgnoreCase))).Key;
        if (admin is null)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer";
            await Results.Json(new { error = presented is null ? "authentication required: send an administrator's key as 'Authorization: Bearer KEY'" : "the key is not an administrator's key" }, statusCode: StatusCodes.Status401Unauthorized).ExecuteAsync(http);
            return;
        }

        http.Items[Key] = admin;
        await next(http);
    }
}
