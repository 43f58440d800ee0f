using Warden.Resilience.Breakers;
using static Warden.Tests.Support.TestPolicy;

namespace Warden.Tests.Policies;

public sealed class BreakerPolicyTests
{
    [Fact]
    public void Settings_apply_tool_over_agent_over_top_level_over_the_briefs_defaults()
    {
        var policy = Load("""
            breaker: { failures: 4, open_for: 2m }
            agents:
              a: { role: READER, breaker: { failures: 6, denials: 3 }, limits: { concurrent_calls: 2 } }
              b: { role: READER }
            tools:
              search: { capability: internet.browse, breaker: { loop_repeats: 3, loop_window: 30s } }
            """);

        Assert.Equal(BreakerSettings.Default with { Failures = 4, OpenFor = TimeSpan.FromMinutes(2) }, policy.BreakerFor("b"));
        Assert.Equal(BreakerSettings.Default with { Failures = 6, OpenFor = TimeSpan.FromMinutes(2), Denials = 3 }, policy.BreakerFor("a"));
        Assert.Equal(
            BreakerSettings.Default with { Failures = 6, OpenFor = TimeSpan.FromMinutes(2), Denials = 3, LoopRepeats = 3, LoopWindow = TimeSpan.FromSeconds(30) },
            policy.BreakerFor("a", "search"));
        Assert.Equal(2, policy.Agents["a"].Limits.ConcurrentCalls);
        Assert.Equal(BreakerSettings.Default, Load("mode: enforce").BreakerFor("anyone", "anything"));
    }

    [Theory]
    [InlineData("failures: 0", 1, 22, "expected a whole number above 0, not '0'", "breaker.failures")]
    [InlineData("open_for: soon", 1, 22, "'soon' is not a duration", "breaker.open_for")]
    [InlineData("loop_repeats: 1", 1, 26, "loop_repeats must be 2 to 64", "breaker.loop_repeats")]
    [InlineData("trips: 3", 1, 12, "unknown key 'trips'", "breaker.trips")]
    public void Bad_breaker_settings_are_reported_where_they_are(string field, int line, int column, string fragment, string path)
    {
        var error = SingleError($"breaker: {{ {field} }}");
        AssertAt(error, line, column, fragment, path);
    }
}
