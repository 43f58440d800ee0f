using System.ComponentModel;
using System.Globalization;
using ModelContextProtocol;
using ModelContextProtocol.Server;

namespace Warden.Samples.Office;

/// <summary>The sample office's MCP tools. They act on <see cref="OfficeFolder"/>'s files for real.</summary>
[McpServerToolType]
public sealed class OfficeTools(OfficeFolder office, TimeProvider time)
{
    /// <summary>The names of the documents.</summary>
    [McpServerTool(Name = "list_documents", ReadOnly = true), Description("List the office's documents.")]
    public string ListDocuments() =>
        string.Join('\n', Directory.EnumerateFiles(office.Documents, "*.md").Select(Path.GetFileName).Order(StringComparer.Ordinal));

    /// <summary>A document's text.</summary>
    [McpServerTool(Name = "read_document", ReadOnly = true), Description("Read a document by file name.")]
    public string ReadDocument([Description("The file name, such as q3-plan.md.")] string name) =>
        office.DocumentPath(name) is { } path ? File.ReadAllText(path) : throw new McpException($"no document named '{name}'");

    /// <summary>A page of the offline web.</summary>
    [McpServerTool(Name = "fetch_url", ReadOnly = true, OpenWorld = true), Description("Fetch a web page.")]
    public string FetchUrl([Description("An http or https URL.")] string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && office.PagePath(uri) is { } path ? File.ReadAllText(path) : throw new McpException($"404: {url}");

    /// <summary>Writes the message to the outbox.</summary>
    [McpServerTool(Name = "send_email", OpenWorld = true), Description("Send an email.")]
    public async Task<string> SendEmail(
        [Description("The recipient's address.")] string to,
        [Description("The subject line.")] string subject,
        [Description("The message.")] string body,
        CancellationToken cancellationToken)
    {
        var stamp = time.GetUtcNow().ToString("yyyyMMddTHHmmssfff", CultureInfo.InvariantCulture);
        var file = Path.Combine(office.Outbox, $"{stamp}-{Guid.NewGuid():N}.eml");
        await File.WriteAllTextAsync(file, $"To: {to}\nSubject: {subject}\n\n{body}\n", cancellationToken).ConfigureAwait(false);
        return $"sent to {to} ({Path.GetFileName(file)})";
    }
}
