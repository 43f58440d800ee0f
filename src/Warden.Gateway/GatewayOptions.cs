namespace Warden.Gateway;

/// <summary>How <c>warden serve</c> runs the gateway.</summary>
public sealed record GatewayOptions
{
    /// <summary>The policy file.</summary>
    public required string PolicyPath { get; init; }

    /// <summary>The embedded store's folder (SQLite files, keys, sandbox workspaces).</summary>
    public string DataDirectory { get; init; } = "warden-data";

    /// <summary>Where to listen: https URLs, or http on a loopback address with <see cref="AllowHttp"/>. Port 0 picks a free port.</summary>
    public IReadOnlyList<string> Urls { get; init; } = ["https://127.0.0.1:8443"];

    /// <summary>The TLS certificate (PFX/PKCS#12, or PEM with <see cref="CertificateKeyPath"/>) for https URLs.</summary>
    public string? CertificatePath { get; init; }

    /// <summary>The PEM private key of <see cref="CertificatePath"/>, when it is a PEM certificate.</summary>
    public string? CertificateKeyPath { get; init; }

    /// <summary>The PFX password, when it has one.</summary>
    public string? CertificatePassword { get; init; }

    /// <summary>Allow plain http URLs, and only on loopback addresses (development and tests).</summary>
    public bool AllowHttp { get; init; }

    /// <summary>Host names accepted in the Host header (DNS rebinding); null: the listening hosts and localhost.</summary>
    public IReadOnlyList<string>? AllowedHosts { get; init; }

    /// <summary>The clock (tests use a fake one).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
