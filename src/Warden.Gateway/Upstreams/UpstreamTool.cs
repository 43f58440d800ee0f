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

        // The agent's progress token is its own: the upstream gets one of the gateway's, whose reports go to the agent's sink.
        var request = new CallToolRequestParams { Name = tool.Definition.Name, Arguments = arguments };
        using var relay = UpstreamCallResult.Progress is { } progress ? tool.Upstream.Progress.Register(ProgressToken(request), progress) : null;
        var result = await tool.Upstream.Client.CallToolAsync(request, cancellationToken).ConfigureAwait(false);
        UpstreamCallResult.Set(result);
        return new ToolResult(TextOf(result), result.IsError == true);
    }

    /// <summary>Gives <paramref name="request"/> a fresh progress token of the gateway's and returns it.</summary>
    private static string ProgressToken(CallToolRequestParams request)
    {
        var token = $"warden-{Guid.NewGuid():N}";
        request.Meta = new System.Text.Json.Nodes.JsonObject { ["progressToken"] = token };
        return token;
    }

    /// <summary>Everything in <paramref name="result"/> an agent could read, as one text (structured content and _meta included).</summary>
    internal static string TextOf(CallToolResult result) =>
        ContentText.Join(result.Content.Select(ContentText.Of).Append(result.StructuredContent?.GetRawText()).Append(result.Meta?.ToJsonString()));
}
