namespace Warden.Cli.Demo;

/// <summary>One step of the scripted agent: a prompt from its user, or a tool call it makes.</summary>
/// <param name="Tool">The tool called, or null for a prompt.</param>
/// <param name="Payload">The prompt, or the call's JSON arguments made from the outputs the agent has seen so far.</param>
/// <param name="Expected">What the gate should decide.</param>
/// <param name="Narration">What the step shows.</param>
internal sealed record DemoStep(string? Tool, Func<IReadOnlyList<string>, string> Payload, DecisionKind Expected, string Narration)
{
    public static DemoStep Prompt(string text, DecisionKind expected, string narration) => new(null, _ => text, expected, narration);

    public static DemoStep Call(string tool, string arguments, DecisionKind expected, string narration) => new(tool, _ => arguments, expected, narration);
}

/// <summary>A scripted agent session.</summary>
/// <param name="Name">The scenario's name, also its session id.</param>
/// <param name="Description">What it shows.</param>
/// <param name="Steps">The agent's turns, written out (there is no language model here).</param>
internal sealed record DemoScenario(string Name, string Description, IReadOnlyList<DemoStep> Steps);
