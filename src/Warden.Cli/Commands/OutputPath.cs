namespace Warden.Cli.Commands;

/// <summary>Checks on a file a command is about to write, made before the work so that a mistyped path costs nothing.</summary>
internal static class OutputPath
{
    /// <summary>Why <paramref name="path"/> cannot be written as a file, or null when it can be tried.</summary>
    public static string? Problem(string path)
    {
        if (Directory.Exists(path))
        {
            return "is a folder; name a file";
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        return Directory.Exists(folder) ? null : $"the folder '{folder}' does not exist";
    }
}
