using System.CommandLine;
using Warden.Storage.Sqlite;

namespace Warden.Cli.Commands;

/// <summary>
/// <c>warden audit digest</c>: the keyed digest the audit log keeps in place of a masked value, so that
/// an investigator who knows a value (a leaked key, a card number) can find the events that carried it.
/// </summary>
internal static class AuditDigestCommand
{
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "The data folder (its audit-digest.key is used).", DefaultValueFactory = _ => "warden-data" };
        var key = new Option<string?>("--key") { Description = "The digest key file, when it is kept outside the data folder." };
        var value = new Argument<string?>("value") { Description = "The value; read from standard input when omitted (keeps it out of the shell's history).", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("digest", "Print the digest (***hmac:…) the audit log holds in place of a masked value; search the log's export for it.")
        {
            data, key, value,
        };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(key) ?? Path.Combine(parse.GetValue(data)!, AuditDigestKey.FileName);
            if (!File.Exists(path))
            {
                Console.Error.WriteLine($"warden: there is no digest key at '{path}' (the audit log makes it on first use; give --data or --key)");
                return ExitCodes.BadInput;
            }

            var text = parse.GetValue(value) ?? Console.In.ReadToEnd().TrimEnd('\r', '\n');
            if (text.Length == 0)
            {
                Console.Error.WriteLine("warden: no value given (pass it as an argument or on standard input)");
                return ExitCodes.BadInput;
            }

            try
            {
                Console.WriteLine(AuditDigestKey.Load(path).Of(text));
                return ExitCodes.Success;
            }
            catch (IOException e)
            {
                Console.Error.WriteLine($"warden: {e.Message}");
                return ExitCodes.BadInput;
            }
        });
        return command;
    }
}
