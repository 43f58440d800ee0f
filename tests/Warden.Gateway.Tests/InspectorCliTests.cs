using System.Diagnostics;
using System.Text.Json;
using Warden.Auditing;

namespace Warden.Gateway.Tests;

/// <summary>
/// The gateway with another MCP client as the agent: npm's <c>@modelcontextprotocol/inspector-cli</c>
/// (TypeScript SDK, Streamable HTTP), in front of server-everything, over real HTTP.
/// </summary>
public sealed class InspectorCliTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_inspector_lists_only_the_tools_the_agents_role_grants()
    {
        var run = await InspectAsync(GatewayFixture.ReaderKey, null, "--method", "tools/list");

        Assert.True(run.ExitCode == 0, run.Stderr);
        using var listed = JsonDocument.Parse(run.Stdout);
        Assert.Equal(["echo"], listed.RootElement.GetProperty("tools").EnumerateArray().Select(t => t.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task The_inspectors_call_goes_through_the_gate_and_is_audited_in_its_session()
    {
        var session = $"inspector-{Guid.NewGuid():N}";

        var run = await InspectAsync(GatewayFixture.OperatorKey, session, "--method", "tools/call", "--tool-name", "echo", "--tool-arg", "message=from node");

        Assert.True(run.ExitCode == 0, run.Stderr);
        using var result = JsonDocument.Parse(run.Stdout);
        Assert.Equal("Echo: from node", result.RootElement.GetProperty("content")[0].GetProperty("text").GetString());
        var recorded = Assert.Single(await gateway.Host.Gate.Audit.QueryAsync(new AuditQuery { SessionId = $"operator/{session}" }, Ct));
        Assert.Equal(("echo", DecisionKind.Allow), (recorded.Tool, recorded.Decision));
    }

    [Fact]
    public async Task The_inspector_is_told_why_beyond_its_role_and_without_a_key()
    {
        var beyond = await InspectAsync(GatewayFixture.ReaderKey, null, "--method", "tools/call", "--tool-name", "get-sum", "--tool-arg", "a=1", "b=2");
        var anonymous = await InspectAsync(null, null, "--method", "tools/list");

        Assert.NotEqual(0, beyond.ExitCode);
        Assert.Contains("\"code\":-32003", beyond.Stderr, StringComparison.Ordinal);
        Assert.Contains("roles.READER", beyond.Stderr, StringComparison.Ordinal);
        Assert.NotEqual(0, anonymous.ExitCode);
        Assert.Contains("\"code\":-32001", anonymous.Stderr, StringComparison.Ordinal);
        Assert.Contains("authentication required", anonymous.Stderr, StringComparison.Ordinal);
    }

    private async Task<(int ExitCode, string Stdout, string Stderr)> InspectAsync(string? key, string? session, params string[] method)
    {
        // The inspector looks for ../package.json: it runs from its own build/ folder.
        var start = new ProcessStartInfo(NpmServers.Node)
        {
            WorkingDirectory = Path.GetDirectoryName(NpmServers.InspectorCli)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var word in new[] { NpmServers.InspectorCli, "--cli", gateway.Host.McpEndpoint.ToString(), "--transport", "http" })
        {
            start.ArgumentList.Add(word);
        }

        if (key is not null)
        {
            start.ArgumentList.Add("--header");
            start.ArgumentList.Add($"Authorization: Bearer {key}");
        }

        if (session is not null)
        {
            start.ArgumentList.Add("--header");
            start.ArgumentList.Add($"{GatewayHost.SessionHeader}: {session}");
        }

        foreach (var word in method)
        {
            start.ArgumentList.Add(word);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(Ct);
        var stderr = process.StandardError.ReadToEndAsync(Ct);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await stdout, await stderr);
    }
}
