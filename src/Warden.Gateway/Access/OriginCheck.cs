using Microsoft.AspNetCore.Http;

namespace Warden.Gateway.Access;

/// <summary>
/// DNS rebinding and cross-site requests: a browser names the page's origin in <c>Origin</c>; a
/// request whose origin's host is not one the gateway answers to is refused with 403 before anything
/// else runs. Requests without <c>Origin</c> (agents, command-line clients) pass; the Host header is
/// checked by ASP.NET Core's host filtering against the same names.
/// </summary>
internal sealed class OriginCheck(RequestDelegate next, IReadOnlyCollection<string> allowedHosts)
{
    private readonly bool _any = allowedHosts.Contains("*");

    public async Task InvokeAsync(HttpContext http)
    {
        var origin = http.Request.Headers.Origin.ToString();
        if (!_any && origin.Length > 0 && (!Uri.TryCreate(origin, UriKind.Absolute, out var url) || !Allowed(url.Host)))
        {
            await JsonRpcErrors.WriteAsync(http, StatusCodes.Status403Forbidden, JsonRpcErrors.Forbidden, $"requests from the origin '{origin}' are refused (not a host this gateway answers to)");
            return;
        }

        await next(http);
    }

    private bool Allowed(string host) =>
        allowedHosts.Any(allowed => string.Equals(allowed.Trim('[', ']'), host.Trim('[', ']'), StringComparison.OrdinalIgnoreCase));
}
