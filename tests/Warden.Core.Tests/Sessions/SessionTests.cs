using Microsoft.Extensions.Time.Testing;
using Warden.Sessions;

namespace Warden.Tests.Sessions;

public sealed class SessionTests
{
    private static readonly DateTimeOffset Start = new(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);

    [Fact]
    public void Labels_only_grow_and_come_back_sorted()
    {
        var session = new Session("s", "agent", Start);

        session.AddLabels(["untrusted"]);
        session.AddLabels(["private", "untrusted"]);
        session.AddLabels([]);

        Assert.Equal(["private", "untrusted"], session.Labels);
        Assert.True(session.HasAll(["private", "untrusted"]));
        Assert.True(session.HasAll([]));
        Assert.False(session.HasAll(["private", "secret"]));
    }

    [Fact]
    public void Labels_are_a_copy()
    {
        var session = new Session("s", "agent", Start);
        session.AddLabels(["a"]);
        var before = session.Labels;

        session.AddLabels(["b"]);

        Assert.Equal(["a"], before);
        Assert.Equal(["a", "b"], session.Labels);
    }

    [Fact]
    public void Counters_start_at_zero_and_count_up()
    {
        var session = new Session("s", "agent", Start);
        Assert.Equal((0, 0), (session.ToolCalls, session.Turns));

        Assert.Equal(1, session.CountToolCall());
        Assert.Equal(2, session.CountToolCall());
        Assert.Equal(1, session.CountTurn());

        Assert.Equal((2, 1), (session.ToolCalls, session.Turns));
    }

    [Fact]
    public async Task Counters_are_thread_safe()
    {
        var session = new Session("s", "agent", Start);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 1000; i++)
            {
                session.CountToolCall();
                session.AddLabels([$"l{i % 10}"]);
            }
        }, TestContext.Current.CancellationToken)));

        Assert.Equal(8000, session.ToolCalls);
        Assert.Equal(10, session.Labels.Count);
    }

    [Fact]
    public void Ids_must_not_be_empty()
    {
        Assert.Throws<ArgumentException>(() => new Session("", "agent", Start));
        Assert.Throws<ArgumentException>(() => new Session("s", "", Start));
    }

    [Fact]
    public void Store_returns_the_same_session_and_keeps_its_first_owner()
    {
        var time = new FakeTimeProvider(Start);
        var store = new InMemorySessionStore(time);

        var first = store.GetOrCreate("s1", "alice");
        time.Advance(TimeSpan.FromMinutes(1));
        var again = store.GetOrCreate("s1", "mallory");

        Assert.Same(first, again);
        Assert.Equal("alice", again.AgentId);
        Assert.Equal(Start, again.StartedAt);
        Assert.Null(store.Find("s2"));
        Assert.Equal(Start.AddMinutes(1), store.GetOrCreate("s2", "bob").StartedAt);
    }
}
