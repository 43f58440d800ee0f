namespace Warden.Cli;

/// <summary>The exit codes every command uses.</summary>
internal static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Success = 0;

    /// <summary>A finding or failure the command exists to report.</summary>
    public const int Finding = 1;

    /// <summary>Bad usage or bad input; the message names the problem and where it is.</summary>
    public const int BadInput = 2;
}
