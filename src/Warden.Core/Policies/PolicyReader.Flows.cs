using System.Collections.Frozen;
using Warden.Policies.Yaml;

namespace Warden.Policies;

/// <summary>Reads <c>flows:</c>, the data-flow rules, and <c>upstreams:</c>.</summary>
internal sealed partial class PolicyReader
{
    private static readonly FrozenSet<string> FlowKeys = FrozenSet.Create(StringComparer.Ordinal, "when", "to", "then");

    private static readonly FrozenSet<string> UpstreamKeys = FrozenSet.Create(StringComparer.Ordinal, "command", "url", "sandbox", "workspace", "description");

    private List<FlowRule> ReadFlows(YamlNode? node, Dictionary<string, ToolBinding> tools)
    {
        var flows = new List<FlowRule>();
        if (node is null)
        {
            return flows;
        }

        if (node is not YamlSequence sequence)
        {
            Error(node, "flows", "flows must be a list of rules, e.g. - { when: [untrusted], to: external, then: deny }");
            return flows;
        }

        var producedLabels = tools.Values.SelectMany(t => t.Labels).ToHashSet(StringComparer.Ordinal);
        producedLabels.Add(Stages.OutputInspection.OutputInspectionOptions.DefaultInjectionLabel); // given by the scan of tool results
        producedLabels.Add(Stages.OutputInspection.OutputInspectionOptions.DefaultSecretLabel); // likewise, for results holding secrets
        var sinks = tools.Values.Select(t => t.Sink).OfType<string>().ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < sequence.Items.Count; i++)
        {
            var path = $"flows[{i}]";
            if (AsMapping(sequence.Items[i], path, "a flow rule") is { } body && ReadFlow(i, body, path, producedLabels, sinks) is { } rule)
            {
                flows.Add(rule);
            }
        }

        return flows;
    }

    private FlowRule? ReadFlow(int index, YamlMapping body, string path, HashSet<string> producedLabels, HashSet<string> sinks)
    {
        List<string>? when = null;
        string? to = null;
        FlowAction? then = null;
        foreach (var (field, node) in Entries(body, path, FlowKeys))
        {
            var fieldPath = $"{path}.{field}";
            switch (field)
            {
                case "when":
                    when = ReadLabels(node, fieldPath).ToList();
                    if (when.Count == 0)
                    {
                        Error(node, fieldPath, "a flow rule needs at least one label under 'when'");
                    }

                    foreach (var label in when.Where(l => !producedLabels.Contains(l)))
                    {
                        Warning(node, fieldPath, $"no tool gives the label '{label}', so this rule never matches");
                    }

                    break;
                case "to":
                    to = AsString(node, fieldPath);
                    if (to is not null && !sinks.Contains(to))
                    {
                        Warning(node, fieldPath, $"no tool has the sink '{to}', so this rule never matches");
                    }

                    break;
                case "then":
                    then = AsString(node, fieldPath) switch
                    {
                        null => null,
                        "deny" => FlowAction.Deny,
                        "require-approval" => FlowAction.RequireApproval,
                        "allow" => FlowAction.Allow,
                        var other => Fail<FlowAction?>(node, fieldPath, $"then must be 'deny', 'require-approval' or 'allow', not '{other}'", null),
                    };
                    break;
            }
        }

        foreach (var required in FlowKeys.Where(k => !body.Entries.Any(e => e.Key.Value == k)))
        {
            Error(body, path, $"a flow rule needs '{required}'");
        }

        return when is { Count: > 0 } && to is not null && then is not null ? new FlowRule(index, when, to, then.Value) : null;
    }

    private Dictionary<string, Upstream> ReadUpstreams(YamlNode? node)
    {
        var upstreams = new Dictionary<string, Upstream>(StringComparer.Ordinal);
        if (node is null || AsMapping(node, "upstreams", "upstreams") is not { } mapping)
        {
            return upstreams;
        }

        foreach (var (key, value) in NamedEntries(mapping, "upstreams", "upstream"))
        {
            var path = $"upstreams.{key.Value}";
            if (AsMapping(value, path, $"upstream '{key.Value}'") is not { } body)
            {
                continue;
            }

            IReadOnlyList<string>? command = null;
            string? workspace = null;
            Uri? url = null;
            SandboxProfile? sandbox = null;
            foreach (var (field, fieldNode) in Entries(body, path, UpstreamKeys))
            {
                var fieldPath = $"{path}.{field}";
                switch (field)
                {
                    case "command":
                        command = ReadCommand(fieldNode, fieldPath);
                        break;
                    case "workspace":
                        workspace = AsString(fieldNode, fieldPath);
                        break;
                    case "url":
                        if (AsString(fieldNode, fieldPath) is { } text)
                        {
                            url = Uri.TryCreate(text, UriKind.Absolute, out var parsed) && (parsed.Scheme == Uri.UriSchemeHttp || parsed.Scheme == Uri.UriSchemeHttps)
                                ? parsed
                                : Fail<Uri?>(fieldNode, fieldPath, $"'{text}' is not an absolute http or https URL", null);
                        }

                        break;
                    case "sandbox":
                        sandbox = ReadSandbox(fieldNode, fieldPath);
                        break;
                    case "description":
                        AsString(fieldNode, fieldPath);
                        break;
                }
            }

            var hasCommand = body.Entries.Any(e => e.Key.Value == "command");
            var hasUrl = body.Entries.Any(e => e.Key.Value == "url");
            if (hasCommand == hasUrl)
            {
                Error(key, path, $"upstream '{key.Value}' needs exactly one of 'command' or 'url'");
            }

            // A stdio server always runs in a sandbox: the "default" profile unless it names another.
            var profile = command is null ? sandbox : sandbox ?? _sandboxes[SandboxProfile.Default.Name];
            if (profile is not null && profile.Workspace != "none" && workspace is null && hasCommand)
            {
                Error(key, path, $"upstream '{key.Value}' runs in a sandbox that binds a workspace ({profile.Workspace}): name the host folder with workspace: PATH");
            }

            upstreams[key.Value] = new Upstream(key.Value, command, url, profile) { Workspace = workspace };
        }

        return upstreams;
    }
}
