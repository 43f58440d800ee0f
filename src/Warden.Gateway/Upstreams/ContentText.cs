using System.Text;
using ModelContextProtocol.Protocol;

namespace Warden.Gateway.Upstreams;

/// <summary>
/// What an agent could read in an upstream's content, as text for the gate's output inspection:
/// text blocks, embedded and read resources (text-like blobs decoded), resource links with their
/// names and descriptions, and placeholders for media. One reading for tool results, resource reads
/// and prompts.
/// </summary>
internal static class ContentText
{
    /// <summary>The text of one content block.</summary>
    public static string Of(ContentBlock block) => block switch
    {
        TextContentBlock t => t.Text,
        EmbeddedResourceBlock embedded => Of(embedded.Resource),
        ResourceLinkBlock link => $"[resource {link.Uri} {link.Name} {link.Title} {link.Description}]",
        ImageContentBlock image => $"[image {image.MimeType}]",
        AudioContentBlock audio => $"[audio {audio.MimeType}]",
        _ => $"[{block.Type}]",
    };

    /// <summary>The text of a resource's contents: its text, a text-like blob decoded, else a placeholder.</summary>
    public static string Of(ResourceContents contents) => contents switch
    {
        TextResourceContents t => t.Text,
        BlobResourceContents b => BlobText(b),
        _ => $"[{contents.Uri} {contents.MimeType}]",
    };

    /// <summary>The parts joined by new lines, empty ones left out.</summary>
    public static string Join(IEnumerable<string?> parts)
    {
        var text = new StringBuilder();
        foreach (var part in parts)
        {
            if (!string.IsNullOrEmpty(part))
            {
                text.Append(text.Length == 0 ? string.Empty : "\n").Append(part);
            }
        }

        return text.ToString();
    }

    /// <summary>A blob's content when it is text (text/*, JSON, XML), so that it is scanned like text; else a placeholder.</summary>
    private static string BlobText(BlobResourceContents blob)
    {
        var mime = blob.MimeType ?? string.Empty;
        var textual = mime.StartsWith("text/", StringComparison.OrdinalIgnoreCase) || mime.Contains("json", StringComparison.OrdinalIgnoreCase) || mime.Contains("xml", StringComparison.OrdinalIgnoreCase);
        if (!textual)
        {
            return $"[blob {blob.Uri} {mime}]";
        }

        try
        {
            return Encoding.UTF8.GetString(blob.DecodedData.Span);
        }
        catch (FormatException)
        {
            return $"[blob {blob.Uri} {mime}: not base64]";
        }
    }
}
