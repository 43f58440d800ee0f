using System.Text;
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

        var result = await tool.Upstream.Client.CallToolAsync(
            new CallToolRequestParams { Name = tool.Definition.Name, Arguments = arguments }, cancellationToken).ConfigureAwait(false);
        UpstreamCallResult.Set(result);
        return new ToolResult(TextOf(result), result.IsError == true);
    }

    /// <summary>Everything in <paramref name="result"/> an agent could read, as one text.</summary>
    internal static string TextOf(CallToolResult result)
    {
        var text = new StringBuilder();
        foreach (var block in result.Content)
        {
            var part = block switch
            {
                TextContentBlock t => t.Text,
                EmbeddedResourceBlock { Resource: TextResourceContents r } => r.Text,
                EmbeddedResourceBlock { Resource: BlobResourceContents b } => BlobText(b),
                ResourceLinkBlock link => $"[resource {link.Uri} {link.Name} {link.Title} {link.Description}]",
                ImageContentBlock image => $"[image {image.MimeType}]",
                AudioContentBlock audio => $"[audio {audio.MimeType}]",
                _ => $"[{block.Type}]",
            };
            text.Append(text.Length == 0 ? string.Empty : "\n").Append(part);
        }

        if (result.StructuredContent is { } structured)
        {
            text.Append(text.Length == 0 ? string.Empty : "\n").Append(structured.GetRawText());
        }

        if (result.Meta is { } meta)
        {
            text.Append(text.Length == 0 ? string.Empty : "\n").Append(meta.ToJsonString());
        }

        return text.ToString();
    }

    /// <summary>A blob's content when it is text (text/*, JSON, XML), so that it is scanned like text; else a placeholder.</summary>
    private static string BlobText(BlobResourceContents blob)
    {
        var mime = blob.MimeType ?? string.Empty;
        var textual = mime.StartsWith("text/", StringComparison.OrdinalIgnoreCase) || mime.Contains("json", StringComparison.OrdinalIgnoreCase) || mime.Contains("xml", StringComparison.OrdinalIgnoreCase);
        if (!textual)
        {
            return $"[blob {blob.Uri} {mime}]";
        }

        try
        {
            return System.Text.Encoding.UTF8.GetString(blob.DecodedData.Span);
        }
        catch (FormatException)
        {
            return $"[blob {blob.Uri} {mime}: not base64]";
        }
    }
}
