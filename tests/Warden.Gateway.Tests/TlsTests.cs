using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using ModelContextProtocol.Client;
using Warden.Gateway.Access;

namespace Warden.Gateway.Tests;

/// <summary>The gateway over real TLS with a certificate from <c>warden cert create</c>'s factory.</summary>
public sealed class TlsTests : IAsyncLifetime
{
    private const string Key = "tls-agent-key-0123456789";
    private readonly string _folder = Directory.CreateTempSubdirectory("warden-tls-").FullName;
    private X509Certificate2 _certificate = null!;
    private GatewayHost _host = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _certificate = DevelopmentCertificate.Create([], TimeSpan.FromDays(1));
        var (pfx, _) = DevelopmentCertificate.Write(_certificate, _folder, "dev");
        var policy = Path.Combine(_folder, "policy.yaml");
        await File.WriteAllTextAsync(policy, $$"""
            agents:
              agent: { role: READER, keys: ["{{AgentDirectory.Digest(Key)}}"] }
            """, Ct);
        _host = await GatewayHost.StartAsync(new GatewayOptions { PolicyPath = policy, DataDirectory = Path.Combine(_folder, "data"), Urls = ["https://127.0.0.1:0"], CertificatePath = pfx }, cancellationToken: Ct);
    }

    [Fact]
    public async Task An_agent_that_trusts_the_certificate_speaks_MCP_over_https()
    {
        using var http = new HttpClient(new SocketsHttpHandler { SslOptions = { RemoteCertificateValidationCallback = TrustOnly(_certificate) } });
        var transport = new HttpClientTransport(
            new HttpClientTransportOptions { Endpoint = _host.McpEndpoint, TransportMode = HttpTransportMode.StreamableHttp, AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = $"Bearer {Key}" } },
            http, loggerFactory: null, ownsHttpClient: false);
        await using var client = await McpClient.CreateAsync(transport, new McpClientOptions { ProtocolVersion = "2025-11-25" }, cancellationToken: Ct);

        Assert.Equal(Uri.UriSchemeHttps, _host.McpEndpoint.Scheme);
        Assert.Equal("warden", client.ServerInfo?.Name);
        Assert.Empty(await client.ListToolsAsync(cancellationToken: Ct));
    }

    [Fact]
    public async Task A_client_that_does_not_trust_it_is_refused_by_tls()
    {
        using var http = new HttpClient();
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(new Uri(_host.McpEndpoint, "/healthz"), Ct));
        Assert.IsType<System.Security.Authentication.AuthenticationException>(error.InnerException);
    }

    [Fact]
    public void The_certificate_names_the_loopback_addresses_and_has_its_private_key_in_an_owner_only_file()
    {
        var names = _certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        Assert.Contains("localhost", names.EnumerateDnsNames());
        Assert.Contains(System.Net.IPAddress.Loopback, names.EnumerateIPAddresses());
        Assert.True(_certificate.HasPrivateKey);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_folder, "dev.pfx")));
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        _certificate.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>Real validation, with <paramref name="root"/> as the only trusted root: the chain must build to it and the name must match.</summary>
    private static RemoteCertificateValidationCallback TrustOnly(X509Certificate2 root) => (_, certificate, _, errors) =>
    {
        if (certificate is null || (errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(root);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()));
    };
}
