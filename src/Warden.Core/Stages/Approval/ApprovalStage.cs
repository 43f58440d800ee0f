using Warden.Policies;

namespace Warden.Stages.Approval;

/// <summary>Holds a call for a person when its tool binding says <c>approval: always</c>.</summary>
public sealed class ApprovalStage : GateStage
{
    /// <summary>The stage's name.</summary>
    public const string StageName = "approval";

    private static readonly Decision NotNeeded = Decision.Allowed("approval", "the tool needs no approval");

    /// <inheritdoc />
    public override string Name => StageName;

    /// <inheritdoc />
    public override ValueTask<Decision> EvaluateAsync(GateContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult(context.Binding is { Approval: ApprovalMode.Always } binding
            ? Decision.NeedsApproval($"tools.{binding.Name}.approval", $"every call to '{binding.Name}' waits for a person's approval")
            : NotNeeded);
}
