using System.Text.Json;
using ModelContextProtocol.Protocol;
using Warden.Auditing;
using Warden.Storage.Sqlite;

namespace Warden.Gateway.Tests;

/// <summary>The gateway end to end: the C# SDK client as the agent, server-everything (npm) sandboxed behind it, over real HTTP.</summary>
public sealed class GatewayMcpTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_agent_sees_only_the_tools_its_role_grants()
    {
        await using var reader = await gateway.ConnectAsync(GatewayFixture.ReaderKey);
        await using var operatorAgent = await gateway.ConnectAsync(GatewayFixture.OperatorKey);

        var readerTools = await reader.ListToolsAsync(cancellationToken: Ct);
        var operatorTools = await operatorAgent.ListToolsAsync(cancellationToken: Ct);

        Assert.Equal(["echo"], readerTools.Select(t => t.Name));
        Assert.Equal(["echo", "get-sum", "trigger-long-running-operation"], operatorTools.Select(t => t.Name));
        Assert.Equal("Echoes back the input string", readerTools[0].Description);
    }

    [Fact]
    public async Task A_call_goes_through_the_gate_to_the_sandboxed_server_and_is_audited()
    {
        var session = $"s-{Guid.NewGuid():N}";
        await using var client = await gateway.ConnectAsync(GatewayFixture.OperatorKey, session);

        var echo = await client.CallToolAsync("echo", new Dictionary<string, object?> { ["message"] = "through the gate" }, cancellationToken: Ct);
        var sum = await client.CallToolAsync("get-sum", new Dictionary<string, object?> { ["a"] = 2, ["b"] = 40 }, cancellationToken: Ct);

        Assert.NotEqual(true, echo.IsError);
        Assert.Equal("Echo: through the gate", Assert.IsType<TextContentBlock>(Assert.Single(echo.Content)).Text);
        Assert.Contains("42", Assert.IsType<TextContentBlock>(Assert.Single(sum.Content)).Text, StringComparison.Ordinal);
        var events = await gateway.Host.Gate.Audit.QueryAsync(new AuditQuery { SessionId = $"operator/{session}" }, Ct);
        Assert.Equal(["get-sum", "echo"], events.Select(e => e.Tool));
        Assert.All(events, e => Assert.Equal((AuditEventType.ToolCall, "operator", DecisionKind.Allow), (e.Type, e.AgentId, e.Decision)));
    }

    [Fact]
    public async Task An_agent_that_hangs_up_does_not_cut_its_call_off_and_its_retry_is_answered_from_the_ledger()
    {
        var session = $"s-{Guid.NewGuid():N}";
        const string call = """{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"trigger-long-running-operation","arguments":{"duration":3,"steps":1}}}""";
        using (var hangUp = new CancellationTokenSource(TimeSpan.FromSeconds(1)))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => gateway.PostInSessionAsync(call, GatewayFixture.OperatorKey, session, hangUp.Token));
        }

        // The call runs to its end upstream and is audited as it went, after the agent has gone.
        IReadOnlyList<AuditEvent> events = [];
        for (var attempt = 0; attempt < 150 && events.Count == 0; attempt++)
        {
            await Task.Delay(100, Ct);
            events = await gateway.Host.Gate.Audit.QueryAsync(new AuditQuery { SessionId = $"operator/{session}" }, Ct);
        }

        var recorded = Assert.Single(events);
        Assert.Equal((DecisionKind.Allow, "trigger-long-running-operation"), (recorded.Decision, recorded.Tool));

        var (status, retry) = await gateway.PostInSessionAsync(call, GatewayFixture.OperatorKey, session, Ct);
        Assert.Equal(200, status);
        Assert.Contains("Long running operation completed", retry, StringComparison.Ordinal);
        var answered = (await gateway.Host.Gate.Audit.QueryAsync(new AuditQuery { SessionId = $"operator/{session}" }, Ct))[0];
        Assert.Equal(DecisionKind.Allow, answered.Decision);
        Assert.Contains("answered from the side-effect ledger", answered.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_credential_or_an_unknown_one_is_401_with_a_json_rpc_error()
    {
        var list = """{"jsonrpc":"2.0","id":7,"method":"tools/list"}""";

        var (missingStatus, missingBody) = await gateway.PostAsync(list, key: null);
        var (unknownStatus, unknownBody) = await gateway.PostAsync(list, key: "not-a-key");

        Assert.Equal(401, missingStatus);
        Assert.Equal(401, unknownStatus);
        using var missing = JsonDocument.Parse(missingBody);
        Assert.Equal(-32001, missing.RootElement.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Contains("authentication required", missing.RootElement.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("not any agent's key", unknownBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_call_beyond_the_agents_role_is_403_and_audited_as_a_security_violation()
    {
        var call = """{"jsonrpc":"2.0","id":9,"method":"tools/call","params":{"name":"get-sum","arguments":{"a":1,"b":2}}}""";

        var (status, body) = await gateway.PostInSessionAsync(call, GatewayFixture.ReaderKey, "beyond-role", Ct);

        Assert.Equal(403, status);
        using var error = JsonDocument.Parse(body);
        Assert.Equal(9, error.RootElement.GetProperty("id").GetInt32());
        Assert.Equal("roles.READER", error.RootElement.GetProperty("error").GetProperty("data").GetProperty("rule").GetString());
        var violations = await gateway.Host.Gate.Audit.QueryAsync(new AuditQuery { SessionId = "reader/beyond-role", Type = AuditEventType.SecurityViolation, Tool = "get-sum" }, Ct);
        var violation = Assert.Single(violations);
        Assert.Equal(("authorization", "roles.READER", DecisionKind.Deny), (violation.Stage, violation.Rule, violation.Decision));
    }

    [Fact]
    public async Task Agents_naming_no_session_or_the_same_one_never_share_it()
    {
        await using var reader = await gateway.ConnectAsync(GatewayFixture.ReaderKey);
        await using var operatorAgent = await gateway.ConnectAsync(GatewayFixture.OperatorKey);
        await using var readerNamed = await gateway.ConnectAsync(GatewayFixture.ReaderKey, "shared-name");
        await using var operatorNamed = await gateway.ConnectAsync(GatewayFixture.OperatorKey, "shared-name");

        foreach (var client in new[] { reader, operatorAgent, readerNamed, operatorNamed })
        {
            var result = await client.CallToolAsync("echo", new Dictionary<string, object?> { ["message"] = "mine" }, cancellationToken: Ct);
            Assert.NotEqual(true, result.IsError);
        }

        var sessions = (await gateway.Host.Gate.Audit.QueryAsync(new AuditQuery { Tool = "echo", Limit = 1000 }, Ct)).Select(e => e.SessionId).ToHashSet();
        Assert.Superset(new HashSet<string> { "reader/default", "operator/default", "reader/shared-name", "operator/shared-name" }, sessions);
    }

    [Theory]
    [InlineData("""{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"Name":"get-sum","arguments":{"a":1,"b":2}}}""", 403)]
    [InlineData("""{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"echo","Name":"get-sum","arguments":{"a":1,"b":2}}}""", 400)]
    [InlineData("""{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"echo"},"Params":{"name":"get-sum"}}""", 400)]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\"", 400)]
    public async Task A_tool_name_spelled_in_another_case_or_twice_cannot_slip_past_the_role_check(string body, int expected)
    {
        var (status, _) = await gateway.PostAsync(body, GatewayFixture.ReaderKey);
        Assert.Equal(expected, status);
    }

    [Fact]
    public async Task A_browser_request_from_a_foreign_origin_is_refused_and_a_local_one_passes()
    {
        using var foreign = new HttpRequestMessage(HttpMethod.Get, new Uri(gateway.Host.McpEndpoint, "/healthz"));
        foreign.Headers.Add("Origin", "http://evil.example");
        using var local = new HttpRequestMessage(HttpMethod.Get, new Uri(gateway.Host.McpEndpoint, "/healthz"));
        local.Headers.Add("Origin", "http://localhost:3000");
        using var wrongHost = new HttpRequestMessage(HttpMethod.Get, new Uri(gateway.Host.McpEndpoint, "/healthz"));
        wrongHost.Headers.Host = "evil.example";

        using var refused = await gateway.Http.SendAsync(foreign, Ct);
        using var passed = await gateway.Http.SendAsync(local, Ct);
        using var rebound = await gateway.Http.SendAsync(wrongHost, Ct);

        Assert.Equal(403, (int)refused.StatusCode);
        Assert.Contains("evil.example", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(200, (int)passed.StatusCode);
        Assert.Equal(400, (int)rebound.StatusCode);
    }

    [Fact]
    public async Task The_audit_log_the_gateway_writes_verifies()
    {
        await using (var client = await gateway.ConnectAsync(GatewayFixture.ReaderKey, "verify-session"))
        {
            await client.CallToolAsync("echo", new Dictionary<string, object?> { ["message"] = "x" }, cancellationToken: Ct);
        }

        var verification = AuditVerifier.Verify(gateway.DataDirectory);
        Assert.True(verification.Intact, verification.Problem);
        Assert.True(verification.Events >= 1);
    }
}
