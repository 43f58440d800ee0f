using Warden.Auditing;
using Warden.Tests.Support;
using Warden.Tools;

namespace Warden.Tests.Stages;

public sealed class ExecutionTimeoutTests
{
    private const string OneSecond = """
        agents:
          agent: { role: READER }
        tools:
          slow: { capability: documents.read, timeout: 1s }
        """;

    [Fact(Timeout = 60_000)]
    public async Task Tool_that_honours_its_token_times_out_when_the_clock_passes_the_timeout()
    {
        var probe = new Probe();
        var tool = InProcessTool.Create("slow", async (_, token) =>
        {
            probe.Started(token);
            await Task.Delay(Timeout.Infinite, token);
            return ToolResult.Ok("never");
        });
        var harness = new GateHarness(OneSecond, [tool]);

        var pending = harness.InvokeAsync("slow").AsTask();
        await probe.WhenStarted;
        harness.Time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.False(probe.Token.IsCancellationRequested);
        Assert.False(pending.IsCompleted);
        harness.Time.Advance(TimeSpan.FromMilliseconds(2));
        var result = await pending.WaitAsync(TestContext.Current.CancellationToken);

        Assert.True(probe.Token.IsCancellationRequested);
        Assert.True(result.Decision.IsAllowed);
        Assert.Equal(ToolStatus.TimedOut, result.Outcome!.Status);
        Assert.Equal("tool 'slow' timed out after 1 s and was cancelled", result.Outcome.Output);
        Assert.Equal(TimeSpan.FromMilliseconds(1001), result.Outcome.Duration);
        Assert.False(result.Succeeded);
    }

    [Fact(Timeout = 60_000)]
    public async Task Tool_that_ignores_its_token_is_still_reported_as_timed_out()
    {
        var probe = new Probe();
        var never = new TaskCompletionSource<ToolResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var tool = InProcessTool.Create("slow", (_, token) =>
        {
            probe.Started(token);
            return new ValueTask<ToolResult>(never.Task);
        });
        var harness = new GateHarness(OneSecond, [tool]);

        var pending = harness.InvokeAsync("slow").AsTask();
        await probe.WhenStarted;
        harness.Time.Advance(TimeSpan.FromSeconds(1.5));
        var result = await pending.WaitAsync(TestContext.Current.CancellationToken);

        Assert.True(probe.Token.IsCancellationRequested);
        Assert.Equal(ToolStatus.TimedOut, result.Outcome!.Status);
        var audit = Assert.Single(await harness.EventsAsync());
        Assert.Equal((AuditEventType.Error, ToolStatus.TimedOut), (audit.Type, audit.ToolStatus));
    }

    [Fact(Timeout = 60_000)]
    public async Task Default_timeout_is_five_seconds()
    {
        var probe = new Probe();
        var tool = InProcessTool.Create("slow", async (_, token) =>
        {
            probe.Started(token);
            await Task.Delay(Timeout.Infinite, token);
            return ToolResult.Ok("never");
        });
        var harness = new GateHarness("""
            agents:
              agent: { role: READER }
            tools:
              slow: { capability: documents.read }
            """, [tool]);

        var pending = harness.InvokeAsync("slow").AsTask();
        await probe.WhenStarted;
        harness.Time.Advance(TimeSpan.FromMilliseconds(4999));
        Assert.False(probe.Token.IsCancellationRequested);
        harness.Time.Advance(TimeSpan.FromMilliseconds(1));
        var result = await pending.WaitAsync(TestContext.Current.CancellationToken);

        Assert.True(probe.Token.IsCancellationRequested);
        Assert.Equal(ToolStatus.TimedOut, result.Outcome!.Status);
        Assert.Contains("after 5 s", result.Outcome.Output, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task Caller_cancellation_is_reported_as_cancelled_not_timed_out()
    {
        var probe = new Probe();
        var tool = InProcessTool.Create("slow", async (_, token) =>
        {
            probe.Started(token);
            await Task.Delay(Timeout.Infinite, token);
            return ToolResult.Ok("never");
        });
        var harness = new GateHarness(OneSecond, [tool]);
        using var caller = new CancellationTokenSource();

        var pending = harness.Gate.InvokeAsync(GateHarness.Call("slow"), caller.Token).AsTask();
        await probe.WhenStarted;
        await caller.CancelAsync();
        var result = await pending.WaitAsync(TestContext.Current.CancellationToken);

        Assert.Equal(ToolStatus.Cancelled, result.Outcome!.Status);
    }

    private sealed class Probe
    {
        private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public CancellationToken Token { get; private set; }

        public Task WhenStarted => _started.Task.WaitAsync(TestContext.Current.CancellationToken);

        public void Started(CancellationToken token)
        {
            Token = token;
            _started.TrySetResult();
        }
    }
}
