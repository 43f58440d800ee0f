using System.Net.Http.Headers;
using System.Text.Json;
using Warden.Gateway.Access;

namespace Warden.Gateway.Tests;

/// <summary>Rate limits per agent, per tool and per client address over real HTTP: 429, Retry-After and a JSON-RPC error.</summary>
public sealed class RateLimitTests : IAsyncDisposable
{
    private const string SlowKey = "slow-agent-key-0123456789";
    private const string FastKey = "fast-agent-key-0123456789";
    private readonly string _folder = Directory.CreateTempSubdirectory("warden-limits-").FullName;
    private readonly HttpClient _http = new();
    private GatewayHost? _host;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_agent_over_its_requests_per_minute_gets_429_with_retry_after_and_others_do_not()
    {
        await StartAsync(withTool: false, perIp: null);
        var list = """{"jsonrpc":"2.0","id":1,"method":"tools/list"}""";

        var statuses = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await PostAsync(list, SlowKey)).Status);
        }

        var (status, body, retryAfter) = await PostAsync(list, SlowKey);
        var other = await PostAsync(list, FastKey);

        Assert.Equal([200, 200, 200], statuses);
        Assert.Equal(429, status);
        Assert.True(retryAfter >= 1, $"Retry-After {retryAfter}");
        using var error = JsonDocument.Parse(body);
        Assert.Equal(-32029, error.RootElement.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Equal("agent", error.RootElement.GetProperty("error").GetProperty("data").GetProperty("limit").GetString());
        Assert.Contains("agents.slow.limits.requests_per_minute", error.RootElement.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(200, other.Status);
    }

    [Fact]
    public async Task A_tool_over_its_requests_per_minute_gets_429_whoever_calls_it()
    {
        await StartAsync(withTool: true, perIp: null);
        string Call(int id) => JsonSerializer.Serialize(new { jsonrpc = "2.0", id, method = "tools/call", @params = new { name = "echo", arguments = new { message = $"m{id}" } } });

        var first = await PostAsync(Call(1), FastKey);
        var second = await PostAsync(Call(2), FastKey);
        var third = await PostAsync(Call(3), FastKey);

        Assert.Equal((200, 200), (first.Status, second.Status));
        Assert.Equal(429, third.Status);
        using var error = JsonDocument.Parse(third.Body);
        Assert.Equal(3, error.RootElement.GetProperty("id").GetInt32());
        Assert.Equal("tool", error.RootElement.GetProperty("error").GetProperty("data").GetProperty("limit").GetString());
    }

    [Fact]
    public async Task A_client_address_over_its_limit_is_refused_before_authentication()
    {
        await StartAsync(withTool: false, perIp: 4);
        var list = """{"jsonrpc":"2.0","id":1,"method":"tools/list"}""";

        var statuses = new List<int>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await PostAsync(list, key: i % 2 == 0 ? FastKey : "wrong-key")).Status);
        }

        var refused = await PostAsync(list, FastKey);

        Assert.Equal([200, 401, 200, 401], statuses);
        Assert.Equal(429, refused.Status);
        Assert.Contains("\"limit\":\"ip\"", refused.Body, StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        Directory.Delete(_folder, recursive: true);
    }

    private async Task StartAsync(bool withTool, int? perIp)
    {
        var upstream = withTool ? $$"""
            tools:
              echo: { capability: documents.read, requests_per_minute: 2 }
            {{TestGateways.EverythingUpstream}}
            """ : string.Empty;
        var gateway = perIp is { } limit ? $"gateway: {{ requests_per_minute_per_ip: {limit} }}\n" : string.Empty;
        _host = await TestGateways.StartAsync(_folder, $$"""
            {{gateway}}agents:
              slow: { role: READER, keys: ["{{AgentDirectory.Digest(SlowKey)}}"], limits: { requests_per_minute: 3 } }
              fast: { role: READER, keys: ["{{AgentDirectory.Digest(FastKey)}}"] }
            {{upstream}}
            """);
    }

    private async Task<(int Status, string Body, int RetryAfter)> PostAsync(string json, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _host!.McpEndpoint) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        request.Headers.Add("MCP-Protocol-Version", "2025-11-25");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var response = await _http.SendAsync(request, Ct);
        var retryAfter = response.Headers.RetryAfter?.Delta is { } delta ? (int)delta.TotalSeconds : 0;
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(Ct), retryAfter);
    }
}
