using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Warden.Policies;

namespace Warden.Gateway.Access;

/// <summary>
/// Validates JWT bearer tokens (the policy's <c>gateway.jwt</c>) with Microsoft.IdentityModel's
/// <see cref="JsonWebTokenHandler"/>, the handler ASP.NET Core's JwtBearer uses: the signature against
/// the configured public keys (RS256/ES256…; "none" refused), issuer, audience and lifetime (one
/// minute of clock skew); the agent comes from the agent claim, a role from the role claim.
/// </summary>
internal sealed class JwtValidator
{
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };
    private readonly TokenValidationParameters _parameters;
    private readonly JwtSettings _settings;

    private JwtValidator(JwtSettings settings, IReadOnlyList<SecurityKey> keys)
    {
        _settings = settings;
        _parameters = new TokenValidationParameters
        {
            ValidIssuer = settings.Issuer,
            ValidAudience = settings.Audience,
            IssuerSigningKeys = keys,
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ValidateIssuerSigningKey = true,
            ClockSkew = TimeSpan.FromMinutes(1),
        };
    }

    /// <summary>The validator of <paramref name="settings"/>, its key files read relative to <paramref name="policyFolder"/>.</summary>
    /// <exception cref="GatewayStartupException">A key file is missing or not a PEM public key.</exception>
    public static JwtValidator Create(JwtSettings settings, string policyFolder)
    {
        var keys = new List<SecurityKey>();
        foreach (var file in settings.KeyFiles)
        {
            var path = Path.GetFullPath(file, policyFolder);
            string pem;
            try
            {
                pem = File.ReadAllText(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new GatewayStartupException($"the JWT key file '{path}' cannot be read: {e.Message}", e);
            }

            keys.Add(Import(pem, path));
        }

        return new JwtValidator(settings, keys);
    }

    /// <summary>True when <paramref name="credential"/> has a JWT's shape (three base64url parts).</summary>
    public static bool LooksLikeJwt(string credential) => credential.Count(c => c == '.') == 2;

    /// <summary>The agent and role a valid token names; or the reason it is refused.</summary>
    public async Task<(string? AgentId, string? Role, string? Problem)> ValidateAsync(string token)
    {
        var result = await _handler.ValidateTokenAsync(token, _parameters).ConfigureAwait(false);
        if (!result.IsValid)
        {
            return (null, null, $"the token is not valid: {Describe(result.Exception)}");
        }

        var agent = result.Claims.TryGetValue(_settings.AgentClaim, out var subject) ? subject?.ToString() : null;
        if (string.IsNullOrWhiteSpace(agent))
        {
            return (null, null, $"the token has no '{_settings.AgentClaim}' claim naming the agent");
        }

        var role = result.Claims.TryGetValue(_settings.RoleClaim, out var claimed) ? claimed?.ToString() : null;
        return (agent, role, null);
    }

    /// <summary>What went wrong, in a sentence that names no key material.</summary>
    private static string Describe(Exception? error) => error switch
    {
        SecurityTokenExpiredException => "it has expired",
        SecurityTokenNotYetValidException => "it is not valid yet",
        SecurityTokenInvalidAudienceException => "it is meant for another audience",
        SecurityTokenInvalidIssuerException => "it comes from another issuer",
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => "its signature does not verify with the configured keys",
        SecurityTokenNoExpirationException => "it has no expiry",
        SecurityTokenMalformedException => "it is malformed",
        null => "unknown reason",
        _ => error.GetType().Name,
    };

    private static SecurityKey Import(string pem, string path)
    {
        // An SPKI "PUBLIC KEY" block may hold either kind: RSA is tried first, then EC.
        var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(pem);
            return new RsaSecurityKey(rsa);
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            rsa.Dispose();
        }

        var ec = ECDsa.Create();
        try
        {
            ec.ImportFromPem(pem);
            return new ECDsaSecurityKey(ec);
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            ec.Dispose();
            throw new GatewayStartupException($"the JWT key file '{path}' is not a PEM RSA or EC public key: {e.Message}", e);
        }
    }
}
