using System.Collections.Frozen;
using System.Net;
using Warden.Auditing;
using Warden.Auditing.Alerts;
using Warden.Policies.Yaml;

namespace Warden.Policies;

/// <summary>Reads the <c>alerts:</c> block: webhooks and delivery settings.</summary>
internal sealed partial class PolicyReader
{
    private static readonly FrozenSet<string> AlertKeys = FrozenSet.Create(StringComparer.Ordinal, "webhooks", "attempts", "max_backoff", "timeout");
    private static readonly FrozenSet<string> WebhookKeys = FrozenSet.Create(StringComparer.Ordinal, "url", "secret_env", "types");

    private static readonly FrozenDictionary<string, AuditEventType> EventTypeNames = new Dictionary<string, AuditEventType>(StringComparer.Ordinal)
    {
        ["tool_call"] = AuditEventType.ToolCall,
        ["user_input"] = AuditEventType.UserInput,
        ["error"] = AuditEventType.Error,
        ["security_violation"] = AuditEventType.SecurityViolation,
        ["approval"] = AuditEventType.Approval,
        ["policy_change"] = AuditEventType.PolicyChange,
        ["anomaly"] = AuditEventType.Anomaly,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private AlertSettings ReadAlerts(YamlNode? node)
    {
        var settings = AlertSettings.None;
        if (node is null || AsMapping(node, "alerts", "alerts") is not { } body)
        {
            return settings;
        }

        foreach (var (field, value) in Entries(body, "alerts", AlertKeys))
        {
            var path = $"alerts.{field}";
            settings = field switch
            {
                "webhooks" => settings with { Webhooks = ReadWebhooks(value, path) },
                "attempts" => Within(AsPositiveInt(value, path), 1, 100, value, path, "attempts") is { } attempts ? settings with { Attempts = attempts } : settings,
                "max_backoff" => AsDurationWithin(value, path, TimeSpan.FromSeconds(1), TimeSpan.FromDays(1), "1s and 24h") is { } backoff ? settings with { MaxBackoff = backoff } : settings,
                "timeout" => AsDurationWithin(value, path, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(5), "100ms and 5m") is { } timeout ? settings with { Timeout = timeout } : settings,
                _ => settings,
            };
        }

        return settings;
    }

    private List<WebhookSettings> ReadWebhooks(YamlNode node, string path)
    {
        var webhooks = new List<WebhookSettings>();
        if (AsMapping(node, path, "webhooks") is not { } mapping)
        {
            return webhooks;
        }

        foreach (var (key, value) in NamedEntries(mapping, path, "webhook"))
        {
            var webhookPath = $"{path}.{key.Value}";
            if (AsMapping(value, webhookPath, "a webhook") is not { } fields)
            {
                continue;
            }

            Uri? url = null;
            string? secret = null;
            IReadOnlySet<AuditEventType> types = AlertSettings.DefaultTypes;
            foreach (var (field, fieldValue) in Entries(fields, webhookPath, WebhookKeys))
            {
                var fieldPath = $"{webhookPath}.{field}";
                switch (field)
                {
                    case "url":
                        url = ReadWebhookUrl(fieldValue, fieldPath);
                        break;
                    case "secret_env":
                        secret = AsString(fieldValue, fieldPath) is { } name && IsVariableName(name)
                            ? name
                            : Fail<string?>(fieldValue, fieldPath, "secret_env must name an environment variable (letters, digits, underscores) that holds the signing key", null);
                        break;
                    case "types":
                        types = ReadEventTypes(fieldValue, fieldPath);
                        if (types.Count == 0 && fieldValue is YamlSequence { Items.Count: 0 })
                        {
                            Error(fieldValue, fieldPath, $"webhook '{key.Value}' takes no event types: name at least one, or leave types out for security_violation and anomaly");
                        }

                        break;
                }
            }

            if (url is null && !fields.Entries.Any(e => e.Key.Value == "url"))
            {
                Error(value, webhookPath, $"webhook '{key.Value}' needs a url");
            }

            if (secret is null && !fields.Entries.Any(e => e.Key.Value == "secret_env"))
            {
                Error(value, webhookPath, $"webhook '{key.Value}' needs secret_env: the environment variable holding the key its bodies are signed with");
            }

            if (url is not null && secret is not null)
            {
                webhooks.Add(new WebhookSettings(key.Value, url, secret, types));
            }
        }

        return webhooks;
    }

    private Uri? ReadWebhookUrl(YamlNode node, string path)
    {
        if (AsString(node, path) is not { } text)
        {
            return null;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            return Fail<Uri?>(node, path, $"'{text}' is not an http(s) URL", null);
        }

        var loopback = url.IsLoopback || (IPAddress.TryParse(url.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
        return url.Scheme == Uri.UriSchemeHttp && !loopback
            ? Fail<Uri?>(node, path, $"'{text}' would send alerts in clear text: use https (plain http only to a loopback address)", null)
            : url;
    }

    private HashSet<AuditEventType> ReadEventTypes(YamlNode node, string path)
    {
        var types = new HashSet<AuditEventType>();
        foreach (var (name, item) in AsStringList(node, path, allowSingle: true))
        {
            if (EventTypeNames.TryGetValue(name, out var type))
            {
                types.Add(type);
            }
            else
            {
                Error(item, path, $"unknown event type '{name}'; expected one of: {string.Join(", ", EventTypeNames.Keys.Order(StringComparer.Ordinal))}");
            }
        }

        return types;
    }

    private TimeSpan? AsDurationWithin(YamlNode node, string path, TimeSpan min, TimeSpan max, string bounds) => AsDuration(node, path) switch
    {
        null => null,
        var d when d >= min && d <= max => d,
        _ => Fail<TimeSpan?>(node, path, $"{path} must be between {bounds}", null),
    };

    private static bool IsVariableName(string name) =>
        name.Length > 0 && !char.IsAsciiDigit(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
