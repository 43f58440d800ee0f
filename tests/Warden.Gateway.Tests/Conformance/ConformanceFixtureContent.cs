using System.ComponentModel;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Warden.Gateway.Tests.Conformance;

/// <summary>The resources, the resource template and the prompts the conformance suite's server scenarios read.</summary>
[McpServerResourceType]
[McpServerPromptType]
internal sealed class ConformanceFixtureContent
{
    [McpServerResource(UriTemplate = "test://static-text", Name = "static-text", MimeType = "text/plain"), Description("A static text resource.")]
    public static TextResourceContents StaticText() =>
        new() { Uri = "test://static-text", MimeType = "text/plain", Text = "This is the content of the static text resource." };

    [McpServerResource(UriTemplate = "test://static-binary", Name = "static-binary", MimeType = "image/png"), Description("A static binary resource (a PNG).")]
    public static BlobResourceContents StaticBinary() => BlobResourceContents.FromBytes(FixtureMedia.Png, "test://static-binary", "image/png");

    [McpServerResource(UriTemplate = "test://watched-resource", Name = "watched-resource", MimeType = "text/plain"), Description("A resource clients may subscribe to.")]
    public static TextResourceContents Watched() =>
        new() { Uri = "test://watched-resource", MimeType = "text/plain", Text = "Watched resource content." };

    [McpServerResource(UriTemplate = "test://template/{id}/data", Name = "template-data", MimeType = "application/json"), Description("Data for an id, from a template.")]
    public static TextResourceContents TemplateData(string id) => new()
    {
        Uri = $"test://template/{id}/data",
        MimeType = "application/json",
        Text = $$"""{"id":"{{id}}","templateTest":true,"data":"Data for ID: {{id}}"}""",
    };

    [McpServerPrompt(Name = "test_simple_prompt"), Description("A prompt without arguments.")]
    public static PromptMessage SimplePrompt() =>
        new() { Role = Role.User, Content = new TextContentBlock { Text = "This is a simple prompt for testing." } };

    [McpServerPrompt(Name = "test_prompt_with_arguments"), Description("A prompt with two arguments.")]
    public static PromptMessage PromptWithArguments([Description("First test argument")] string arg1, [Description("Second test argument")] string arg2) =>
        new() { Role = Role.User, Content = new TextContentBlock { Text = $"Prompt with arguments: arg1='{arg1}', arg2='{arg2}'" } };

    [McpServerPrompt(Name = "test_prompt_with_embedded_resource"), Description("A prompt embedding a resource.")]
    public static IEnumerable<PromptMessage> PromptWithEmbeddedResource([Description("URI of the resource to embed")] string resourceUri) =>
    [
        new() { Role = Role.User, Content = new EmbeddedResourceBlock { Resource = new TextResourceContents { Uri = resourceUri, MimeType = "text/plain", Text = "Embedded resource content for testing." } } },
        new() { Role = Role.User, Content = new TextContentBlock { Text = "Please process the embedded resource above." } },
    ];

    [McpServerPrompt(Name = "test_prompt_with_image"), Description("A prompt holding an image.")]
    public static IEnumerable<PromptMessage> PromptWithImage() =>
    [
        new() { Role = Role.User, Content = ImageContentBlock.FromBytes(FixtureMedia.Png, "image/png") },
        new() { Role = Role.User, Content = new TextContentBlock { Text = "Please analyze the image above." } },
    ];
}
