using Json.Schema;

namespace Warden.Stages.Authorization;

/// <summary>Turns a failed schema evaluation into a short sentence naming where and what.</summary>
internal static class SchemaErrors
{
    public static EvaluationOptions Options { get; } = new() { OutputFormat = OutputFormat.List };

    public static string Describe(EvaluationResults results)
    {
        var messages = (results.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{(d.InstanceLocation.ToString() is { Length: > 0 } at ? at : "/")} fails '{e.Key}'"))
            .Take(3)
            .ToList();
        return messages.Count == 0 ? "the schema rejected them" : string.Join("; ", messages);
    }
}
