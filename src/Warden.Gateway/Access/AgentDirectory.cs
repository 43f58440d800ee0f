using System.Security.Cryptography;
using System.Text;
using Warden.Policies;

namespace Warden.Gateway.Access;

/// <summary>
/// Finds the agent an API key belongs to: the policy keeps each agent's keys as <c>sha256:</c>
/// digests, so a presented key is hashed and looked up; the key itself is never stored or logged.
/// </summary>
internal sealed class AgentDirectory
{
    private readonly Dictionary<string, string> _agentsByDigest = new(StringComparer.Ordinal);

    private AgentDirectory(Policy policy)
    {
        Policy = policy;
        foreach (var agent in policy.Agents.Values)
        {
            foreach (var digest in agent.KeyHashes)
            {
                _agentsByDigest[digest.ToLowerInvariant()] = agent.Name;
            }
        }
    }

    /// <summary>The policy the directory was built from.</summary>
    public Policy Policy { get; }

    /// <summary>The directory of <paramref name="policy"/>, reusing <paramref name="previous"/> when it was built from the same one.</summary>
    public static AgentDirectory For(Policy policy, AgentDirectory? previous) =>
        previous is not null && ReferenceEquals(previous.Policy, policy) ? previous : new AgentDirectory(policy);

    /// <summary>The <c>sha256:</c> digest the policy stores for <paramref name="key"/>.</summary>
    public static string Digest(string key) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>The agent whose key is <paramref name="key"/>, or null.</summary>
    public string? Find(string key) => _agentsByDigest.GetValueOrDefault(Digest(key));
}
