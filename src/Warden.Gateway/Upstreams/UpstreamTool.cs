using System.Text.Json;
using ModelContextProtocol.Protocol;
using Warden.Tools;

namespace Warden.Gateway.Upstreams;

/// <summary>
/// An upstream tool as the gate runs it: the call is forwarded with the checked arguments; the answer
/// goes back to the gate as the text an agent would read (every text block, embedded text resources
/// and the structured content), so that output inspection scans all of it, while the whole result is
/// kept in <see cref="UpstreamCallResult"/> for the gateway to return.
/// </summary>
internal sealed class UpstreamTool(ExposedTool tool) : InProcessTool
{
    /// <inheritdoc />
    public override string Name => tool.Name;

    /// <inheritdoc />
    public override string Description => tool.Definition.Description ?? tool.Name;

    /// <inheritdoc />
    public override async ValueTask<ToolResult> InvokeAsync(ToolInvocation invocation, CancellationToken cancellationToken)
    {
        var arguments = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (invocation.Arguments.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in invocation.Arguments.EnumerateObject())
            {
                arguments[property.Name] = property.Value.Clone();
            }
        }

        // The agent's progress token is its own; the upstream gets a fresh one from the client, whose reports are relayed.
        var result = UpstreamCallResult.Progress is { } progress
            ? await tool.Upstream.Client.CallToolAsync(tool.Definition.Name, arguments.ToDictionary(a => a.Key, a => (object?)a.Value, StringComparer.Ordinal), progress, cancellationToken: cancellationToken).ConfigureAwait(false)
            : await tool.Upstream.Client.CallToolAsync(new CallToolRequestParams { Name = tool.Definition.Name, Arguments = arguments }, cancellationToken).ConfigureAwait(false);
        UpstreamCallResult.Set(result);
        return new ToolResult(TextOf(result), result.IsError == true);
    }

    /// <summary>Everything in <paramref name="result"/> an agent could read, as one text (structured content and _meta included).</summary>
    internal static string TextOf(CallToolResult result) =>
        ContentText.Join(result.Content.Select(ContentText.Of).Append(result.StructuredContent?.GetRawText()).Append(result.Meta?.ToJsonString()));
}
