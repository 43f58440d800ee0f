using System.ComponentModel;
using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

// The suite (0.1.16) still tests logging and sampling, which the SDK marks deprecated since the 2026-07-28 specification (SEP-2577).
#pragma warning disable MCP9005

namespace Warden.Gateway.Tests.Conformance;

/// <summary>
/// The tools the MCP conformance suite's server scenarios call, under the names and with the answers
/// the suite's scenario texts ask for (@modelcontextprotocol/conformance 0.1.16).
/// </summary>
[McpServerToolType]
internal sealed class ConformanceFixtureTools
{
    [McpServerTool(Name = "test_simple_text"), Description("Answers with one text block.")]
    public static string SimpleText() => "This is a simple text response for testing.";

    [McpServerTool(Name = "test_image_content"), Description("Answers with a 1x1 PNG image.")]
    public static ImageContentBlock ImageContent() => ImageContentBlock.FromBytes(FixtureMedia.Png, "image/png");

    [McpServerTool(Name = "test_audio_content"), Description("Answers with a short WAV sound.")]
    public static AudioContentBlock AudioContent() => AudioContentBlock.FromBytes(FixtureMedia.Wav, "audio/wav");

    [McpServerTool(Name = "test_embedded_resource"), Description("Answers with an embedded text resource.")]
    public static EmbeddedResourceBlock EmbeddedResource() => new()
    {
        Resource = new TextResourceContents { Uri = "test://embedded-resource", MimeType = "text/plain", Text = "This is an embedded resource content." },
    };

    [McpServerTool(Name = "test_multiple_content_types"), Description("Answers with text, an image and an embedded resource.")]
    public static IEnumerable<ContentBlock> MultipleContentTypes() =>
    [
        new TextContentBlock { Text = "Multiple content types test:" },
        ImageContentBlock.FromBytes(FixtureMedia.Png, "image/png"),
        new EmbeddedResourceBlock { Resource = new TextResourceContents { Uri = "test://mixed-content-resource", MimeType = "application/json", Text = """{"test":"data","value":123}""" } },
    ];

    [McpServerTool(Name = "test_tool_with_logging"), Description("Sends three log messages while it runs.")]
    public static async Task<string> ToolWithLogging(McpServer server, CancellationToken cancellationToken)
    {
        string[] messages = ["Tool execution started", "Tool processing data", "Tool execution completed"];
        for (var i = 0; i < messages.Length; i++)
        {
            if (i > 0)
            {
                await Task.Delay(50, cancellationToken);
            }

            await server.SendNotificationAsync(
                NotificationMethods.LoggingMessageNotification,
                new LoggingMessageNotificationParams { Level = LoggingLevel.Info, Logger = "conformance-fixture", Data = JsonSerializer.SerializeToElement(messages[i]) },
                cancellationToken: cancellationToken);
        }

        return "Tool with logging executed successfully";
    }

    [McpServerTool(Name = "test_error_handling"), Description("Always fails.")]
    public static CallToolResult ErrorHandling() => new()
    {
        IsError = true,
        Content = [new TextContentBlock { Text = "This tool intentionally returns an error for testing" }],
    };

    [McpServerTool(Name = "test_tool_with_progress"), Description("Reports progress 0, 50 and 100 of 100.")]
    public static async Task<string> ToolWithProgress(IProgress<ProgressNotificationValue> progress, CancellationToken cancellationToken)
    {
        foreach (var done in new[] { 0, 50, 100 })
        {
            if (done > 0)
            {
                await Task.Delay(50, cancellationToken);
            }

            progress.Report(new ProgressNotificationValue { Progress = done, Total = 100, Message = $"step {done / 50 + 1} of 3" });
        }

        return "Tool with progress executed successfully";
    }

    [McpServerTool(Name = "test_sampling"), Description("Asks the client's model to answer the prompt.")]
    public static async Task<string> Sampling(McpServer server, [Description("The prompt to send to the LLM")] string prompt, CancellationToken cancellationToken)
    {
        var answer = await server.SampleAsync(
            new CreateMessageRequestParams { Messages = [new SamplingMessage { Role = Role.User, Content = [new TextContentBlock { Text = prompt }] }], MaxTokens = 100 },
            cancellationToken);
        return $"LLM response: {string.Concat(answer.Content.OfType<TextContentBlock>().Select(t => t.Text))}";
    }

    [McpServerTool(Name = "test_elicitation"), Description("Asks the user for a username and an email address.")]
    public static async Task<string> Elicitation(McpServer server, [Description("The message to show the user")] string message, CancellationToken cancellationToken)
    {
        var answer = await AskAsync(server, message, """
            {"type":"object","properties":{
              "username":{"type":"string","description":"User's response"},
              "email":{"type":"string","description":"User's email address"}},
             "required":["username","email"]}
            """, cancellationToken);
        return $"User response: {answer}";
    }

    [McpServerTool(Name = "test_elicitation_sep1034_defaults"), Description("Asks the user for values that all have defaults.")]
    public static async Task<string> ElicitationDefaults(McpServer server, CancellationToken cancellationToken)
    {
        var answer = await AskAsync(server, "Please review and update the form fields with defaults", """
            {"type":"object","properties":{
              "name":{"type":"string","description":"User name","default":"John Doe"},
              "age":{"type":"integer","description":"User age","default":30},
              "score":{"type":"number","description":"User score","default":95.5},
              "status":{"type":"string","description":"User status","enum":["active","inactive","pending"],"default":"active"},
              "verified":{"type":"boolean","description":"Verification status","default":true}}}
            """, cancellationToken);
        return $"Elicitation completed: {answer}";
    }

    [McpServerTool(Name = "test_elicitation_sep1330_enums"), Description("Asks the user to choose from the five kinds of enumeration.")]
    public static async Task<string> ElicitationEnums(McpServer server, CancellationToken cancellationToken)
    {
        var answer = await AskAsync(server, "Please select options from the enum fields", """
            {"type":"object","properties":{
              "untitledSingle":{"type":"string","description":"Choose one","enum":["option1","option2","option3"]},
              "titledSingle":{"type":"string","description":"Choose one","oneOf":[{"const":"value1","title":"First Option"},{"const":"value2","title":"Second Option"},{"const":"value3","title":"Third Option"}]},
              "legacyEnum":{"type":"string","description":"Choose one (legacy)","enum":["opt1","opt2","opt3"],"enumNames":["Option One","Option Two","Option Three"]},
              "untitledMulti":{"type":"array","description":"Choose several","items":{"type":"string","enum":["option1","option2","option3"]}},
              "titledMulti":{"type":"array","description":"Choose several","items":{"anyOf":[{"const":"value1","title":"First Choice"},{"const":"value2","title":"Second Choice"},{"const":"value3","title":"Third Choice"}]}}}}
            """, cancellationToken);
        return $"Elicitation completed: {answer}";
    }

    /// <summary>The tool whose input schema uses JSON Schema 2020-12 ($schema, $defs, additionalProperties): see <see cref="ConformanceFixtureServer"/>.</summary>
    public static McpServerTool JsonSchema202012()
    {
        var tool = McpServerTool.Create((string? name) => $"Received: {name}", new McpServerToolCreateOptions { Name = "json_schema_2020_12_tool", Description = "Tool with JSON Schema 2020-12 features" });
        tool.ProtocolTool.InputSchema = JsonSerializer.SerializeToElement(JsonDocument.Parse("""
            {"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object",
             "$defs":{"address":{"type":"object","properties":{"street":{"type":"string"},"city":{"type":"string"}}}},
             "properties":{"name":{"type":"string"},"address":{"$ref":"#/$defs/address"}},
             "additionalProperties":false}
            """).RootElement);
        return tool;
    }

    /// <summary>Asks the client for input shaped by <paramref name="schema"/>; its answer as "action=…, content={…}".</summary>
    private static async Task<string> AskAsync(McpServer server, string message, string schema, CancellationToken cancellationToken)
    {
        var request = JsonSerializer.Deserialize<ElicitRequestParams>(
            $$"""{"message":{{JsonSerializer.Serialize(message)}},"requestedSchema":{{schema}}}""", McpJsonUtilities.DefaultOptions)!;
        var answer = await server.ElicitAsync(request, cancellationToken);
        return $"action={answer.Action}, content={JsonSerializer.Serialize(answer.Content)}";
    }
}
