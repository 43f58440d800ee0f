using System.Text.Json;
using ModelContextProtocol.Protocol;
using Warden.Auditing;
using Warden.Gateway.Access;

namespace Warden.Gateway.Tests;

/// <summary>Approvals over real HTTP: the agent is told its call is held (with the id), an administrator approves it through the admin API, the retry goes through once.</summary>
public sealed class ApprovalTests : IAsyncLifetime
{
    private const string AgentKey = "approval-agent-key-0123456789";
    private const string AdminKey = "alice-admin-key-0123456789";
    private readonly string _folder = Directory.CreateTempSubdirectory("warden-approvals-").FullName;
    private GatewayHost _host = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The approval id the gateway put in a held call's structured result.</summary>
    private static string ApprovalIdOf(CallToolResult held) =>
        held.StructuredContent!.Value.GetProperty("warden").GetProperty("approval_id").GetString()!;

    public async ValueTask InitializeAsync()
    {
        _host = await TestGateways.StartAsync(_folder, $$"""
            gateway:
              admins: { alice: ["{{AgentDirectory.Digest(AdminKey)}}"] }
            tools:
              echo: { capability: documents.read, approval: always }
            agents:
              agent: { role: READER, keys: ["{{AgentDirectory.Digest(AgentKey)}}"] }
            {{TestGateways.EverythingUpstream}}
            """);
    }

    [Fact]
    public async Task A_held_call_is_approved_by_an_administrator_and_the_agents_retry_goes_through_once()
    {
        await using var agent = await GatewayClients.ConnectAsync(_host.McpEndpoint, AgentKey, "approval-session");
        var message = new Dictionary<string, object?> { ["message"] = "quarterly numbers" };

        var held = await agent.CallToolAsync("echo", message, cancellationToken: Ct);
        var id = ApprovalIdOf(held);
        var pending = await AdminAsync(HttpMethod.Get, "/admin/approvals?status=pending", AdminKey);
        var approved = await AdminAsync(HttpMethod.Post, $"/admin/approvals/{id}/approve", AdminKey, new { note = "fine" });
        var twice = await AdminAsync(HttpMethod.Post, $"/admin/approvals/{id}/approve", AdminKey);
        var through = await agent.CallToolAsync("echo", message, cancellationToken: Ct);
        var again = await agent.CallToolAsync("echo", message, cancellationToken: Ct);

        Assert.True(held.IsError);
        Assert.Contains($"approval id {id}", Assert.IsType<TextContentBlock>(Assert.Single(held.Content)).Text, StringComparison.Ordinal);
        Assert.Equal(200, pending.Status);
        Assert.Contains(id, pending.Body, StringComparison.Ordinal);
        Assert.Equal(200, approved.Status);
        Assert.Equal(("alice", "fine"), (JsonDocument.Parse(approved.Body).RootElement.GetProperty("decidedBy").GetString(), JsonDocument.Parse(approved.Body).RootElement.GetProperty("note").GetString()));
        Assert.Equal(409, twice.Status);
        Assert.NotEqual(true, through.IsError);
        Assert.Equal("Echo: quarterly numbers", Assert.IsType<TextContentBlock>(Assert.Single(through.Content)).Text);
        Assert.True(again.IsError);
        Assert.NotEqual(id, ApprovalIdOf(again));

        var approval = Assert.Single(await _host.Gate.Audit.QueryAsync(new AuditQuery { Type = AuditEventType.Approval, Decision = DecisionKind.Allow }, Ct));
        Assert.Equal($"approvals.{id}", approval.Rule);
    }

    [Fact]
    public async Task An_approval_revoked_before_use_denies_the_agents_retry_and_is_audited()
    {
        await using var agent = await GatewayClients.ConnectAsync(_host.McpEndpoint, AgentKey, "revoked-session");
        var message = new Dictionary<string, object?> { ["message"] = "wire the money" };

        var held = await agent.CallToolAsync("echo", message, cancellationToken: Ct);
        var id = ApprovalIdOf(held);
        var pendingRevoke = await AdminAsync(HttpMethod.Post, $"/admin/approvals/{id}/revoke", AdminKey);
        await AdminAsync(HttpMethod.Post, $"/admin/approvals/{id}/approve", AdminKey);
        var revoked = await AdminAsync(HttpMethod.Post, $"/admin/approvals/{id}/revoke", AdminKey, new { note = "wrong account" });
        var retry = await agent.CallToolAsync("echo", message, cancellationToken: Ct);
        var twice = await AdminAsync(HttpMethod.Post, $"/admin/approvals/{id}/revoke", AdminKey);
        var listed = await AdminAsync(HttpMethod.Get, "/admin/approvals?status=revoked", AdminKey);

        Assert.Equal(409, pendingRevoke.Status);
        Assert.Contains("deny it instead", pendingRevoke.Body, StringComparison.Ordinal);
        Assert.Equal(200, revoked.Status);
        Assert.Equal("REVOKED", JsonDocument.Parse(revoked.Body).RootElement.GetProperty("status").GetString());
        Assert.Equal(409, twice.Status);
        Assert.Contains("is revoked, not approved", twice.Body, StringComparison.Ordinal);
        Assert.True(retry.IsError);
        var retryText = Assert.IsType<TextContentBlock>(Assert.Single(retry.Content)).Text;
        Assert.True(retryText.Contains("alice revoked the approval of this call (\"wrong account\")", StringComparison.Ordinal), retryText);
        Assert.Contains(id, listed.Body, StringComparison.Ordinal);
        var events = await _host.Gate.Audit.QueryAsync(new AuditQuery { Type = AuditEventType.Approval, SessionId = "agent/revoked-session" }, Ct);
        Assert.Contains(events, e => e.Rule == $"approvals.{id}.revoked" && e.Decision == DecisionKind.Deny);
    }

    [Fact]
    public async Task The_admin_api_refuses_agents_keys_and_unknown_keys_and_names_unknown_approvals()
    {
        var none = await AdminAsync(HttpMethod.Get, "/admin/approvals", key: null);
        var agentKey = await AdminAsync(HttpMethod.Get, "/admin/approvals", AgentKey);
        var unknown = await AdminAsync(HttpMethod.Post, "/admin/approvals/ap_nope/deny", AdminKey);
        var badStatus = await AdminAsync(HttpMethod.Get, "/admin/approvals?status=maybe", AdminKey);

        Assert.Equal(401, none.Status);
        Assert.Equal(401, agentKey.Status);
        Assert.Contains("not an administrator's key", agentKey.Body, StringComparison.Ordinal);
        Assert.Equal(404, unknown.Status);
        Assert.Contains("there is no approval 'ap_nope'", unknown.Body, StringComparison.Ordinal);
        Assert.Equal(400, badStatus.Status);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private Task<(int Status, string Body)> AdminAsync(HttpMethod method, string path, string? key, object? body = null) =>
        AdminRequests.SendAsync(_host, method, path, key, body);
}
