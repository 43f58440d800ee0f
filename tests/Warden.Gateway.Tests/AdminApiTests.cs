using System.Text.Json;
using Warden.Gateway.Access;

namespace Warden.Gateway.Tests;

/// <summary>The admin API over real HTTP: audit query and verify, sessions and recovery, breakers, anomalies, policy status.</summary>
public sealed class AdminApiTests : IAsyncLifetime
{
    private const string AgentKey = "admin-test-agent-key-0123456789";
    private const string AdminKey = "admin-test-admin-key-0123456789";
    private readonly string _folder = Directory.CreateTempSubdirectory("warden-admin-").FullName;
    private GatewayHost _host = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _host = await TestGateways.StartAsync(_folder, $$"""
            gateway:
              admins: { root: ["{{AgentDirectory.Digest(AdminKey)}}"] }
            tools:
              echo: { capability: documents.read, labels: [untrusted] }
            agents:
              agent: { role: READER, keys: ["{{AgentDirectory.Digest(AgentKey)}}"] }
            {{TestGateways.EverythingUpstream}}
            """);
        await using var agent = await GatewayClients.ConnectAsync(_host.McpEndpoint, AgentKey, "s1");
        await agent.CallToolAsync("echo", new Dictionary<string, object?> { ["message"] = "one" }, cancellationToken: Ct);
        await agent.CallToolAsync("echo", new Dictionary<string, object?> { ["message"] = "two" }, cancellationToken: Ct);
    }

    [Fact]
    public async Task An_administrator_reads_and_verifies_the_audit_log_and_sees_the_policy()
    {
        var audit = await GetAsync("/admin/audit?agent=agent&tool=echo&limit=10");
        var badType = await GetAsync("/admin/audit?type=nonsense");
        var verify = await GetAsync("/admin/audit/verify");
        var policy = await GetAsync("/admin/policy");
        var anomalies = await GetAsync("/admin/anomalies");

        Assert.Equal(200, audit.Status);
        Assert.Equal(2, audit.Json.GetProperty("events").GetArrayLength());
        Assert.Equal(400, badType.Status);
        Assert.Equal(200, verify.Status);
        Assert.True(verify.Json.GetProperty("intact").GetBoolean());
        Assert.Equal("enforce", policy.Json.GetProperty("mode").GetString());
        Assert.Equal(["everything"], policy.Json.GetProperty("upstreams").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(200, anomalies.Status);
    }

    [Fact]
    public async Task An_administrator_lists_sessions_reads_a_checkpoint_and_recovers_a_session()
    {
        var sessions = await GetAsync("/admin/sessions");
        var session = await GetAsync("/admin/sessions/agent/s1");
        var recovered = await PostAsync("/admin/sessions/agent/s1/recover");
        var missing = await GetAsync("/admin/sessions/agent/nope");

        Assert.Contains(sessions.Json.GetProperty("sessions").EnumerateArray(), s => s.GetProperty("id").GetString() == "agent/s1");
        Assert.Equal(2, session.Json.GetProperty("toolCalls").GetInt32());
        Assert.Equal(["untrusted"], session.Json.GetProperty("labels").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(200, recovered.Status);
        Assert.Equal(404, missing.Status);
    }

    [Fact]
    public async Task An_administrator_lists_and_resets_circuits()
    {
        var breakers = await GetAsync("/admin/breakers");
        var key = breakers.Json.GetProperty("breakers").EnumerateArray().Select(b => b.GetProperty("key").GetString()!).First(k => k.Contains("echo", StringComparison.Ordinal));
        var reset = await PostAsync($"/admin/breakers/{key}/reset");
        var unknown = await PostAsync("/admin/breakers/tool:nobody/nothing/reset");

        Assert.Equal(200, reset.Status);
        Assert.Equal(key, reset.Json.GetProperty("key").GetString());
        Assert.Equal(404, unknown.Status);
    }

    [Fact]
    public async Task Prometheus_scrapes_the_gates_metrics_with_the_administrators_key_only()
    {
        var scraped = await AdminRequests.SendAsync(_host, HttpMethod.Get, "/admin/metrics", AdminKey);
        var anonymous = await AdminRequests.SendAsync(_host, HttpMethod.Get, "/admin/metrics", key: null);

        Assert.Equal(200, scraped.Status);
        Assert.Contains("warden_tool_calls", scraped.Body, StringComparison.Ordinal);
        Assert.Contains("tool=\"echo\"", scraped.Body, StringComparison.Ordinal);
        Assert.Equal(401, anonymous.Status);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private Task<(int Status, JsonElement Json)> GetAsync(string path) => SendAsync(HttpMethod.Get, path);

    private Task<(int Status, JsonElement Json)> PostAsync(string path) => SendAsync(HttpMethod.Post, path);

    private async Task<(int Status, JsonElement Json)> SendAsync(HttpMethod method, string path)
    {
        var (status, body) = await AdminRequests.SendAsync(_host, method, path, AdminKey);
        return (status, JsonDocument.Parse(body.Length == 0 ? "{}" : body).RootElement.Clone());
    }
}
