using Warden.Policies;
using Warden.Tools;
using static Warden.Sandbox.Tests.Support.Sandboxes;

namespace Warden.Sandbox.Tests;

/// <summary>The gate's execution path for sandbox-bound tools, end to end with real bubblewrap.</summary>
public sealed class SandboxedToolRunnerTests : IDisposable
{
    private const string Yaml = """
        roles:
          operator: { inherits: READER, capabilities: [system.modify] }
        agents:
          agent: { role: operator }
        tools:
          run_python:
            capability: system.modify
            command: [/usr/bin/python3, -c, "{code}"]
            sandbox: { workspace: rw, cpu: 2s }
            timeout: 3s
          shout:
            capability: system.modify
            command: [/bin/sh, -c, "tr a-z A-Z"]
        """;

    private readonly string _root = Directory.CreateTempSubdirectory("warden-test-workspaces-").FullName;
    private readonly SandboxedToolRunner _runner;
    private readonly Gate _gate;

    public SandboxedToolRunnerTests()
    {
        _runner = new SandboxedToolRunner(Executor, _root);
        var policy = PolicyLoader.Load(Yaml).GetPolicyOrThrow();
        _gate = GateBuilder.CreateDefault(new StaticPolicySource(policy), ToolCatalog.Empty, sandbox: _runner).Build();
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task The_arguments_arrive_as_json_on_stdin_and_stdout_is_the_answer()
    {
        var result = await Call("shout", """{"text": "hello"}""");

        Assert.Equal(DecisionKind.Allow, result.Decision.Kind);
        Assert.Equal(ToolStatus.Succeeded, result.Outcome!.Status);
        Assert.Equal("""{"TEXT": "HELLO"}""", result.Outcome.Output);
    }

    [Fact]
    public async Task Placeholders_take_argument_values_and_each_session_has_its_own_workspace()
    {
        var write = await Call("run_python", """{"code": "open('note.txt', 'w').write('from a'); print('written')"}""", "session-a");
        var readOwn = await Call("run_python", """{"code": "print(open('note.txt').read())"}""", "session-a");
        var readOther = await Call("run_python", """{"code": "import os; print(os.listdir('.'))"}""", "session-b");

        Assert.Equal("written", write.Outcome!.Output.Trim());
        Assert.Equal("from a", readOwn.Outcome!.Output.Trim());
        Assert.Equal("[]", readOther.Outcome!.Output.Trim());
        Assert.Equal("from a", await File.ReadAllTextAsync(Path.Combine(_runner.WorkspaceOf("agent", "session-a"), "note.txt"), Ct));
    }

    [Fact]
    public async Task A_failing_command_is_a_failed_outcome_with_its_exit_and_stderr()
    {
        var result = await Call("run_python", """{"code": "import sys; sys.exit('bad input')"}""");

        Assert.Equal(ToolStatus.Failed, result.Outcome!.Status);
        Assert.Equal("tool 'run_python' exited with code 1\nstderr: bad input", result.Outcome.Output);
    }

    [Fact]
    public async Task A_command_past_its_timeout_is_killed_and_reported_as_timed_out()
    {
        var result = await Call("run_python", """{"code": "import time; time.sleep(60)"}""");

        Assert.Equal(ToolStatus.TimedOut, result.Outcome!.Status);
        Assert.StartsWith("tool 'run_python' timed out: the wall-clock timeout (3 s) passed", result.Outcome.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_placeholder_argument_fails_without_running_anything()
    {
        var result = await Call("run_python", """{"script": "print(1)"}""");

        Assert.Equal(ToolStatus.Failed, result.Outcome!.Status);
        Assert.Equal("tool 'run_python': the command needs the argument 'code' as a string, number or boolean", result.Outcome.Output);
    }

    [Fact]
    public async Task Without_bubblewrap_the_gate_denies_the_call_and_names_what_is_missing()
    {
        var missing = new SandboxedToolRunner(new SandboxExecutor(new SandboxExecutorOptions { BubblewrapPath = "/nonexistent/bwrap" }), _root);
        var gate = GateBuilder.CreateDefault(new StaticPolicySource(PolicyLoader.Load(Yaml).GetPolicyOrThrow()), ToolCatalog.Empty, sandbox: missing).Build();

        var result = await gate.InvokeAsync(ToolCall.Create("shout", "{}", "s1", new Principal("agent")), Ct);

        Assert.Equal(DecisionKind.Deny, result.Decision.Kind);
        Assert.Equal("execution.sandbox_unavailable", result.Decision.Rule);
        Assert.Contains("bubblewrap is not installed", result.Decision.Reason, StringComparison.Ordinal);
        Assert.Null(result.Outcome);
    }

    private async Task<GateResult> Call(string tool, string arguments, string session = "s1") =>
        await _gate.InvokeAsync(ToolCall.Create(tool, arguments, session, new Principal("agent")), Ct);
}
