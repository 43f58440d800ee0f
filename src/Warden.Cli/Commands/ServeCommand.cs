using System.CommandLine;
using Microsoft.Extensions.Logging;
using Warden.Gateway;

namespace Warden.Cli.Commands;

/// <summary><c>warden serve</c>: the MCP gateway, until Ctrl+C.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var policy = new Option<string?>("--policy") { Description = "The policy file (default: the sample policy)." };
        var data = new Option<string>("--data") { Description = "The data folder (SQLite files, keys, workspaces).", DefaultValueFactory = _ => "warden-data" };
        var urls = new Option<string[]>("--urls") { Description = "Where to listen: https://HOST:PORT (or http://127.0.0.1:PORT with --http).", AllowMultipleArgumentsPerToken = true, DefaultValueFactory = _ => ["https://127.0.0.1:8443"] };
        var cert = new Option<string?>("--cert") { Description = "The TLS certificate: a PFX file, or a PEM file with --cert-key (make one with: warden cert create)." };
        var certKey = new Option<string?>("--cert-key") { Description = "The PEM private key of --cert." };
        var certPassword = new Option<string?>("--cert-password-env") { Description = "The environment variable holding the PFX password." };
        var http = new Option<bool>("--http") { Description = "Allow plain http, on loopback addresses only (development)." };
        var hosts = new Option<string[]>("--allowed-hosts") { Description = "Host names accepted in the Host header (default: the listening hosts and localhost).", AllowMultipleArgumentsPerToken = true };
        var verbose = new Option<bool>("--verbose") { Description = "Log at Debug (upstream servers' stderr included)." };
        var command = new Command("serve", "Run the MCP gateway: agents connect over Streamable HTTP at /mcp; every call goes through the gate.")
        {
            policy, data, urls, cert, certKey, certPassword, http, hosts, verbose,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = new GatewayOptions
            {
                PolicyPath = parse.GetValue(policy) ?? PolicyFile.SamplePath,
                DataDirectory = parse.GetValue(data)!,
                Urls = parse.GetValue(urls)!,
                CertificatePath = parse.GetValue(cert),
                CertificateKeyPath = parse.GetValue(certKey),
                CertificatePassword = parse.GetValue(certPassword) is { } variable ? Environment.GetEnvironmentVariable(variable) : null,
                AllowHttp = parse.GetValue(http),
                AllowedHosts = parse.GetValue(hosts) is { Length: > 0 } allowed ? allowed : null,
            };
            var level = parse.GetValue(verbose) ? LogLevel.Debug : LogLevel.Information;
            GatewayHost host;
            try
            {
                host = await GatewayHost.StartAsync(options, logging => logging.SetMinimumLevel(level)
                    .AddFilter("Microsoft.AspNetCore", LogLevel.Warning)
                    .AddFilter("ModelContextProtocol", level == LogLevel.Debug ? LogLevel.Information : LogLevel.Warning), cancellationToken);
            }
            catch (GatewayStartupException e)
            {
                Console.Error.WriteLine($"warden: the gateway did not start: {e.Message}");
                return ExitCodes.BadInput;
            }

            await using (host)
            {
                Console.WriteLine($"Warden gateway: MCP at {host.McpEndpoint} (policy {Path.GetFullPath(options.PolicyPath)}, data {Path.GetFullPath(options.DataDirectory)})");
                foreach (var (name, reason) in host.UpstreamFailures)
                {
                    Console.WriteLine($"upstream '{name}' is not available: {reason}");
                }

                Console.WriteLine("Connect an agent with its key:  Authorization: Bearer <key>   and its session:  X-Warden-Session: <id>");
                Console.WriteLine("Press Ctrl+C to stop.");
                await host.WaitForShutdownAsync(cancellationToken);
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
