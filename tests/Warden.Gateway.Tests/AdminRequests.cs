using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace Warden.Gateway.Tests;

/// <summary>Requests to a gateway's admin API with an administrator's key (or none).</summary>
internal static class AdminRequests
{
    private static readonly HttpClient Http = new();

    /// <summary>Sends <paramref name="method"/> <paramref name="path"/> (relative to <paramref name="gateway"/>), with <paramref name="body"/> as JSON when given.</summary>
    public static async Task<(int Status, string Body)> SendAsync(GatewayHost gateway, HttpMethod method, string path, string? key, object? body = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(gateway.McpEndpoint, path));
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        using var response = await Http.SendAsync(request, TestContext.Current.CancellationToken);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}
