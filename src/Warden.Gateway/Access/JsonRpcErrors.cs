using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Warden.Gateway.Access;

/// <summary>HTTP refusals written as JSON-RPC error responses, so that MCP clients show the reason.</summary>
internal static class JsonRpcErrors
{
    /// <summary>No or unknown credential (HTTP 401).</summary>
    public const int Unauthenticated = -32001;

    /// <summary>A valid agent reaching beyond its role (HTTP 403).</summary>
    public const int Forbidden = -32003;

    /// <summary>Too many requests (HTTP 429).</summary>
    public const int RateLimited = -32029;

    private static readonly JsonSerializerOptions Options = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes the refusal with <paramref name="status"/> and the JSON-RPC error.</summary>
    public static Task WriteAsync(HttpContext http, int status, int code, string message, JsonElement? id = null, object? data = null)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        var body = new Dictionary<string, object?>
        {
            ["jsonrpc"] = "2.0",
            ["id"] = id,
            ["error"] = data is null
                ? new Dictionary<string, object?> { ["code"] = code, ["message"] = message }
                : new Dictionary<string, object?> { ["code"] = code, ["message"] = message, ["data"] = data },
        };
        return http.Response.WriteAsync(JsonSerializer.Serialize(body, Options), http.RequestAborted);
    }
}
