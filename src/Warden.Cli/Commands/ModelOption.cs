using System.CommandLine;
using Warden.Detection;
using Warden.Detection.Model;

namespace Warden.Cli.Commands;

/// <summary>The <c>--model</c> option shared by detect and eval.</summary>
internal static class ModelOption
{
    public static Option<string?> Create() => new("--model") { Description = "A model file made by 'warden train' (default: the shipped model)." };

    /// <summary>
    /// The detector for a command that reads <paramref name="input"/>: null, after saying why, when the
    /// input file is missing or the model cannot load.
    /// </summary>
    public static LayeredInjectionDetector? LoadFor(string input, string? modelPath)
    {
        if (!File.Exists(input))
        {
            Console.Error.WriteLine(Directory.Exists(input) ? $"warden: '{input}' is a folder; --input names a file" : $"warden: the input file '{input}' does not exist");
            return null;
        }

        return Load(modelPath);
    }

    /// <summary>The detector with the model at <paramref name="path"/>, or the shipped one; null after printing why it cannot load.</summary>
    public static LayeredInjectionDetector? Load(string? path)
    {
        if (path is null)
        {
            return LayeredInjectionDetector.Default;
        }

        try
        {
            using var stream = File.OpenRead(path);
            return new LayeredInjectionDetector(LinearModel.Load(stream));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            Console.Error.WriteLine($"warden: cannot load the model '{path}': {e.Message}");
            return null;
        }
    }
}
