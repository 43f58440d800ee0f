namespace Warden.Cli.Demo;

/// <summary>One step of the scripted agent played against the running gateway.</summary>
/// <param name="Who">The agent (or administrator) acting.</param>
/// <param name="Action">What it asks of the gateway.</param>
/// <param name="Outcome">What the gateway answered: a decision name, an HTTP status, or what an admin call did.</param>
/// <param name="Expected">The outcome the script expects.</param>
/// <param name="Detail">The rule and reason, or the useful part of the answer.</param>
internal sealed record GatewayDemoStep(string Who, string Action, string Outcome, string Expected, string Detail)
{
    /// <summary>True when the gateway answered as the script expects.</summary>
    public bool AsExpected => Outcome == Expected;
}
