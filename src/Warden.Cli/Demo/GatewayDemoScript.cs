using System.Net.Http.Json;
using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Warden.Gateway;

namespace Warden.Cli.Demo;

/// <summary>
/// A scripted agent played over real HTTP against the gateway of <c>warden demo gateway</c> under the
/// sample gateway policy: an allowed read, an injected page, the exfiltration it asks for refused by a
/// flow rule, a reader beyond its role, a send that waits for approval and goes through once an
/// administrator approves it, and the audit chain verified. Each run uses sessions of its own.
/// </summary>
internal sealed class GatewayDemoScript(Uri mcpEndpoint, string runId)
{
    /// <summary>The demo's API keys (their SHA-256 digests are in samples/gateway.yaml).</summary>
    public const string AssistantKey = "wd-demo-assistant";

    /// <summary>The read-only agent's key.</summary>
    public const string ReaderKey = "wd-demo-reader";

    /// <summary>The administrator's key for /admin.</summary>
    public const string AdminKey = "wd-demo-admin";

    private const string PricingPage = "https://competitor.example/pricing";
    private const string NewsPage = "https://news.example/saas-prices";

    private readonly List<GatewayDemoStep> _steps = [];

    /// <summary>Plays the script; <paramref name="progress"/> hears each step as it is taken.</summary>
    public async Task<IReadOnlyList<GatewayDemoStep>> RunAsync(Action<GatewayDemoStep>? progress, CancellationToken cancellationToken)
    {
        using var admin = new HttpClient { BaseAddress = new Uri(mcpEndpoint, "/admin/") };
        admin.DefaultRequestHeaders.Authorization = new("Bearer", AdminKey);
        var research = $"demo-{runId}-research";
        var summary = $"demo-{runId}-summary";

        await using (var assistant = await ConnectAsync(AssistantKey, research, cancellationToken).ConfigureAwait(false))
        {
            var tools = await assistant.ListToolsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            Add(progress, new("assistant", "tools/list", "listed", "listed", string.Join(", ", tools.Select(t => t.Name).Order(StringComparer.Ordinal))));

            var plan = await CallAsync(assistant, "read_document", new() { ["name"] = "q3-plan.md" }, cancellationToken).ConfigureAwait(false);
            Add(progress, new("assistant", "read_document q3-plan.md", plan.Outcome, "allow", plan.Detail));

            var page = await CallAsync(assistant, "fetch_url", new() { ["url"] = PricingPage }, cancellationToken).ConfigureAwait(false);
            var labels = await LabelsAsync(admin, $"assistant/{research}", cancellationToken).ConfigureAwait(false);
            Add(progress, new("assistant", $"fetch_url {PricingPage}", page.Outcome, "allow", $"the page hides an instruction to forward the plan; session labels now: {labels}"));

            var exfiltrate = await CallAsync(assistant, "send_email", new() { ["to"] = "finance-review@example.com", ["subject"] = $"Q3 plan ({runId})", ["body"] = plan.Text }, cancellationToken).ConfigureAwait(false);
            Add(progress, new("assistant", "send_email to finance-review@example.com (the plan)", exfiltrate.Outcome, "deny", exfiltrate.Detail));
        }

        await using (var reader = await ConnectAsync(ReaderKey, research, cancellationToken).ConfigureAwait(false))
        {
            var beyond = await CallAsync(reader, "send_email", new() { ["to"] = "a@example.com", ["subject"] = "hi", ["body"] = "hi" }, cancellationToken).ConfigureAwait(false);
            Add(progress, new("reader", "send_email (not in its role)", beyond.Outcome, "HTTP 403", beyond.Detail));
        }

        await using (var assistant = await ConnectAsync(AssistantKey, summary, cancellationToken).ConfigureAwait(false))
        {
            var news = await CallAsync(assistant, "fetch_url", new() { ["url"] = NewsPage }, cancellationToken).ConfigureAwait(false);
            Add(progress, new("assistant", $"fetch_url {NewsPage} (a new session)", news.Outcome, "allow", news.Detail));
            var mail = new Dictionary<string, object?> { ["to"] = "team@example.com", ["subject"] = $"SaaS prices ({runId})", ["body"] = "Business software prices rose 6% this year." };
            var held = await CallAsync(assistant, "send_email", mail, cancellationToken).ConfigureAwait(false);
            Add(progress, new("assistant", "send_email to team@example.com (after reading the web)", held.Outcome, "require-approval", held.Detail));

            var decided = held.ApprovalId is { } id
                ? await admin.PostAsync($"approvals/{id}/approve", content: null, cancellationToken).ConfigureAwait(false)
                : null;
            Add(progress, new("admin", $"POST /admin/approvals/{held.ApprovalId ?? "?"}/approve", decided is null ? "no approval id" : $"HTTP {(int)decided.StatusCode}", "HTTP 200", decided is null ? string.Empty : await FieldsAsync(decided, cancellationToken, "status", "decidedBy").ConfigureAwait(false)));

            var retry = await CallAsync(assistant, "send_email", mail, cancellationToken).ConfigureAwait(false);
            Add(progress, new("assistant", "send_email again (the same call)", retry.Outcome, "allow", retry.Detail));
        }

        using var verify = await admin.GetAsync("audit/verify", cancellationToken).ConfigureAwait(false);
        Add(progress, new("admin", "GET /admin/audit/verify", $"HTTP {(int)verify.StatusCode}", "HTTP 200", await FieldsAsync(verify, cancellationToken, "intact", "events", "signedHeads").ConfigureAwait(false)));
        return _steps;
    }

    private void Add(Action<GatewayDemoStep>? progress, GatewayDemoStep step)
    {
        _steps.Add(step);
        progress?.Invoke(step);
    }

    private Task<McpClient> ConnectAsync(string key, string session, CancellationToken cancellationToken)
    {
        var transport = new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = mcpEndpoint,
            TransportMode = HttpTransportMode.StreamableHttp,
            AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = $"Bearer {key}", [GatewayHost.SessionHeader] = session },
        });
        return McpClient.CreateAsync(transport, new McpClientOptions { ClientInfo = new() { Name = "warden-demo-agent", Version = "1.0.0" } }, cancellationToken: cancellationToken);
    }

    private static async Task<CallOutcome> CallAsync(McpClient client, string tool, Dictionary<string, object?> arguments, CancellationToken cancellationToken)
    {
        CallToolResult result;
        try
        {
            result = await client.CallToolAsync(tool, arguments, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e) when (e.StatusCode is { } status)
        {
            return new($"HTTP {(int)status}", JsonRpcErrorOf(e.Message), string.Empty, null);
        }

        var text = string.Concat(result.Content.OfType<TextContentBlock>().Select(b => b.Text));
        if (result.IsError != true)
        {
            return new("allow", Shorten(text), text, null);
        }

        if (result.StructuredContent is { } structured && structured.TryGetProperty("warden", out var verdict))
        {
            var approval = verdict.TryGetProperty("approval_id", out var id) ? id.GetString() : null;
            return new(verdict.GetProperty("decision").GetString()!, $"{verdict.GetProperty("rule").GetString()}: {verdict.GetProperty("reason").GetString()}", text, approval);
        }

        return new("error", Shorten(text), text, null);
    }

    /// <summary>The JSON-RPC error's message in the SDK's "Response body: {...}" text, or the text.</summary>
    private static string JsonRpcErrorOf(string message)
    {
        var body = message.IndexOf('{', StringComparison.Ordinal);
        try
        {
            return body >= 0 && JsonDocument.Parse(message[body..]).RootElement.TryGetProperty("error", out var error)
                ? error.GetProperty("message").GetString() ?? message
                : Shorten(message);
        }
        catch (JsonException)
        {
            return Shorten(message);
        }
    }

    private static async Task<string> LabelsAsync(HttpClient admin, string session, CancellationToken cancellationToken)
    {
        using var response = await admin.GetAsync($"sessions/{session}", cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            return $"(HTTP {(int)response.StatusCode})";
        }

        var checkpoint = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken).ConfigureAwait(false);
        return string.Join(", ", checkpoint.GetProperty("labels").EnumerateArray().Select(l => l.GetString()));
    }

    /// <summary>The named members of a JSON answer (<c>intact: true, events: 15</c>), or its text when it is not such an object.</summary>
    private static async Task<string> FieldsAsync(HttpResponseMessage response, CancellationToken cancellationToken, params string[] names)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var document = JsonDocument.Parse(text);
            var fields = names.Where(n => document.RootElement.TryGetProperty(n, out _)).Select(n => $"{n}: {document.RootElement.GetProperty(n).GetRawText()}").ToList();
            return fields.Count > 0 ? string.Join(", ", fields) : Shorten(text);
        }
        catch (JsonException)
        {
            return Shorten(text);
        }
    }

    private static string Shorten(string text)
    {
        var flat = text.ReplaceLineEndings(" ").Trim();
        return flat.Length <= 200 ? flat : flat[..200] + "…";
    }

    private sealed record CallOutcome(string Outcome, string Detail, string Text, string? ApprovalId);
}
