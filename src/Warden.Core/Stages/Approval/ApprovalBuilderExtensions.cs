using Warden.Stages.Approval;

namespace Warden;

/// <summary>Adds the approval check to a gate.</summary>
public static class ApprovalBuilderExtensions
{
    /// <summary>Adds the approval stage.</summary>
    public static GateBuilder AddApproval(this GateBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddStage(new ApprovalStage());
    }
}
