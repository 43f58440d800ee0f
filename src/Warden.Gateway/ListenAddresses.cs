using System.Net;

namespace Warden.Gateway;

/// <summary>
/// Checks where the gateway is told to listen: https needs a certificate; plain http is allowed only
/// when asked for and only on a loopback address, since an agent's key would cross the network in
/// clear text otherwise.
/// </summary>
public static class ListenAddresses
{
    /// <summary>The URLs, parsed; throws with the reason when one may not be used.</summary>
    /// <exception cref="GatewayStartupException">A URL is malformed, plain http off loopback or without --http, or https without a certificate.</exception>
    public static IReadOnlyList<Uri> Validate(GatewayOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Urls.Count == 0)
        {
            throw new GatewayStartupException("no address to listen on: give --urls");
        }

        var urls = new List<Uri>();
        foreach (var text in options.Urls)
        {
            if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps) || url.AbsolutePath != "/")
            {
                throw new GatewayStartupException($"'{text}' is not a listening address: write https://HOST:PORT (or http://127.0.0.1:PORT with --http)");
            }

            if (url.Scheme == Uri.UriSchemeHttp)
            {
                if (!IsLoopback(url.Host))
                {
                    throw new GatewayStartupException($"refusing to listen on '{text}': plain http sends agents' keys and tool data in clear text; use https (a certificate: warden cert create), or http on 127.0.0.1 or [::1] for development");
                }

                if (!options.AllowHttp)
                {
                    throw new GatewayStartupException($"refusing to listen on '{text}' without TLS: pass --http to allow plain http on this loopback address, or use https");
                }
            }
            else if (options.CertificatePath is null)
            {
                throw new GatewayStartupException($"'{text}' needs a TLS certificate: give --cert FILE (make one for development with: warden cert create)");
            }
            else if (!File.Exists(options.CertificatePath))
            {
                throw new GatewayStartupException($"the certificate file '{options.CertificatePath}' does not exist");
            }

            urls.Add(url);
        }

        return urls;
    }

    /// <summary>True for <c>localhost</c> and loopback IP addresses.</summary>
    public static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
