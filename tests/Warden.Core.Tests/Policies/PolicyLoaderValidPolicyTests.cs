using Warden.Policies;
using Warden.Tests.Support;

namespace Warden.Tests.Policies;

public sealed class PolicyLoaderValidPolicyTests
{
    private const string Hash = "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    private const string Full = """
        mode: enforce
        default_role: READER
        capabilities: [email.send]
        roles:
          support:
            description: Answers customers
            inherits: READER
            capabilities: [email.send]
          lead:
            inherits: [support, WORKER]
            capabilities: [purchases.make]
        tools:
          read_doc:
            capability: documents.read
            description: Reads a document
            arguments:
              type: object
              properties:
                path: { type: string }
              required: [path]
              additionalProperties: false
            timeout: 2s
            labels: [private]
          fetch:
            capability: internet.browse
            labels: [untrusted, web]
          send_mail:
            capability: email.send
            approval: always
            sink: external
            timeout: 1m30s
          run_code:
            capability: system.modify
            approval: never
            command: [python3, "{script}"]
            sandbox:
              network: none
              workspace: ro
              cpu: 10s
              memory: 256MB
              processes: 16
              open_files: 64
              file_size: 1MB
              output: 64KB
              address_space: 1GB
              env: [LANG_EXTRA]
              read_only: [/opt/tools]
          run_job:
            capability: system.modify
            command: job --fast
            sandbox: builder
          run_plain:
            capability: system.modify
            command: [true]
        agents:
          helper:
            role: support
            keys:
              - sha256:9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08
            limits:
              requests_per_minute: 60
              tool_calls_per_session: 10
              turns_per_session: 50
          boss:
            role: lead
        flows:
          - when: [untrusted, private]
            to: external
            then: deny
          - { when: [private], to: external, then: require-approval }
        sandboxes:
          builder: { network: host, workspace: rw, cpu: 1m }
        upstreams:
          files:
            command: npx server-files
            sandbox: { network: none, workspace: rw }
            workspace: ./files
          remote:
            url: https://mcp.example.com/mcp
        """;

    private static readonly Policy Policy = TestPolicy.Load(Full);

    [Fact]
    public void Loads_without_any_diagnostic()
    {
        var result = PolicyLoader.Load(Full, "full.yaml");
        Assert.Empty(result.Diagnostics);
        Assert.Equal("full.yaml", result.Source);
        Assert.Same(result.Policy, result.GetPolicyOrThrow());
    }

    [Fact]
    public void Mode_default_role_and_declared_capabilities()
    {
        Assert.Equal(PolicyMode.Enforce, Policy.Mode);
        Assert.Equal("READER", Policy.DefaultRole);
        Assert.Contains("email.send", Policy.Capabilities);
        Assert.True(Capabilities.BuiltIn.IsSubsetOf(Policy.Capabilities));
        Assert.Equal(9, Policy.Capabilities.Count);
    }

    [Fact]
    public void Custom_role_inherits_a_built_in_role()
    {
        var support = Policy.Roles["support"];
        Assert.False(support.IsBuiltIn);
        Assert.Equal(["READER"], support.Inherits);
        Assert.Equal(
            ["calendar.access", "documents.read", "email.access", "email.send"],
            support.Capabilities.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Role_with_several_parents_folds_in_all_of_them()
    {
        var lead = Policy.Roles["lead"];
        Assert.Equal(["support", "WORKER"], lead.Inherits);
        Assert.Equal(
            ["calendar.access", "documents.read", "documents.write", "email.access", "email.send", "internet.browse", "purchases.make"],
            lead.Capabilities.Order(StringComparer.Ordinal));
        Assert.False(lead.Grants(Capabilities.DocumentsDelete));
    }

    [Fact]
    public void Built_in_roles_are_present_unchanged()
    {
        Assert.Same(BuiltInRoles.Reader, Policy.Roles["READER"]);
        Assert.Same(BuiltInRoles.Worker, Policy.Roles["WORKER"]);
        Assert.Same(BuiltInRoles.Admin, Policy.Roles["ADMIN"]);
        Assert.Equal(5, Policy.Roles.Count);
    }

    [Fact]
    public void Tool_with_schema_timeout_and_labels()
    {
        var tool = Policy.Tools["read_doc"];
        Assert.Equal("documents.read", tool.Capability);
        Assert.NotNull(tool.ArgumentSchema);
        Assert.Equal(TimeSpan.FromSeconds(2), tool.Timeout);
        Assert.Equal(["private"], tool.Labels);
        Assert.Equal(ApprovalMode.Never, tool.Approval);
        Assert.Null(tool.Sink);
        Assert.Null(tool.Sandbox);
    }

    [Fact]
    public void Tool_without_timeout_gets_the_five_second_default()
    {
        var tool = Policy.Tools["fetch"];
        Assert.Equal(TimeSpan.FromSeconds(5), tool.Timeout);
        Assert.Equal(ToolBinding.DefaultTimeout, tool.Timeout);
        Assert.Null(tool.ArgumentSchema);
        Assert.Equal(["untrusted", "web"], tool.Labels);
    }

    [Fact]
    public void Tool_with_approval_sink_and_combined_duration()
    {
        var tool = Policy.Tools["send_mail"];
        Assert.Equal(ApprovalMode.Always, tool.Approval);
        Assert.Equal("external", tool.Sink);
        Assert.Equal(TimeSpan.FromSeconds(90), tool.Timeout);
    }

    [Fact]
    public void Tool_with_sandbox_profile()
    {
        var tool = Policy.Tools["run_code"];
        Assert.Equal(["python3", "{script}"], tool.Command);
        Assert.Equal(
            new SandboxProfile
            {
                Name = "tools.run_code.sandbox",
                Network = "none",
                Workspace = "ro",
                Cpu = TimeSpan.FromSeconds(10),
                MemoryBytes = 256L * 1024 * 1024,
                Processes = 16,
                OpenFiles = 64,
                FileSizeBytes = 1024 * 1024,
                OutputBytes = 64 * 1024,
                AddressSpaceBytes = 1024L * 1024 * 1024,
                Environment = ["LANG_EXTRA"],
                ReadOnlyPaths = ["/opt/tools"],
            },
            tool.Sandbox);
    }

    [Fact]
    public void Tool_with_named_profile_and_command_line()
    {
        var tool = Policy.Tools["run_job"];
        Assert.Equal(["job", "--fast"], tool.Command);
        Assert.Equal(SandboxProfile.Default with { Name = "builder", Network = "host", Workspace = "rw", Cpu = TimeSpan.FromMinutes(1) }, tool.Sandbox);
        Assert.Same(Policy.Sandboxes["builder"], tool.Sandbox);
    }

    [Fact]
    public void A_command_without_a_sandbox_runs_in_the_default_profile()
    {
        Assert.Equal(SandboxProfile.Default, Policy.Tools["run_plain"].Sandbox);
        Assert.Null(Policy.Tools["read_doc"].Command);
    }

    [Fact]
    public void Agent_with_hashed_key_and_limits()
    {
        var agent = Policy.Agents["helper"];
        Assert.Equal("support", agent.Role);
        Assert.Equal([Hash], agent.KeyHashes);
        Assert.Equal(new AgentLimits(60, 10, 50), agent.Limits);
        Assert.Equal(AgentLimits.None, Policy.Agents["boss"].Limits);
        Assert.Empty(Policy.Agents["boss"].KeyHashes);
    }

    [Fact]
    public void Agents_resolve_to_their_role_and_others_to_the_default_role()
    {
        Assert.Equal(("support", "agents.helper.role"), Resolve("helper"));
        Assert.Equal(("READER", "default_role"), Resolve("stranger"));

        static (string, string) Resolve(string agent) =>
            Policy.ResolveRole(agent) is { } r ? (r.Role.Name, r.Rule) : throw new InvalidOperationException("no role");
    }

    [Fact]
    public void Flows_keep_their_order_and_actions()
    {
        Assert.Collection(
            Policy.Flows,
            rule =>
            {
                Assert.Equal("flows[0]", rule.Id);
                Assert.Equal(["untrusted", "private"], rule.When);
                Assert.Equal("external", rule.To);
                Assert.Equal(FlowAction.Deny, rule.Then);
            },
            rule =>
            {
                Assert.Equal("flows[1]", rule.Id);
                Assert.Equal(["private"], rule.When);
                Assert.Equal(FlowAction.RequireApproval, rule.Then);
            });
    }

    [Fact]
    public void Upstreams_by_command_and_by_url()
    {
        var files = Policy.Upstreams["files"];
        Assert.Equal(["npx", "server-files"], files.Command);
        Assert.Equal("./files", files.Workspace);
        Assert.Null(files.Url);
        Assert.Equal(SandboxProfile.Default with { Name = "upstreams.files.sandbox", Workspace = "rw" }, files.Sandbox);

        var remote = Policy.Upstreams["remote"];
        Assert.Null(remote.Command);
        Assert.Equal(new Uri("https://mcp.example.com/mcp"), remote.Url);
    }

    [Fact]
    public void Shadow_mode_is_read()
    {
        Assert.Equal(PolicyMode.Shadow, TestPolicy.Load("mode: shadow").Mode);
        Assert.Equal(PolicyMode.Enforce, TestPolicy.Load("tools: {}").Mode);
    }

    [Fact]
    public void Policy_without_default_role_gives_unknown_agents_nothing() =>
        Assert.Null(TestPolicy.Load("mode: enforce").ResolveRole("stranger"));
}
