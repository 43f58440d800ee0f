using System.Collections.Frozen;
using Warden.Policies.Yaml;

namespace Warden.Policies;

/// <summary>Reads <c>roles:</c>: custom roles, inheritance, cycles.</summary>
internal sealed partial class PolicyReader
{
    private static readonly FrozenSet<string> RoleKeys = FrozenSet.Create(StringComparer.Ordinal, "inherits", "capabilities", "description");

    private sealed record RoleDraft(string Name, YamlNode Node, List<(string Parent, YamlNode Node)> Parents, HashSet<string> Own);

    private Dictionary<string, Role> ReadRoles(YamlNode? node)
    {
        var drafts = new Dictionary<string, RoleDraft>(StringComparer.Ordinal);
        if (node is not null && AsMapping(node, "roles", "roles") is { } mapping)
        {
            foreach (var (key, value) in NamedEntries(mapping, "roles", "role"))
            {
                var path = $"roles.{key.Value}";
                if (BuiltInRoles.All.ContainsKey(key.Value))
                {
                    Error(key, path, $"duplicate role '{key.Value}': it is built in and cannot be redefined; define a role of your own that inherits it");
                    continue;
                }

                drafts[key.Value] = ReadRoleDraft(key, value, path);
            }
        }

        var roles = new Dictionary<string, Role>(BuiltInRoles.All, StringComparer.Ordinal);
        foreach (var draft in drafts.Values)
        {
            foreach (var (parent, parentNode) in draft.Parents)
            {
                if (!roles.ContainsKey(parent) && !drafts.ContainsKey(parent))
                {
                    Error(parentNode, $"roles.{draft.Name}.inherits", $"unknown role '{parent}'");
                }
            }
        }

        var cyclic = FindCycles(drafts);
        foreach (var draft in drafts.Values.Where(d => !cyclic.Contains(d.Name)))
        {
            Resolve(draft.Name, drafts, roles);
        }

        return roles;
    }

    private RoleDraft ReadRoleDraft(YamlScalar key, YamlNode value, string path)
    {
        var draft = new RoleDraft(key.Value, key, [], new HashSet<string>(StringComparer.Ordinal));
        if (AsMapping(value, path, $"role '{key.Value}'") is not { } body)
        {
            return draft;
        }

        foreach (var (field, fieldNode) in Entries(body, path, RoleKeys))
        {
            switch (field)
            {
                case "inherits":
                    draft.Parents.AddRange(AsStringList(fieldNode, $"{path}.inherits", allowSingle: true));
                    break;
                case "capabilities":
                    foreach (var (capability, capabilityNode) in AsStringList(fieldNode, $"{path}.capabilities"))
                    {
                        CheckCapability(capabilityNode, $"{path}.capabilities", capability);
                        draft.Own.Add(capability);
                    }

                    break;
                case "description":
                    AsString(fieldNode, $"{path}.description");
                    break;
            }
        }

        return draft;
    }

    /// <summary>Reports each inheritance cycle once, at the role where it was entered, and returns the roles in cycles.</summary>
    private HashSet<string> FindCycles(Dictionary<string, RoleDraft> drafts)
    {
        var state = new Dictionary<string, int>(StringComparer.Ordinal); // 1 = on the stack, 2 = done
        var inCycle = new HashSet<string>(StringComparer.Ordinal);
        var stack = new List<string>();

        void Visit(string name)
        {
            state[name] = 1;
            stack.Add(name);
            foreach (var (parent, _) in drafts[name].Parents)
            {
                if (!drafts.ContainsKey(parent))
                {
                    continue;
                }

                if (state.GetValueOrDefault(parent) == 1)
                {
                    var cycle = stack.Skip(stack.IndexOf(parent)).Append(parent).ToList();
                    inCycle.UnionWith(cycle);
                    Error(drafts[parent].Node, $"roles.{parent}.inherits", $"role cycle: {string.Join(" -> ", cycle)}");
                }
                else if (state.GetValueOrDefault(parent) == 0)
                {
                    Visit(parent);
                }

                if (inCycle.Contains(parent))
                {
                    inCycle.Add(name);
                }
            }

            stack.RemoveAt(stack.Count - 1);
            state[name] = 2;
        }

        foreach (var name in drafts.Keys)
        {
            if (state.GetValueOrDefault(name) == 0)
            {
                Visit(name);
            }
        }

        return inCycle;
    }

    private static Role? Resolve(string name, Dictionary<string, RoleDraft> drafts, Dictionary<string, Role> roles)
    {
        if (roles.TryGetValue(name, out var done))
        {
            return done;
        }

        if (!drafts.TryGetValue(name, out var draft))
        {
            return null;
        }

        var capabilities = new HashSet<string>(draft.Own, StringComparer.Ordinal);
        foreach (var (parent, _) in draft.Parents)
        {
            if (Resolve(parent, drafts, roles) is { } parentRole)
            {
                capabilities.UnionWith(parentRole.Capabilities);
            }
        }

        var role = new Role(name, capabilities.ToFrozenSet(StringComparer.Ordinal), draft.Parents.Select(p => p.Parent).ToList(), false);
        roles[name] = role;
        return role;
    }
}
