using System.CommandLine;
using System.Globalization;
using Warden.Gateway;

namespace Warden.Cli.Commands;

/// <summary><c>warden cert create</c>: a self-signed certificate for running the gateway over https in development.</summary>
internal static class CertCommands
{
    public static Command Create() => new("cert", "TLS certificates for the gateway.") { CreateCreate() };

    private static Command CreateCreate()
    {
        var output = new Option<string>("--output") { Description = "The folder to write NAME.pfx and NAME.pem in.", DefaultValueFactory = _ => "." };
        var name = new Option<string>("--name") { Description = "The files' name.", DefaultValueFactory = _ => "warden-dev" };
        var hosts = new Option<string[]>("--host") { Description = "More host names or addresses it is valid for (localhost, 127.0.0.1 and ::1 always are).", AllowMultipleArgumentsPerToken = true };
        var days = new Option<int>("--days") { Description = "Days it is valid for.", DefaultValueFactory = _ => 90 };
        var command = new Command("create", "Make a self-signed certificate (ECDSA P-256) for development: NAME.pfx (with its key, owner-only) for --cert, NAME.pem for clients to trust.")
        {
            output, name, hosts, days,
        };
        command.SetAction(parse =>
        {
            var validity = parse.GetValue(days);
            if (validity is < 1 or > 825)
            {
                Console.Error.WriteLine("warden: --days must be 1 to 825");
                return ExitCodes.BadInput;
            }

            using var certificate = DevelopmentCertificate.Create(parse.GetValue(hosts) ?? [], TimeSpan.FromDays(validity));
            string pfx, pem;
            try
            {
                (pfx, pem) = DevelopmentCertificate.Write(certificate, parse.GetValue(output)!, parse.GetValue(name)!);
            }
            catch (IOException e)
            {
                Console.Error.WriteLine($"warden: {e.Message} (remove it, or choose another --name)");
                return ExitCodes.BadInput;
            }

            Console.WriteLine($"certificate: {pfx} (private key inside, owner-only) and {pem}");
            Console.WriteLine($"subject: {certificate.Subject}; valid until {certificate.NotAfter.ToUniversalTime().ToString("u", CultureInfo.InvariantCulture)}; SHA-256 {certificate.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256)}");
            Console.WriteLine($"run: warden serve --cert {pfx} --urls https://127.0.0.1:8443   (clients trust {pem})");
            return ExitCodes.Success;
        });
        return command;
    }
}
