using System.Globalization;
using System.Text.Json;
using Warden.Tools;

namespace Warden.Cli.Demo;

/// <summary>The demo's in-process tools. They act on the demo's files for real; <c>run_script</c> has none: the policy binds it to a sandbox.</summary>
internal static class DemoTools
{
    public static ToolCatalog Create(DemoWorld world, TimeProvider time) => new(
    [
        InProcessTool.Create("read_document", (call, _) => ReadDocument(world, call.Arguments), "Read a document by file name."),
        InProcessTool.Create("fetch_url", (call, _) => FetchUrl(world, call.Arguments), "Fetch a web page (from the demo's offline web)."),
        InProcessTool.Create("send_email", (call, ct) => SendEmail(world, time, call.Arguments, ct), "Send an email."),
        InProcessTool.Create("buy_item", (call, ct) => BuyItem(world, time, call.Arguments, ct), "Order an item."),
    ]);

    private static ValueTask<ToolResult> ReadDocument(DemoWorld world, JsonElement arguments)
    {
        var name = arguments.GetProperty("name").GetString()!;
        return ValueTask.FromResult(world.Office.DocumentPath(name) is { } path ? ToolResult.Ok(File.ReadAllText(path)) : ToolResult.Error($"no document named '{name}'"));
    }

    private static ValueTask<ToolResult> FetchUrl(DemoWorld world, JsonElement arguments)
    {
        var url = new Uri(arguments.GetProperty("url").GetString()!);
        return ValueTask.FromResult(world.Office.PagePath(url) is { } path ? ToolResult.Ok(File.ReadAllText(path)) : ToolResult.Error($"404: {url}"));
    }

    private static async ValueTask<ToolResult> SendEmail(DemoWorld world, TimeProvider time, JsonElement arguments, CancellationToken cancellationToken)
    {
        var to = arguments.GetProperty("to").GetString()!;
        var stamp = time.GetUtcNow().ToString("yyyyMMddTHHmmssfff", CultureInfo.InvariantCulture);
        var file = Path.Combine(world.Outbox, $"{stamp}-{Guid.NewGuid():N}.eml");
        var message = $"To: {to}\nSubject: {arguments.GetProperty("subject").GetString()}\n\n{arguments.GetProperty("body").GetString()}\n";
        await File.WriteAllTextAsync(file, message, cancellationToken).ConfigureAwait(false);
        return ToolResult.Ok($"sent to {to} ({Path.GetFileName(file)})");
    }

    private static async ValueTask<ToolResult> BuyItem(DemoWorld world, TimeProvider time, JsonElement arguments, CancellationToken cancellationToken)
    {
        var order = JsonSerializer.Serialize(new { at = time.GetUtcNow(), item = arguments.GetProperty("item").GetString(), max_price = arguments.GetProperty("max_price").GetDouble() });
        await File.AppendAllTextAsync(world.Orders, order + "\n", cancellationToken).ConfigureAwait(false);
        return ToolResult.Ok("ordered");
    }
}
