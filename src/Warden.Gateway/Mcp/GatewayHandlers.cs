using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Warden.Gateway.Access;
using Warden.Gateway.Upstreams;
using Warden.Policies;

namespace Warden.Gateway.Mcp;

/// <summary>
/// The MCP methods the gateway answers: tools/list shows an agent only the tools its role grants;
/// tools/call goes through the whole gate (breakers, sanitation, inspection, authorization, data
/// flow, approval, execution upstream, output inspection, checkpoint, audit).
/// An agent that hangs up or cancels does not cancel a call under way: an upstream call cut off midway
/// has an unknown effect, which the side-effect ledger would hold against every retry of it. The call
/// finishes within its tool's timeout, is audited and checkpointed, and a retry is answered from the ledger
/// (or, for a tool the policy declares idempotent, runs again).
/// At shutdown the gateway waits for such calls (<see cref="CallsInFlight"/>) before closing its stores.
/// </summary>
internal sealed class GatewayHandlers(IPolicySource policy, Gate gate, UpstreamSet upstreams, CallsInFlight inFlight, ILogger log)
{
    /// <summary>tools/list: the upstream tools the policy binds and the caller's role grants.</summary>
    public ValueTask<ListToolsResult> ListToolsAsync(RequestContext<ListToolsRequestParams> request, CancellationToken cancellationToken)
    {
        var caller = CallerContext.Of(Http(request));
        var current = policy.Current;
        var role = current.ResolveRole(caller.Principal)?.Role;
        var tools = upstreams.Tools.Values
            .Where(tool => role is not null && current.Tools.TryGetValue(tool.Name, out var binding) && role.Grants(binding.Capability))
            .OrderBy(tool => tool.Name, StringComparer.Ordinal)
            .Select(tool => Renamed(tool.Definition, tool.Name))
            .ToList();
        return ValueTask.FromResult(new ListToolsResult { Tools = tools });
    }

    /// <summary>tools/call: the gate decides; an allowed call's upstream result comes back (redacted when output inspection redacted it).</summary>
    public async ValueTask<CallToolResult> CallToolAsync(RequestContext<CallToolRequestParams> request, CancellationToken cancellationToken)
    {
        var caller = CallerContext.Of(Http(request));
        var parameters = request.Params ?? throw new McpProtocolException("tools/call needs params", McpErrorCode.InvalidParams);
        var arguments = JsonSerializer.SerializeToElement(parameters.Arguments ?? new Dictionary<string, JsonElement>());
        var call = new ToolCall(parameters.Name, arguments, caller.SessionId, caller.Principal);
        using var activity = GatewayTelemetry.Source.StartActivity($"tools/call {parameters.Name}");
        activity?.SetTag("warden.agent", caller.AgentId);
        activity?.SetTag("warden.tool", parameters.Name);
        var progress = parameters.ProgressToken is { } token && request.Server is { } agent ? new AgentProgress(agent, token, log) : null;
        var slot = UpstreamCallResult.Begin(progress);
        using var counted = inFlight.Enter();
        var result = await gate.InvokeAsync(call, inFlight.Token).ConfigureAwait(false); // not the request's: see the class
        if (progress is not null)
        {
            await progress.FlushAsync().ConfigureAwait(false);
        }

        activity?.SetTag("warden.decision", DecisionNames.Of(result.Decision.Kind));
        activity?.SetTag("warden.rule", result.Decision.Rule);
        activity?.SetTag("warden.stage", result.Stage);
        return GateAnswers.ToCallToolResult(result, slot.Result as CallToolResult);
    }

    /// <summary>resources/list: the resources of the upstreams whose <c>UPSTREAM.resources</c> binding the caller's role grants.</summary>
    public ValueTask<ListResourcesResult> ListResourcesAsync(RequestContext<ListResourcesRequestParams> request, CancellationToken cancellationToken)
    {
        var resources = Granted(request, UpstreamContentTools.ResourcesOf, c => c.Resources);
        return ValueTask.FromResult(new ListResourcesResult { Resources = resources });
    }

    /// <summary>resources/templates/list: the templates of the upstreams whose <c>UPSTREAM.resources</c> binding the caller's role grants.</summary>
    public ValueTask<ListResourceTemplatesResult> ListResourceTemplatesAsync(RequestContext<ListResourceTemplatesRequestParams> request, CancellationToken cancellationToken)
    {
        var templates = Granted(request, UpstreamContentTools.ResourcesOf, c => c.ResourceTemplates);
        return ValueTask.FromResult(new ListResourceTemplatesResult { ResourceTemplates = templates });
    }

    /// <summary>resources/read (of a listed resource or a template's URI): through the gate as a call of <c>UPSTREAM.resources</c>; a refusal is a JSON-RPC error naming the rule.</summary>
    public async ValueTask<ReadResourceResult> ReadResourceAsync(RequestContext<ReadResourceRequestParams> request, CancellationToken cancellationToken)
    {
        var caller = CallerContext.Of(Http(request));
        var uri = request.Params?.Uri ?? throw new McpProtocolException("resources/read needs a uri", McpErrorCode.InvalidParams);
        var owner = upstreams.Connections.FirstOrDefault(c => c.Resources.Any(r => r.Uri == uri))
            ?? upstreams.Connections.FirstOrDefault(c => c.ResourceTemplates.Any(t => UriTemplateMatch.Matches(t.UriTemplate, uri)))
            ?? throw new McpProtocolException($"no upstream lists the resource '{uri}' or a template it matches", McpErrorCode.ResourceNotFound);
        var (result, upstream) = await ThroughGateAsync(caller, UpstreamContentTools.ResourcesOf(owner.Name), new Dictionary<string, object?> { ["uri"] = uri }, cancellationToken).ConfigureAwait(false);
        return upstream is ReadResourceResult read && UpstreamContentTools.TextOf(read) == result.Outcome!.Output
            ? read
            : new ReadResourceResult { Contents = [new TextResourceContents { Uri = uri, MimeType = "text/plain", Text = result.Outcome!.Output }] };
    }

    /// <summary>prompts/list: the prompts of the upstreams whose <c>UPSTREAM.prompts</c> binding the caller's role grants.</summary>
    public ValueTask<ListPromptsResult> ListPromptsAsync(RequestContext<ListPromptsRequestParams> request, CancellationToken cancellationToken)
    {
        var prompts = Granted(request, UpstreamContentTools.PromptsOf, c => c.Prompts);
        return ValueTask.FromResult(new ListPromptsResult { Prompts = prompts });
    }

    /// <summary>prompts/get: through the gate as a call of <c>UPSTREAM.prompts</c>.</summary>
    public async ValueTask<GetPromptResult> GetPromptAsync(RequestContext<GetPromptRequestParams> request, CancellationToken cancellationToken)
    {
        var caller = CallerContext.Of(Http(request));
        var name = request.Params?.Name ?? throw new McpProtocolException("prompts/get needs a name", McpErrorCode.InvalidParams);
        var owner = upstreams.Connections.FirstOrDefault(c => c.Prompts.Any(p => p.Name == name))
            ?? throw new McpProtocolException($"no upstream lists the prompt '{name}'", McpErrorCode.InvalidParams);
        var arguments = new Dictionary<string, object?> { ["name"] = name, ["arguments"] = request.Params.Arguments ?? new Dictionary<string, JsonElement>() };
        var (result, upstream) = await ThroughGateAsync(caller, UpstreamContentTools.PromptsOf(owner.Name), arguments, cancellationToken).ConfigureAwait(false);
        return upstream is GetPromptResult prompt && UpstreamContentTools.TextOf(prompt) == result.Outcome!.Output
            ? prompt
            : new GetPromptResult { Messages = [new PromptMessage { Role = ModelContextProtocol.Protocol.Role.User, Content = new TextContentBlock { Text = result.Outcome!.Output } }] };
    }

    /// <summary>
    /// completion/complete: argument suggestions from the upstream that owns the prompt or resource
    /// template, through the gate as a call of its <c>UPSTREAM.prompts</c> or <c>UPSTREAM.resources</c>
    /// with <c>{"complete": …}</c> (authorization, the agent's partial value inspected, audit, the
    /// suggestions scanned like any answer); a refusal is a JSON-RPC error naming the rule.
    /// </summary>
    public async ValueTask<CompleteResult> CompleteAsync(RequestContext<CompleteRequestParams> request, CancellationToken cancellationToken)
    {
        var caller = CallerContext.Of(Http(request));
        var parameters = request.Params ?? throw new McpProtocolException("completion/complete needs params", McpErrorCode.InvalidParams);
        var (owner, what, contentTool) = parameters.Ref switch
        {
            PromptReference prompt => (upstreams.Connections.FirstOrDefault(c => c.Prompts.Any(p => p.Name == prompt.Name)), $"the prompt '{prompt.Name}'", (Func<string, string>)UpstreamContentTools.PromptsOf),
            ResourceTemplateReference resource => (
                upstreams.Connections.FirstOrDefault(c => c.ResourceTemplates.Any(t => t.UriTemplate == resource.Uri) || c.Resources.Any(r => r.Uri == resource.Uri)),
                $"the resource '{resource.Uri}'",
                UpstreamContentTools.ResourcesOf),
            _ => throw new McpProtocolException("completion/complete needs a ref/prompt or ref/resource reference", McpErrorCode.InvalidParams),
        };
        if (owner is null)
        {
            throw new McpProtocolException($"no upstream offers {what}", McpErrorCode.InvalidParams);
        }

        var arguments = new Dictionary<string, object?> { [UpstreamContentTools.CompleteArgument] = JsonSerializer.SerializeToElement(parameters, McpJsonUtilities.DefaultOptions) };
        var (result, upstream) = await ThroughGateAsync(caller, contentTool(owner.Name), arguments, cancellationToken).ConfigureAwait(false);
        return upstream is CompleteResult completed && UpstreamContentTools.TextOf(completed) == result.Outcome!.Output
            ? completed
            : new CompleteResult { Completion = new Completion { Values = [.. result.Outcome!.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Take(100)] } };
    }

    /// <summary>
    /// The answer to resources/subscribe and resources/unsubscribe: the gateway is stateless (any replica
    /// answers any request) and keeps no stream open to an agent, so it could never deliver an update.
    /// </summary>
    public static McpProtocolException SubscriptionsUnsupported() => new(
        "Warden's gateway does not relay resource subscriptions: it keeps no stream open to agents, so no update could reach you; read the resource again instead",
        McpErrorCode.MethodNotFound);

    /// <summary>The items of the upstreams whose content tool (<paramref name="contentTool"/> of the upstream's name) the caller's role grants.</summary>
    private List<T> Granted<TParams, T>(RequestContext<TParams> request, Func<string, string> contentTool, Func<UpstreamConnection, IEnumerable<T>> items)
    {
        var caller = CallerContext.Of(Http(request));
        return upstreams.Connections.Where(c => Grants(caller, contentTool(c.Name))).SelectMany(items).ToList();
    }

    /// <summary>Runs a read or a prompt through the gate; a refusal or failure becomes a JSON-RPC error.</summary>
    private async Task<(GateResult Result, object? Upstream)> ThroughGateAsync(CallerContext caller, string tool, Dictionary<string, object?> arguments, CancellationToken cancellationToken)
    {
        var call = new ToolCall(tool, JsonSerializer.SerializeToElement(arguments), caller.SessionId, caller.Principal);
        using var activity = GatewayTelemetry.Source.StartActivity(tool);
        var slot = UpstreamCallResult.Begin();
        using var counted = inFlight.Enter();
        var result = await gate.InvokeAsync(call, inFlight.Token).ConfigureAwait(false); // not the request's: see the class
        activity?.SetTag("warden.decision", DecisionNames.Of(result.Decision.Kind));
        if (!result.Decision.IsAllowed)
        {
            throw new McpProtocolException($"Warden denied this ({result.Decision.Rule}): {result.Decision.Reason}", (McpErrorCode)Access.JsonRpcErrors.Forbidden);
        }

        if (result.Outcome is not { Status: Tools.ToolStatus.Succeeded })
        {
            throw new McpProtocolException($"the upstream could not answer: {result.Outcome?.Output ?? "it did not run"}", McpErrorCode.InternalError);
        }

        return (result, slot.Result);
    }

    private bool Grants(CallerContext caller, string tool)
    {
        var current = policy.Current;
        return current.ResolveRole(caller.Principal) is { } resolved && current.Tools.TryGetValue(tool, out var binding) && resolved.Role.Grants(binding.Capability);
    }

    private static HttpContext? Http<T>(RequestContext<T> request) =>
        request.Services?.GetRequiredService<IHttpContextAccessor>().HttpContext;

    private static Tool Renamed(Tool tool, string name) => tool.Name == name ? tool : new Tool
    {
        Name = name,
        Title = tool.Title,
        Description = tool.Description,
        InputSchema = tool.InputSchema,
        OutputSchema = tool.OutputSchema,
        Annotations = tool.Annotations,
        Meta = tool.Meta,
    };
}
