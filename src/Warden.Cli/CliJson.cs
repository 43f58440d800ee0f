using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Warden.Cli;

/// <summary>The JSON settings of every <c>--json</c> output: snake_case names, indented.</summary>
internal static class CliJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseUpper), new NonFiniteAsNullConverter() },
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = true,
    };

    /// <summary>One line per value, for JSON Lines files.</summary>
    public static JsonSerializerOptions Lines { get; } = new(Options) { WriteIndented = false };
}
