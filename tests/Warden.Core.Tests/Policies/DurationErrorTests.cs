using static Warden.Tests.Support.TestPolicy;

namespace Warden.Tests.Policies;

public sealed class DurationErrorTests
{
    [Fact]
    public void Timeout_in_words_is_not_a_duration()
    {
        var errors = Errors("""
            tools:
              t:
                capability: documents.read
                timeout: 5 seconds
            """);
        Assert.All(errors, e => Assert.Equal((4, 14, "tools.t.timeout"), (e.Line, e.Column, e.Path)));
        Assert.Contains(errors, e => e.Message.Contains("'5 seconds' is not a duration", StringComparison.Ordinal));
    }

    [Fact]
    public void Zero_timeout_is_refused()
    {
        var errors = Errors("""
            tools:
              t:
                capability: documents.read
                timeout: 0s
            """);
        Assert.All(errors, e => Assert.Equal((4, 14, "tools.t.timeout"), (e.Line, e.Column, e.Path)));
        Assert.Contains(errors, e => e.Message.Contains("'0s'", StringComparison.Ordinal) || e.Message.Contains("above 0", StringComparison.Ordinal));
    }

    [Fact]
    public void Timeout_above_ten_minutes_is_refused()
    {
        var error = SingleError("""
            tools:
              t:
                capability: documents.read
                timeout: 11m
            """);
        AssertAt(error, 4, 14, "timeout must be at most 10m", "tools.t.timeout");
    }

    [Fact]
    public void Bad_sandbox_cpu_duration_is_reported()
    {
        var error = SingleError("""
            tools:
              t:
                capability: system.modify
                sandbox:
                  cpu: fast
                command: [run]
            """);
        AssertAt(error, 5, 12, "'fast' is not a duration", "tools.t.sandbox.cpu");
    }

    [Fact]
    public void Bad_memory_size_is_reported()
    {
        var error = SingleError("""
            tools:
              t:
                capability: system.modify
                sandbox:
                  memory: lots
                command: [run]
            """);
        AssertAt(error, 5, 15, "memory must be a size such as 256MB, not 'lots'", "tools.t.sandbox.memory");
    }
}

public sealed class BadTimeoutReportedOnceTests
{
    [Theory]
    [InlineData("5 seconds")]
    [InlineData("0s")]
    public void Bad_timeout_is_reported_once(string timeout)
    {
        var errors = Warden.Tests.Support.TestPolicy.Errors($"""
            tools:
              t:
                capability: documents.read
                timeout: {timeout}
            """);

        Assert.Single(errors);
    }
}
