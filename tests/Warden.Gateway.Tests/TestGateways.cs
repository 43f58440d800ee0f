namespace Warden.Gateway.Tests;

/// <summary>Gateways for tests: plain http on a free loopback port, a policy written to a folder, the npm servers as upstreams.</summary>
internal static class TestGateways
{
    /// <summary>The <c>upstreams:</c> block of server-everything, sandboxed (indented for a top-level policy).</summary>
    public static string EverythingUpstream => $$"""
        upstreams:
          everything:
            command: [{{NpmServers.Node}}, {{NpmServers.Everything}}, stdio]
            sandbox: { cpu: 1h, address_space: 16GB, read_only: [{{NpmServers.Folder}}] }
        """;

    /// <summary>Writes <paramref name="policy"/> to <paramref name="folder"/> and starts a gateway on it (data in folder/data); every upstream must connect.</summary>
    public static async Task<GatewayHost> StartAsync(string folder, string policy)
    {
        var path = Path.Combine(folder, "policy.yaml");
        await File.WriteAllTextAsync(path, policy, TestContext.Current.CancellationToken);
        var host = await GatewayHost.StartAsync(
            new GatewayOptions { PolicyPath = path, DataDirectory = Path.Combine(folder, "data"), Urls = ["http://127.0.0.1:0"], AllowHttp = true },
            cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(host.UpstreamFailures.Count == 0, string.Join("; ", host.UpstreamFailures.Values));
        return host;
    }
}
