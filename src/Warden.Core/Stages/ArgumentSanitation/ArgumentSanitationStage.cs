using System.Text.Json;
using Warden.Json;

namespace Warden.Stages.ArgumentSanitation;

/// <summary>Refuses calls whose arguments break <see cref="ArgumentSanitationOptions"/>, naming the place.</summary>
public sealed class ArgumentSanitationStage(ArgumentSanitationOptions options) : GateStage
{
    /// <summary>The stage's name.</summary>
    public const string StageName = "argument-sanitation";

    private static readonly Decision Passed = Decision.Allowed("arguments", "the arguments are within every limit");

    /// <summary>The checker.</summary>
    public ArgumentSanitizer Sanitizer { get; } = new(options);

    /// <inheritdoc />
    public override string Name => StageName;

    /// <inheritdoc />
    public override ValueTask<Decision> EvaluateAsync(GateContext context, CancellationToken cancellationToken)
    {
        var violation = Sanitizer.Check(context.Call.Arguments);
        return ValueTask.FromResult(violation.IsNone ? Passed : Explain(violation, context.Call.Arguments));
    }

    private Decision Explain(ArgumentViolation violation, JsonElement arguments)
    {
        var limits = Sanitizer.Options;
        return violation.Kind switch
        {
            ArgumentViolationKind.NotAnObject => Decision.Deny("arguments.shape", $"the arguments must be a JSON object, not {violation.Detail}"),
            ArgumentViolationKind.TooLarge => Decision.Deny("arguments.size", $"the arguments are {violation.Detail} bytes; the limit is {limits.MaxTotalBytes}"),
            ArgumentViolationKind.InvalidText => Decision.Deny("arguments.invalid_text", $"{violation.Detail} in the arguments holds an escape that is not valid Unicode (a lone surrogate)"),
            ArgumentViolationKind.TooDeep => Decision.Deny("arguments.depth", $"the arguments nest {violation.Detail} levels deep; the limit is {limits.MaxDepth}"),
            ArgumentViolationKind.StringTooLong => Decision.Deny(
                "arguments.string_length",
                $"a string at {PathOf(arguments, (name, value, _) => (name?.Length ?? 0) > limits.MaxStringLength || (value.ValueKind == JsonValueKind.String && value.GetString()!.Length > limits.MaxStringLength))} is {violation.Detail} characters; the limit is {limits.MaxStringLength}"),
            _ => Decision.Deny(
                "arguments.forbidden_key",
                $"the key '{violation.Detail}' at {PathOf(arguments, (name, _, _) => name == violation.Detail)} is forbidden (prototype pollution)"),
        };
    }

    private static string PathOf(JsonElement arguments, JsonPaths.NodeTest test) => JsonPaths.FindFirst(arguments, test);
}
