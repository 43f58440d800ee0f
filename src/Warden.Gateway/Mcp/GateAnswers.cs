using System.Text.Json;
using ModelContextProtocol.Protocol;
using Warden.Gateway.Upstreams;
using Warden.Tools;

namespace Warden.Gateway.Mcp;

/// <summary>
/// Turns the gate's answer into an MCP tool result. A refusal is a tool result with <c>isError</c>
/// (so an agent's model reads why and can change course) carrying the decision as structured content;
/// an allowed call returns the upstream's own result, or, when output inspection changed the text
/// (a secret redacted), that text alone.
/// </summary>
internal static class GateAnswers
{
    public static CallToolResult ToCallToolResult(GateResult result, CallToolResult? upstream)
    {
        var decision = result.Decision;
        if (!decision.IsAllowed)
        {
            var verdict = new Dictionary<string, object?>
            {
                ["decision"] = DecisionNames.Of(decision.Kind),
                ["rule"] = decision.Rule,
                ["reason"] = decision.Reason,
                ["stage"] = result.Stage,
            };
            if (decision.ApprovalId is { } approvalId)
            {
                verdict["approval_id"] = approvalId;
            }

            var text = decision.Kind switch
            {
                DecisionKind.RequireApproval when decision.ApprovalId is { } id => $"Warden: this call waits for a person's approval (approval id {id}; rule {decision.Rule}): {decision.Reason}",
                DecisionKind.RequireApproval => $"Warden: this call needs a person's approval ({decision.Rule}), and this gateway cannot hold it: {decision.Reason}",
                DecisionKind.Throttle => $"Warden: throttled ({decision.Rule}): {decision.Reason}",
                _ => $"Warden denied this call ({decision.Rule}): {decision.Reason}",
            };
            return new CallToolResult
            {
                IsError = true,
                Content = [new TextContentBlock { Text = text }],
                StructuredContent = JsonSerializer.SerializeToElement(new Dictionary<string, object?> { ["warden"] = verdict }),
            };
        }

        var outcome = result.Outcome;
        if (outcome is null || outcome.Status != ToolStatus.Succeeded && upstream is null)
        {
            return new CallToolResult { IsError = true, Content = [new TextContentBlock { Text = outcome?.Output ?? "the tool did not run" }] };
        }

        if (upstream is not null && UpstreamTool.TextOf(upstream) == outcome.Output)
        {
            return upstream;
        }

        // Output inspection changed what the agent may read (a secret redacted): that text alone.
        return new CallToolResult { IsError = outcome.Status != ToolStatus.Succeeded, Content = [new TextContentBlock { Text = outcome.Output }] };
    }
}
