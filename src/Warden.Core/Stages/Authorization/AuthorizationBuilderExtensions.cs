using Warden.Stages.Authorization;

namespace Warden;

/// <summary>Adds authorization to a gate.</summary>
public static class AuthorizationBuilderExtensions
{
    /// <summary>Adds the authorization stage (roles, capabilities, argument schemas, tool-call budget).</summary>
    public static GateBuilder AddAuthorization(this GateBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddStage(new AuthorizationStage());
    }
}
