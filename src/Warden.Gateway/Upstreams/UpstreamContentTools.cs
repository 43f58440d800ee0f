using System.Text.Json;
using ModelContextProtocol.Protocol;
using Warden.Tools;

namespace Warden.Gateway.Upstreams;

/// <summary>
/// An upstream's resources and prompts as the gate runs them: reading a resource is a call of the
/// tool <c>UPSTREAM.resources</c> with <c>{"uri": …}</c>, getting a prompt a call of
/// <c>UPSTREAM.prompts</c> with <c>{"name": …, "arguments": {…}}</c>. The policy binds those names like
/// any tool (capability, labels, …), so reads and prompts pass the same authorization, data-flow
/// rules and inspection as tool calls; their text is scanned, the whole answer kept for the handler.
/// An argument completion for a prompt or a resource template is a call of the same tool with
/// <c>{"complete": …}</c>, so it passes the gate too.
/// </summary>
internal static class UpstreamContentTools
{
    /// <summary>The tool name of <paramref name="upstream"/>'s resources.</summary>
    public static string ResourcesOf(string upstream) => $"{upstream}.resources";

    /// <summary>The tool name of <paramref name="upstream"/>'s prompts.</summary>
    public static string PromptsOf(string upstream) => $"{upstream}.prompts";

    /// <summary>The reader and prompt getter of <paramref name="connection"/>, for what it offers.</summary>
    public static IEnumerable<InProcessTool> For(UpstreamConnection connection)
    {
        if (connection.Resources.Count > 0 || connection.ResourceTemplates.Count > 0)
        {
            yield return InProcessTool.Create(ResourcesOf(connection.Name), async (invocation, cancellationToken) =>
            {
                if (await CompleteAsync(connection, invocation, cancellationToken).ConfigureAwait(false) is { } completed)
                {
                    return completed;
                }

                var uri = invocation.Arguments.TryGetProperty("uri", out var given) && given.ValueKind == JsonValueKind.String ? given.GetString()! : throw new ArgumentException("a resource read needs a string 'uri'");
                var result = await connection.Client.ReadResourceAsync(uri, cancellationToken: cancellationToken).ConfigureAwait(false);
                UpstreamCallResult.Set(result);
                return ToolResult.Ok(TextOf(result));
            }, $"resources of upstream '{connection.Name}'");
        }

        if (connection.Prompts.Count > 0)
        {
            yield return InProcessTool.Create(PromptsOf(connection.Name), async (invocation, cancellationToken) =>
            {
                if (await CompleteAsync(connection, invocation, cancellationToken).ConfigureAwait(false) is { } completed)
                {
                    return completed;
                }

                var name = invocation.Arguments.TryGetProperty("name", out var given) && given.ValueKind == JsonValueKind.String ? given.GetString()! : throw new ArgumentException("a prompt needs a string 'name'");
                var arguments = new Dictionary<string, object?>(StringComparer.Ordinal);
                if (invocation.Arguments.TryGetProperty("arguments", out var values) && values.ValueKind == JsonValueKind.Object)
                {
                    foreach (var property in values.EnumerateObject())
                    {
                        arguments[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : property.Value.GetRawText();
                    }
                }

                var result = await connection.Client.GetPromptAsync(name, arguments, cancellationToken: cancellationToken).ConfigureAwait(false);
                UpstreamCallResult.Set(result);
                return ToolResult.Ok(TextOf(result));
            }, $"prompts of upstream '{connection.Name}'");
        }
    }

    /// <summary>
    /// An argument completion asked of the same tool (<c>{"complete": {"ref": …, "argument": …}}</c>, the
    /// completion/complete request's params): the upstream's suggestions, one per line; none from an
    /// upstream that does not offer completions. Null when the call is not a completion.
    /// </summary>
    private static async ValueTask<ToolResult?> CompleteAsync(UpstreamConnection connection, ToolInvocation invocation, CancellationToken cancellationToken)
    {
        if (!invocation.Arguments.TryGetProperty(CompleteArgument, out var request))
        {
            return null;
        }

        var parameters = request.Deserialize<CompleteRequestParams>(ModelContextProtocol.McpJsonUtilities.DefaultOptions)
            ?? throw new ArgumentException("a completion needs its ref and argument");
        var result = connection.Client.ServerCapabilities?.Completions is null
            ? new CompleteResult { Completion = new Completion { Values = [] } }
            : await connection.Client.CompleteAsync(parameters, cancellationToken).ConfigureAwait(false);
        UpstreamCallResult.Set(result);
        return ToolResult.Ok(TextOf(result));
    }

    /// <summary>The argument that makes a call of a content tool an argument completion.</summary>
    public const string CompleteArgument = "complete";

    /// <summary>A completion's suggestions, one per line.</summary>
    public static string TextOf(CompleteResult result) => string.Join('\n', result.Completion.Values);

    /// <summary>Every text a resource read holds (text contents and text-like blobs).</summary>
    public static string TextOf(ReadResourceResult result) => ContentText.Join(result.Contents.Select(ContentText.Of));

    /// <summary>Every text a prompt holds: its description and its messages.</summary>
    public static string TextOf(GetPromptResult result) =>
        ContentText.Join(result.Messages.Select(m => ContentText.Of(m.Content)).Prepend(result.Description));
}
