using Warden.Samples.Office;

// The sample office on its own, for `warden serve --policy samples/gateway.yaml` or a load test:
//   dotnet run --project samples/Warden.Samples.Office -- [--url http://127.0.0.1:8701/mcp] [--data warden-data]
var url = new Uri("http://127.0.0.1:8701/mcp");
var data = "warden-data";
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--url" when i + 1 < args.Length && Uri.TryCreate(args[i + 1], UriKind.Absolute, out var given):
            url = given;
            i++;
            break;
        case "--data" when i + 1 < args.Length:
            data = args[++i];
            break;
        default:
            Console.Error.WriteLine($"office: unknown or incomplete argument '{args[i]}'; usage: [--url http://127.0.0.1:PORT/mcp] [--data DIR]");
            return 2;
    }
}

try
{
    // The web host stops on Ctrl+C and SIGTERM.
    await using var server = await OfficeServer.StartAsync(new OfficeFolder(data), url, TimeProvider.System);
    Console.WriteLine($"the sample office serves MCP at {server.Endpoint} (files in {Path.GetFullPath(data)}/demo); Ctrl+C stops it");
    await server.WaitForShutdownAsync();
    return 0;
}
catch (Exception e) when (e is ArgumentException or IOException)
{
    Console.Error.WriteLine($"office: {e.Message}");
    return 2;
}
