namespace Warden.Cli.Tests.Commands;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ServeCommandTests
{
    [Fact]
    public async Task Serve_refuses_plain_http_off_loopback_and_without_the_flag_saying_why()
    {
        var data = WardenProcess.TempFolder();
        var everywhere = await WardenProcess.RunAsync("serve", "--data", data, "--urls", "http://0.0.0.0:18765", "--http");
        var withoutFlag = await WardenProcess.RunAsync("serve", "--data", data, "--urls", "http://127.0.0.1:18765");
        var noCertificate = await WardenProcess.RunAsync("serve", "--data", data, "--urls", "https://127.0.0.1:18765");

        Assert.Equal(2, everywhere.ExitCode);
        Assert.Contains("plain http sends agents' keys and tool data in clear text", everywhere.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, withoutFlag.ExitCode);
        Assert.Contains("pass --http", withoutFlag.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, noCertificate.ExitCode);
        Assert.Contains("warden cert create", noCertificate.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_refuses_a_policy_with_errors_naming_them()
    {
        var folder = WardenProcess.TempFolder();
        var policy = Path.Combine(folder, "bad.yaml");
        File.WriteAllText(policy, "agents:\n  a: { role: NOBODY }\n");

        var run = await WardenProcess.RunAsync("serve", "--policy", policy, "--data", Path.Combine(folder, "data"), "--urls", "http://127.0.0.1:18766", "--http");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("has errors", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("NOBODY", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cert_create_writes_an_owner_only_pfx_and_a_pem_to_trust()
    {
        var folder = WardenProcess.TempFolder();

        var run = await WardenProcess.RunAsync("cert", "create", "--output", folder, "--host", "gateway.internal");

        Assert.Equal(0, run.ExitCode);
        var pfx = Path.Combine(folder, "warden-dev.pfx");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(pfx));
        Assert.StartsWith("-----BEGIN CERTIFICATE-----", File.ReadAllText(Path.Combine(folder, "warden-dev.pem")), StringComparison.Ordinal);
        using var certificate = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12FromFile(pfx, null);
        Assert.True(certificate.HasPrivateKey);
        Assert.Contains("gateway.internal", certificate.Extensions.OfType<System.Security.Cryptography.X509Certificates.X509SubjectAlternativeNameExtension>().Single().EnumerateDnsNames());
        Assert.Contains("warden serve --cert", run.Stdout, StringComparison.Ordinal);
    }
}
