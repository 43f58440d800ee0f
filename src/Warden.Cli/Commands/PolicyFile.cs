using Warden.Policies;

namespace Warden.Cli.Commands;

/// <summary>Loads a policy file for a command and prints its diagnostics.</summary>
internal static class PolicyFile
{
    /// <summary>The sample policy shipped beside the program.</summary>
    public static string SamplePath => Path.Combine(AppContext.BaseDirectory, "samples", "policy.yaml");

    /// <summary>Loads <paramref name="path"/>; diagnostics go to standard error. Null when the file is missing or has errors.</summary>
    public static PolicyLoadResult? Load(string path, out int exitCode)
    {
        if (!File.Exists(path))
        {
            Console.Error.WriteLine($"warden: the policy file '{path}' does not exist");
            exitCode = ExitCodes.BadInput;
            return null;
        }

        var result = PolicyLoader.LoadFile(path);
        foreach (var diagnostic in result.Diagnostics)
        {
            Console.Error.WriteLine(diagnostic.Format(path));
        }

        exitCode = result.Succeeded ? ExitCodes.Success : ExitCodes.Finding;
        return result;
    }
}
