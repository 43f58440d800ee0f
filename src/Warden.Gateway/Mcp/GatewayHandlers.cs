using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
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
/// </summary>
internal sealed class GatewayHandlers(IPolicySource policy, Gate gate, UpstreamSet upstreams)
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
        var slot = UpstreamCallResult.Begin();
        var result = await gate.InvokeAsync(call, cancellationToken).ConfigureAwait(false);
        activity?.SetTag("warden.decision", DecisionNames.Of(result.Decision.Kind));
        activity?.SetTag("warden.rule", result.Decision.Rule);
        activity?.SetTag("warden.stage", result.Stage);
        return GateAnswers.ToCallToolResult(result, slot.Result);
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
