using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Warden.Gateway.Tests;

/// <summary>JWT bearer tokens over real HTTP: signature, issuer, audience and lifetime checked; claims mapped to agent and role.</summary>
public sealed class JwtTests : IAsyncLifetime
{
    private const string Issuer = "https://idp.test/";
    private const string Audience = "warden";
    private readonly string _folder = Directory.CreateTempSubdirectory("warden-jwt-").FullName;
    private readonly ECDsa _idp = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly ECDsa _stranger = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private GatewayHost _host = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await File.WriteAllTextAsync(Path.Combine(_folder, "idp.pem"), _idp.ExportSubjectPublicKeyInfoPem(), Ct);
        _host = await TestGateways.StartAsync(_folder, $$"""
            gateway:
              jwt: { issuer: "{{Issuer}}", audience: {{Audience}}, keys: [idp.pem], roles: [READER] }
            roles:
              operator: { inherits: READER, capabilities: [system.modify] }
            tools:
              echo: { capability: documents.read }
              get-sum: { capability: system.modify }
            agents:
              ops-bot: { role: operator }
            {{TestGateways.EverythingUpstream}}
            """);
    }

    [Fact]
    public async Task A_valid_token_names_the_agent_and_a_role_the_policy_lets_tokens_give()
    {
        await using var carol = await GatewayClients.ConnectAsync(_host.McpEndpoint, Token("carol", "READER"));
        await using var opsBot = await GatewayClients.ConnectAsync(_host.McpEndpoint, Token("ops-bot", "READER"));

        Assert.Equal(["echo"], (await carol.ListToolsAsync(cancellationToken: Ct)).Select(t => t.Name));
        var echo = await carol.CallToolAsync("echo", new Dictionary<string, object?> { ["message"] = "hi" }, cancellationToken: Ct);
        Assert.NotEqual(true, echo.IsError);
        Assert.Contains(await _host.Gate.Audit.QueryAsync(new Auditing.AuditQuery { AgentId = "carol" }, Ct), e => e.Tool == "echo");

        // An agent the policy binds acts in the policy's role, whatever its token says.
        Assert.Equal(["echo", "get-sum"], (await opsBot.ListToolsAsync(cancellationToken: Ct)).Select(t => t.Name));
    }

    [Fact]
    public async Task A_role_the_policy_does_not_let_tokens_give_grants_nothing()
    {
        await using var mallory = await GatewayClients.ConnectAsync(_host.McpEndpoint, Token("mallory", "operator"));
        Assert.Empty(await mallory.ListToolsAsync(cancellationToken: Ct));

        var (status, body) = await PostAsync("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"get-sum","arguments":{"a":1,"b":2}}}""", Token("mallory", "operator"));
        Assert.Equal(403, status);
        Assert.Contains("agents.unknown", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("expired", "it has expired")]
    [InlineData("audience", "it is meant for another audience")]
    [InlineData("issuer", "it comes from another issuer")]
    [InlineData("key", "its signature does not verify")]
    [InlineData("unsigned", "the token is not valid")]
    [InlineData("no-subject", "no 'sub' claim")]
    public async Task Tokens_that_do_not_hold_are_401_naming_why(string flaw, string fragment)
    {
        var token = flaw switch
        {
            "expired" => Token("carol", "READER", expires: DateTime.UtcNow.AddMinutes(-10)),
            "audience" => Token("carol", "READER", audience: "someone-else"),
            "issuer" => Token("carol", "READER", issuer: "https://evil.test/"),
            "key" => Token("carol", "READER", key: _stranger),
            "unsigned" => new JsonWebTokenHandler().CreateToken(JsonSerializer.Serialize(new { sub = "carol", iss = Issuer, aud = Audience, exp = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds() })),
            _ => Token(null, "READER"),
        };

        var (status, body) = await PostAsync("""{"jsonrpc":"2.0","id":1,"method":"tools/list"}""", token);

        Assert.Equal(401, status);
        Assert.Contains(fragment, body, StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        _idp.Dispose();
        _stranger.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private string Token(string? subject, string? role, string issuer = Issuer, string audience = Audience, DateTime? expires = null, ECDsa? key = null)
    {
        var claims = new List<Claim>();
        if (subject is not null)
        {
            claims.Add(new Claim("sub", subject));
        }

        if (role is not null)
        {
            claims.Add(new Claim("warden_role", role));
        }

        var notAfter = expires ?? DateTime.UtcNow.AddHours(1);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Subject = new ClaimsIdentity(claims),
            NotBefore = notAfter.AddHours(-2),
            IssuedAt = notAfter.AddHours(-2),
            Expires = notAfter,
            SigningCredentials = new SigningCredentials(new ECDsaSecurityKey(key ?? _idp), SecurityAlgorithms.EcdsaSha256),
        });
    }

    private async Task<(int Status, string Body)> PostAsync(string json, string token)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, _host.McpEndpoint) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");
        request.Headers.Add("MCP-Protocol-Version", "2025-11-25");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request, Ct);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(Ct));
    }
}
