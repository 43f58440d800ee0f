namespace Warden.Cli;

/// <summary>How decisions are named and coloured in the terminal.</summary>
internal static class Style
{
    public static string Name(DecisionKind kind) => kind switch
    {
        DecisionKind.Allow => "allow",
        DecisionKind.Deny => "deny",
        DecisionKind.RequireApproval => "require-approval",
        _ => "throttle",
    };

    public static string Decision(DecisionKind kind) => kind switch
    {
        DecisionKind.Allow => "[green]allow[/]",
        DecisionKind.Deny => "[red]deny[/]",
        DecisionKind.RequireApproval => "[yellow]require-approval[/]",
        _ => "[yellow]throttle[/]",
    };
}
