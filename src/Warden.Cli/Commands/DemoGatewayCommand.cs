using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Spectre.Console;
using Warden.Cli.Demo;
using Warden.Gateway;
using Warden.Samples.Office;

namespace Warden.Cli.Commands;

/// <summary>
/// <c>warden demo gateway</c>: the gateway (<c>warden serve</c>) on the embedded default under the
/// sample gateway policy, in front of the sample office MCP server, a scripted agent's session played
/// through it over HTTP, and then how to connect an agent of your own.
/// </summary>
internal static class DemoGatewayCommand
{
    /// <summary>The sample gateway policy shipped beside the program.</summary>
    public static string SamplePolicyPath => Path.Combine(AppContext.BaseDirectory, "samples", "gateway.yaml");

    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "The data folder: the office's files, the audit log, sessions and approvals.", DefaultValueFactory = _ => "warden-data" };
        var url = new Option<string>("--url") { Description = "Where the gateway listens (plain http on a loopback address).", DefaultValueFactory = _ => "http://127.0.0.1:8700" };
        var exit = new Option<bool>("--exit") { Description = "Play the scripted agent, then stop, instead of serving until Ctrl+C." };
        var json = new Option<bool>("--json") { Description = "Print the scripted agent's steps as JSON instead of a table." };
        var command = new Command("gateway", "Start the gateway in front of the sample office MCP server, play a scripted agent through it, and serve your own agents until Ctrl+C.")
        {
            data, url, exit, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var policyPath = SamplePolicyPath;
            if (PolicyFile.Load(policyPath, out var loadCode)?.Policy is not { } policy)
            {
                return loadCode == ExitCodes.Success ? ExitCodes.BadInput : loadCode;
            }

            if (!policy.Upstreams.TryGetValue("office", out var upstream) || upstream.Url is not { } officeUrl)
            {
                Console.Error.WriteLine($"warden: the sample policy '{policyPath}' names no upstream 'office' with a url");
                return ExitCodes.BadInput;
            }

            var dataDirectory = parse.GetValue(data)!;
            OfficeServer office;
            try
            {
                office = await OfficeServer.StartAsync(new OfficeFolder(dataDirectory), officeUrl, TimeProvider.System, cancellationToken);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"warden: the sample office cannot start at {officeUrl} (is another demo running?): {e.Message}");
                return ExitCodes.BadInput;
            }

            await using (office)
            {
                GatewayHost host;
                try
                {
                    host = await GatewayHost.StartAsync(
                        new GatewayOptions { PolicyPath = policyPath, DataDirectory = dataDirectory, Urls = [parse.GetValue(url)!], AllowHttp = true },
                        logging => logging.SetMinimumLevel(LogLevel.Warning),
                        cancellationToken);
                }
                catch (GatewayStartupException e)
                {
                    Console.Error.WriteLine($"warden: the gateway did not start: {e.Message}");
                    return ExitCodes.BadInput;
                }

                await using (host)
                {
                    return await PlayAndServeAsync(host, office, dataDirectory, parse.GetValue(exit), parse.GetValue(json), cancellationToken);
                }
            }
        });
        return command;
    }

    private static async Task<int> PlayAndServeAsync(GatewayHost host, OfficeServer office, string dataDirectory, bool exit, bool json, CancellationToken cancellationToken)
    {
        var say = json ? (Action<string>)(line => Console.Error.WriteLine(Markup.Remove(line))) : AnsiConsole.MarkupLine;
        say($"Warden gateway: MCP at [bold]{Markup.Escape(host.McpEndpoint.ToString())}[/], in front of the sample office at {Markup.Escape(office.Endpoint.ToString())} (policy samples/gateway.yaml, data {Markup.Escape(Path.GetFullPath(dataDirectory))}).");
        foreach (var (name, reason) in host.UpstreamFailures)
        {
            Console.Error.WriteLine($"warden: upstream '{name}' is not available: {reason}");
            return ExitCodes.Finding;
        }

        var script = new GatewayDemoScript(host.McpEndpoint, TimeProvider.System.GetUtcNow().ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture));
        IReadOnlyList<GatewayDemoStep> steps;
        try
        {
            steps = await script.RunAsync(step => say($"[grey]{Markup.Escape(step.Who)}: {Markup.Escape(step.Action)} → {Markup.Escape(step.Outcome)}[/]"), cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or ModelContextProtocol.McpException)
        {
            Console.Error.WriteLine($"warden: the scripted agent could not talk to the gateway: {e.Message}");
            return ExitCodes.Finding;
        }

        var asExpected = steps.All(s => s.AsExpected);
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new { endpoint = host.McpEndpoint, asExpected, steps }, CliJson.Options));
        }
        else
        {
            GatewayDemoView.Render(steps, host.McpEndpoint);
        }

        if (exit)
        {
            return asExpected ? ExitCodes.Success : ExitCodes.Finding;
        }

        say("The gateway keeps serving. Press Ctrl+C to stop.");
        await host.WaitForShutdownAsync(cancellationToken);
        return asExpected ? ExitCodes.Success : ExitCodes.Finding;
    }
}
