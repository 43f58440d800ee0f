using System.Collections.Frozen;
using System.Text.Json;
using Json.Schema;
using Warden.Policies.Yaml;

namespace Warden.Policies;

/// <summary>Reads <c>tools:</c>: capability, argument schema, timeout, approval, labels, sink, sandbox, idempotence.</summary>
internal sealed partial class PolicyReader
{
    private static readonly FrozenSet<string> ToolKeys = FrozenSet.Create(
        StringComparer.Ordinal, "capability", "arguments", "timeout", "approval", "labels", "sink", "sandbox", "command", "breaker", "description", "requests_per_minute", "idempotent");

    /// <summary>The longest timeout a tool may have.</summary>
    private static readonly TimeSpan MaxTimeout = TimeSpan.FromMinutes(10);

    private Dictionary<string, ToolBinding> ReadTools(YamlNode? node)
    {
        var tools = new Dictionary<string, ToolBinding>(StringComparer.Ordinal);
        if (node is null || AsMapping(node, "tools", "tools") is not { } mapping)
        {
            return tools;
        }

        foreach (var (key, value) in NamedEntries(mapping, "tools", "tool"))
        {
            if (ReadTool(key, value, $"tools.{key.Value}") is { } tool)
            {
                tools[tool.Name] = tool;
            }
        }

        return tools;
    }

    private ToolBinding? ReadTool(YamlScalar key, YamlNode value, string path)
    {
        if (AsMapping(value, path, $"tool '{key.Value}'") is not { } body)
        {
            return null;
        }

        string? capability = null;
        JsonSchema? schema = null;
        var timeout = ToolBinding.DefaultTimeout;
        var approval = ApprovalMode.Never;
        var labels = new List<string>();
        string? sink = null;
        SandboxProfile? sandbox = null;
        IReadOnlyList<string>? command = null;
        var breaker = Resilience.Breakers.BreakerOverrides.None;
        int? requestsPerMinute = null;
        var idempotent = false;
        foreach (var (field, node) in Entries(body, path, ToolKeys))
        {
            var fieldPath = $"{path}.{field}";
            switch (field)
            {
                case "capability":
                    capability = AsString(node, fieldPath);
                    if (capability is not null)
                    {
                        CheckCapability(node, fieldPath, capability);
                    }

                    break;
                case "arguments":
                    schema = ReadSchema(node, fieldPath);
                    break;
                case "timeout":
                    if (AsDuration(node, fieldPath) is { } t)
                    {
                        timeout = t <= MaxTimeout ? t : Fail(node, fieldPath, $"timeout must be at most {MaxTimeout.TotalMinutes:0}m", timeout);
                    }

                    break;
                case "approval":
                    approval = AsString(node, fieldPath) switch
                    {
                        "always" => ApprovalMode.Always,
                        "never" => ApprovalMode.Never,
                        null => approval,
                        var other => Fail(node, fieldPath, $"approval must be 'always' or 'never', not '{other}'", approval),
                    };
                    break;
                case "labels":
                    labels.AddRange(ReadLabels(node, fieldPath));
                    break;
                case "sink":
                    sink = AsString(node, fieldPath);
                    if (sink is not null && !LabelPattern().IsMatch(sink))
                    {
                        Error(node, fieldPath, $"'{sink}' is not a valid sink name: use lower-case letters, digits, '_' and '-'");
                    }

                    break;
                case "sandbox":
                    sandbox = ReadSandbox(node, fieldPath);
                    break;
                case "command":
                    command = ReadCommand(node, fieldPath);
                    break;
                case "breaker":
                    breaker = ReadBreaker(node, fieldPath);
                    break;
                case "description":
                    AsString(node, fieldPath);
                    break;
                case "requests_per_minute":
                    requestsPerMinute = AsPositiveInt(node, fieldPath);
                    break;
                case "idempotent":
                    idempotent = AsBool(node, fieldPath) ?? idempotent;
                    break;
            }
        }

        if (capability is null && !body.Entries.Any(e => e.Key.Value == "capability"))
        {
            Error(key, path, $"tool '{key.Value}' needs a capability");
        }

        if (command is not null)
        {
            // A command always runs in a sandbox: the policy's "default" profile unless it names another.
            sandbox ??= _sandboxes.GetValueOrDefault(SandboxProfile.Default.Name, SandboxProfile.Default);
        }
        else if (sandbox is not null && body.Entries.FirstOrDefault(e => e.Key.Value == "sandbox").Key is { } sandboxKey)
        {
            Error(sandboxKey, $"{path}.sandbox", $"tool '{key.Value}' has a sandbox but no command to run in it: add command: [program, args...]");
        }

        return capability is null ? null : new ToolBinding(key.Value, capability, schema, timeout, approval, labels.Distinct().ToList(), sink, sandbox)
        {
            Command = command,
            Breaker = breaker,
            RequestsPerMinute = requestsPerMinute,
            Idempotent = idempotent,
        };
    }

    private IEnumerable<string> ReadLabels(YamlNode node, string path)
    {
        foreach (var (label, labelNode) in AsStringList(node, path))
        {
            if (LabelPattern().IsMatch(label))
            {
                yield return label;
            }
            else
            {
                Error(labelNode, path, $"'{label}' is not a valid label: use lower-case letters, digits, '_' and '-'");
            }
        }
    }

    private JsonSchema? ReadSchema(YamlNode node, string path)
    {
        if (node is not YamlMapping)
        {
            Error(node, path, "arguments must be a JSON Schema written as a mapping, e.g. { type: object, properties: ... }");
            return null;
        }

        var errorsBefore = _diagnostics.Count;
        CheckDuplicateKeys(node, path);
        if (_diagnostics.Count > errorsBefore)
        {
            return null;
        }

        // The built schema keeps the element it was built from, so the element must outlive this method.
        var root = JsonDocument.Parse(YamlJson.ToJson(node)!.ToJsonString(), new JsonDocumentOptions { MaxDepth = YamlTreeReader.MaxDepth + 8 }).RootElement.Clone();
        var meta = MetaSchemas.Draft202012.Evaluate(root, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (!meta.IsValid)
        {
            var detail = meta.Details?.Where(d => d.Errors is { Count: > 0 })
                .Select(d => $"{d.InstanceLocation}: {string.Join("; ", d.Errors!.Values)}")
                .FirstOrDefault() ?? "it does not satisfy the JSON Schema 2020-12 meta-schema";
            Error(node, path, $"invalid JSON Schema: {detail}");
            return null;
        }

        try
        {
            return JsonSchema.Build(root, new BuildOptions { SchemaRegistry = new SchemaRegistry() });
        }
        catch (Exception e) when (e is JsonException or JsonSchemaException or ArgumentException or FormatException or RefResolutionException)
        {
            Error(node, path, $"invalid JSON Schema: {e.Message}");
            return null;
        }
    }

    private void CheckDuplicateKeys(YamlNode node, string path)
    {
        switch (node)
        {
            case YamlMapping mapping:
                foreach (var (key, value) in Entries(mapping, path, null))
                {
                    CheckDuplicateKeys(value, Join(path, key));
                }

                break;
            case YamlSequence sequence:
                for (var i = 0; i < sequence.Items.Count; i++)
                {
                    CheckDuplicateKeys(sequence.Items[i], $"{path}[{i}]");
                }

                break;
        }
    }
}
