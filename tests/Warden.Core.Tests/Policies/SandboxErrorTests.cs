using static Warden.Tests.Support.TestPolicy;

namespace Warden.Tests.Policies;

public sealed class SandboxErrorTests
{
    [Fact]
    public void A_sandbox_without_a_command_is_reported_at_the_sandbox_key()
    {
        var error = SingleError("""
            tools:
              t:
                capability: system.modify
                sandbox: { network: none }
            """);
        AssertAt(error, 4, 5, "has a sandbox but no command", "tools.t.sandbox");
    }

    [Fact]
    public void An_unknown_profile_name_lists_the_known_ones()
    {
        var error = SingleError("""
            sandboxes:
              build: { cpu: 1m }
            tools:
              t:
                capability: system.modify
                command: [make]
                sandbox: biuld
            """);
        AssertAt(error, 7, 14, "unknown sandbox profile 'biuld': define it under 'sandboxes:' or use build, default", "tools.t.sandbox");
    }

    [Fact]
    public void Profiles_are_defined_before_tools_use_them_whatever_the_order_in_the_file()
    {
        var policy = Load("""
            tools:
              t:
                capability: system.modify
                command: [make]
                sandbox: build
            sandboxes:
              build: { network: host }
            """);
        Assert.Equal("host", policy.Tools["t"].Sandbox!.Network);
    }

    [Theory]
    [InlineData("network: internet", 6, 14, "network must be 'none' or 'host', not 'internet'", "sandboxes.p.network")]
    [InlineData("workspace: yes", 6, 16, "workspace must be 'none', 'ro' or 'rw', not 'yes'", "sandboxes.p.workspace")]
    [InlineData("processes: -1", 6, 16, "expected a whole number above 0, not '-1'", "sandboxes.p.processes")]
    [InlineData("open_files: many", 6, 17, "expected a whole number above 0, not 'many'", "sandboxes.p.open_files")]
    [InlineData("file_size: big", 6, 16, "file_size must be a size such as 256MB, not 'big'", "sandboxes.p.file_size")]
    [InlineData("output: 0MB", 6, 13, "output must be a size such as 256MB", "sandboxes.p.output")]
    [InlineData("env: [API-KEY]", 6, 11, "'API-KEY' is not an environment variable name", "sandboxes.p.env")]
    [InlineData("read_only: [opt/tools]", 6, 17, "'opt/tools' must be an absolute path without '..'", "sandboxes.p.read_only")]
    [InlineData("read_only: [/usr/../etc]", 6, 17, "'/usr/../etc' must be an absolute path without '..'", "sandboxes.p.read_only")]
    [InlineData("read_only: [/proc]", 6, 17, "'/proc' cannot be bound into a sandbox", "sandboxes.p.read_only")]
    [InlineData("read_only: [/.]", 6, 17, "'/.' cannot be bound into a sandbox", "sandboxes.p.read_only")]
    [InlineData("read_only: [//proc/self]", 6, 17, "'//proc/self' cannot be bound into a sandbox", "sandboxes.p.read_only")]
    public void Bad_profile_fields_are_reported_where_they_are(string field, int line, int column, string fragment, string path)
    {
        var error = SingleError($$"""
            tools:
              t: { capability: system.modify, command: [run], sandbox: p }
            sandboxes:
              p:
                cpu: 1s
                {{field}}
            """);
        AssertAt(error, line, column, fragment, path);
    }

    [Fact]
    public void An_empty_command_is_refused()
    {
        var error = SingleError("""
            tools:
              t:
                capability: system.modify
                command: []
            """);
        AssertAt(error, 4, 14, "command must name a program", "tools.t.command");
    }
}
