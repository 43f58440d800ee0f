namespace Warden.Cli.Commands;

/// <summary>The JSON shape of <c>policy explain --json</c>.</summary>
internal sealed record ExplainReport(string Agent, string Tool, string Decision, string Rule, string Reason, bool Shadow, IReadOnlyList<StageReport> Stages)
{
    public static ExplainReport From(ToolCall call, GateResult result)
    {
        var final = result.ShadowDecision ?? result.Decision;
        return new ExplainReport(
            call.Principal.AgentId,
            call.Tool,
            Style.Name(final.Kind),
            final.Rule,
            final.Reason,
            result.ShadowDecision is not null,
            result.Trail.Select(s => new StageReport(s.Stage, Style.Name(s.Decision.Kind), s.Decision.Rule, s.Decision.Reason)).ToList());
    }
}

/// <summary>One stage's line in a JSON report.</summary>
internal sealed record StageReport(string Stage, string Decision, string Rule, string Reason);
