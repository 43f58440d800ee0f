using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Warden.Gateway;

/// <summary>
/// A self-signed TLS certificate for development (<c>warden cert create</c>): ECDSA P-256, valid for
/// <c>localhost</c>, 127.0.0.1, ::1 and the names given, for server authentication only. Clients
/// trust it by its PEM file (or its thumbprint); production uses a certificate from a real CA.
/// </summary>
public static class DevelopmentCertificate
{
    /// <summary>A new certificate, with its private key, valid from now for <paramref name="validity"/>.</summary>
    public static X509Certificate2 Create(IEnumerable<string> hosts, TimeSpan validity, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        var names = new List<string> { "localhost" };
        names.AddRange(hosts.Where(h => !string.IsNullOrWhiteSpace(h) && !names.Contains(h, StringComparer.OrdinalIgnoreCase)));
        var alternatives = new SubjectAlternativeNameBuilder();
        alternatives.AddIpAddress(IPAddress.Loopback);
        alternatives.AddIpAddress(IPAddress.IPv6Loopback);
        foreach (var name in names)
        {
            if (IPAddress.TryParse(name.Trim('[', ']'), out var address))
            {
                alternatives.AddIpAddress(address);
            }
            else
            {
                alternatives.AddDnsName(name);
            }
        }

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN=Warden development ({names[0]})", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(alternatives.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var now = (timeProvider ?? TimeProvider.System).GetUtcNow();
        return request.CreateSelfSigned(now.AddMinutes(-5), now + validity);
    }

    /// <summary>
    /// Writes <paramref name="certificate"/> as <c>NAME.pfx</c> (with its private key, owner-only, no
    /// password) and <c>NAME.pem</c> (the public certificate, for clients to trust) in <paramref name="folder"/>.
    /// </summary>
    /// <returns>The two paths.</returns>
    /// <exception cref="IOException">A file of that name exists already.</exception>
    public static (string Pfx, string Pem) Write(X509Certificate2 certificate, string folder, string name)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        Directory.CreateDirectory(folder);
        var pfx = Path.Combine(folder, name + ".pfx");
        var pem = Path.Combine(folder, name + ".pem");
        // Never over an existing key file: its permissions would stay whatever they were.
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var file = new FileStream(pfx, options))
        {
            file.Write(certificate.Export(X509ContentType.Pfx));
        }

        File.WriteAllText(pem, certificate.ExportCertificatePem() + "\n");
        return (pfx, pem);
    }
}
