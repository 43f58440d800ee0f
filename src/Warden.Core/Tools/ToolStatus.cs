namespace Warden.Tools;

/// <summary>How a tool's execution ended.</summary>
public enum ToolStatus
{
    /// <summary>The tool ran and answered.</summary>
    Succeeded,

    /// <summary>The tool ran and reported an error, or threw.</summary>
    Failed,

    /// <summary>The tool ran past its timeout and was cancelled.</summary>
    TimedOut,

    /// <summary>The caller cancelled the call.</summary>
    Cancelled,
}
