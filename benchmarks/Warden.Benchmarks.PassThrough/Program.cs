using Warden.Benchmarks.PassThrough;

// The gateway load benchmark's baseline (benchmarks/gateway/run.sh): the least any MCP gateway built on
// the C# SDK and ASP.NET Core does, measured on the same machine, so that the gateway's figures can be
// read against what the stack itself costs. Usage:
//   dotnet Warden.Benchmarks.PassThrough.dll --upstream http://127.0.0.1:8801/mcp --url http://127.0.0.1:8802/mcp [--raw] [--durable FILE]
Uri? upstream = null;
var url = new Uri("http://127.0.0.1:8802/mcp");
string? durable = null;
var raw = false;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--upstream" when i + 1 < args.Length && Uri.TryCreate(args[i + 1], UriKind.Absolute, out var given):
            upstream = given;
            i++;
            break;
        case "--url" when i + 1 < args.Length && Uri.TryCreate(args[i + 1], UriKind.Absolute, out var listen):
            url = listen;
            i++;
            break;
        case "--raw":
            raw = true;
            break;
        case "--durable" when i + 1 < args.Length:
            durable = args[++i];
            break;
        default:
            Console.Error.WriteLine($"pass-through: unknown or incomplete argument '{args[i]}'; usage: --upstream URL [--url URL] [--raw] [--durable FILE]");
            return 2;
    }
}

if (upstream is null)
{
    Console.Error.WriteLine("pass-through: --upstream URL is required (the MCP server to forward to)");
    return 2;
}

await using var proxy = await PassThroughProxy.StartAsync(upstream, url, durable, raw);
var what = (raw ? "bytes forwarded, no MCP" : "MCP SDK server and client") + (durable is null ? string.Empty : $", one fsync'd append to {durable} per call");
Console.WriteLine($"pass-through proxy: {url} -> {upstream} ({what}); Ctrl+C stops it");
await proxy.WaitForShutdownAsync();
return 0;
