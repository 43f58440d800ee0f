using Warden.Stages.ArgumentSanitation;

namespace Warden;

/// <summary>Adds argument sanitation to a gate.</summary>
public static class ArgumentSanitationBuilderExtensions
{
    /// <summary>Adds the argument sanitation stage.</summary>
    public static GateBuilder AddArgumentSanitation(this GateBuilder builder, ArgumentSanitationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddStage(new ArgumentSanitationStage(options ?? new ArgumentSanitationOptions()));
    }
}
