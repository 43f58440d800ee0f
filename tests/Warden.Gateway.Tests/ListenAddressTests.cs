namespace Warden.Gateway.Tests;

public sealed class ListenAddressTests
{
    [Theory]
    [InlineData("http://0.0.0.0:8080", true, null, "plain http sends agents' keys")]
    [InlineData("http://10.1.2.3:8080", true, null, "plain http sends agents' keys")]
    [InlineData("http://127.0.0.1:8080", false, null, "pass --http")]
    [InlineData("https://127.0.0.1:8443", false, null, "needs a TLS certificate")]
    [InlineData("https://127.0.0.1:8443", false, "/nonexistent/cert.pfx", "does not exist")]
    [InlineData("ftp://127.0.0.1:21", false, null, "is not a listening address")]
    [InlineData("https://127.0.0.1:8443/mcp", false, null, "is not a listening address")]
    public void Unsafe_or_malformed_addresses_are_refused_with_the_reason(string url, bool allowHttp, string? certificate, string fragment)
    {
        var error = Assert.Throws<GatewayStartupException>(() => ListenAddresses.Validate(new GatewayOptions { PolicyPath = "p.yaml", Urls = [url], AllowHttp = allowHttp, CertificatePath = certificate }));
        Assert.Contains(fragment, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:0")]
    [InlineData("http://[::1]:8080")]
    [InlineData("http://localhost:8080")]
    public void Plain_http_on_loopback_is_allowed_when_asked_for(string url)
    {
        var urls = ListenAddresses.Validate(new GatewayOptions { PolicyPath = "p.yaml", Urls = [url], AllowHttp = true });
        Assert.Equal(new Uri(url), Assert.Single(urls));
    }
}
