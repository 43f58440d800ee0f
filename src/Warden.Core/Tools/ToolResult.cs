namespace Warden.Tools;

/// <summary>A tool's answer: text, and whether it reports an error.</summary>
/// <param name="Text">The answer.</param>
/// <param name="IsError">True when the tool reports that it failed.</param>
public readonly record struct ToolResult(string Text, bool IsError = false)
{
    /// <summary>A successful answer.</summary>
    public static ToolResult Ok(string text) => new(text);

    /// <summary>A failure the tool reports itself.</summary>
    public static ToolResult Error(string message) => new(message, true);
}
