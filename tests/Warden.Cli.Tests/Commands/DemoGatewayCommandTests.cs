using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace Warden.Cli.Tests.Commands;

/// <summary>
/// <c>warden demo gateway</c>, the README's run command: the gateway in front of the sample office,
/// over real HTTP, with a scripted agent. The office listens where samples/gateway.yaml says
/// (127.0.0.1:8701), so these tests run one at a time (one class).
/// </summary>
public sealed class DemoGatewayCommandTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_scripted_agent_is_answered_as_expected_and_the_data_folder_keeps_the_proof()
    {
        var data = WardenProcess.TempFolder();
        var run = await WardenProcess.RunAsync("demo", "gateway", "--exit", "--json", "--data", data, "--url", "http://127.0.0.1:0");

        Assert.True(run.ExitCode == 0, run.Stderr + run.Stdout);
        using var report = JsonDocument.Parse(run.Stdout);
        var steps = report.RootElement.GetProperty("steps").EnumerateArray().ToList();
        Assert.All(steps, s => Assert.True(s.GetProperty("as_expected").GetBoolean(), s.ToString()));
        Assert.Equal(
            ["listed", "allow", "allow", "deny", "HTTP 403", "allow", "require-approval", "HTTP 200", "allow", "HTTP 200"],
            steps.Select(s => s.GetProperty("outcome").GetString()));
        Assert.Contains("injected", steps[2].GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("flows[0]", steps[3].GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("status: \"APPROVED\"", steps[7].GetProperty("detail").GetString(), StringComparison.Ordinal);

        // The refused mail never reached the office's outbox; the approved one did, once.
        var sent = Directory.GetFiles(Path.Combine(data, "demo", "outbox")).Select(File.ReadAllText).ToList();
        Assert.Equal(["To: team@example.com"], sent.Select(m => m.Split('\n')[0]));

        var verify = await WardenProcess.RunAsync("audit", "verify", "--data", data);
        Assert.True(verify.ExitCode == 0, verify.Stdout + verify.Stderr);
        var violations = await WardenProcess.RunAsync("audit", "query", "--data", data, "--type", "SECURITY_VIOLATION", "--json");
        Assert.Contains("roles.READER", violations.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_exit_it_keeps_serving_agents_until_interrupted()
    {
        var data = WardenProcess.TempFolder();
        var port = FreePort();
        using var process = WardenProcess.Start("demo", "gateway", "--data", data, "--url", $"http://127.0.0.1:{port}");
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        limit.CancelAfter(TimeSpan.FromMinutes(2));
        var stderr = process.StandardError.ReadToEndAsync(limit.Token);
        try
        {
            string? line;
            var output = new List<string>();
            while ((line = await process.StandardOutput.ReadLineAsync(limit.Token)) is not null && !line.Contains("keeps serving", StringComparison.Ordinal))
            {
                output.Add(line);
            }

            if (line is null)
            {
                Assert.Fail($"the demo stopped before serving:\n{string.Join('\n', output)}\n{await stderr}");
            }

            Assert.Contains(output, l => l.Contains($"endpoint  http://127.0.0.1:{port}/mcp", StringComparison.Ordinal));
            Assert.Contains(output, l => l.Contains("Authorization: Bearer wd-demo-assistant", StringComparison.Ordinal));

            // An agent of one's own: the MCP endpoint answers tools/list for the reader's key.
            using var http = new HttpClient();
            using var request = new HttpRequestMessage(HttpMethod.Post, $"http://127.0.0.1:{port}/mcp")
            {
                Content = new StringContent("""{"jsonrpc":"2.0","id":1,"method":"tools/list","params":{}}""", System.Text.Encoding.UTF8, "application/json"),
            };
            request.Headers.Authorization = new("Bearer", "wd-demo-reader");
            request.Headers.Accept.ParseAdd("application/json");
            request.Headers.Accept.ParseAdd("text/event-stream");
            using var response = await http.SendAsync(request, Ct);
            var body = await response.Content.ReadAsStringAsync(Ct);
            Assert.True(response.StatusCode == HttpStatusCode.OK, body);
            Assert.Contains("read_document", body, StringComparison.Ordinal);
            Assert.DoesNotContain("send_email", body, StringComparison.Ordinal);
        }
        finally
        {
            Interrupt(process);
            if (!process.WaitForExit(TimeSpan.FromSeconds(30)))
            {
                process.Kill(entireProcessTree: true); // never left holding the office's port
            }
        }

        Assert.True(process.ExitCode == 0, await stderr);
    }

    [Fact]
    public async Task A_taken_office_address_is_refused_naming_it()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 8701);
        taken.Start();

        var run = await WardenProcess.RunAsync("demo", "gateway", "--exit", "--data", WardenProcess.TempFolder(), "--url", "http://127.0.0.1:0");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("the sample office cannot start at http://127.0.0.1:8701/mcp", run.Stderr, StringComparison.Ordinal);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Interrupt(Process process)
    {
        if (!process.HasExited)
        {
            using var kill = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            kill.WaitForExit();
        }
    }
}
