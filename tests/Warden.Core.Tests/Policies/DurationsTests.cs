using Warden.Policies;

namespace Warden.Tests.Policies;

public sealed class DurationsTests
{
    [Theory]
    [InlineData("500ms", 500)]
    [InlineData("5s", 5_000)]
    [InlineData("2m", 120_000)]
    [InlineData("1h", 3_600_000)]
    [InlineData("1m30s", 90_000)]
    [InlineData("1h2m3s4ms", 3_723_004)]
    [InlineData("1.5s", 1_500)]
    [InlineData(" 10s ", 10_000)]
    [InlineData("0s", 0)]
    public void Parses(string text, long milliseconds)
    {
        Assert.True(Durations.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), duration);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("5")]
    [InlineData("5 seconds")]
    [InlineData("5 s")]
    [InlineData("5S")]
    [InlineData("s")]
    [InlineData("-5s")]
    [InlineData("5d")]
    [InlineData("1.2.3s")]
    [InlineData("1mm")]
    [InlineData("999999999999h")]
    public void Refuses(string text)
    {
        Assert.False(Durations.TryParse(text, out _));
    }

    // Each part may be in range while their sum overflows TimeSpan: that is refused, not thrown,
    // and a policy with such a timeout gets a diagnostic.
    [Fact]
    public void Sum_of_parts_that_overflows_is_refused_not_thrown()
    {
        const string text = "400000000000000ms400000000000000ms400000000000000ms";

        Assert.False(Durations.TryParse(text, out _));
    }

    [Fact]
    public void Policy_with_an_overflowing_timeout_is_reported_not_thrown()
    {
        var result = PolicyLoader.Load("""
            tools:
              t:
                capability: documents.read
                timeout: 400000000000000ms400000000000000ms400000000000000ms
            """);

        Assert.Null(result.Policy);
        Assert.Contains(result.Errors, e => (e.Line, e.Column) == (4, 14));
    }
}
