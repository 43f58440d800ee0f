using Warden.Auditing;
using Warden.Auditing.Anomalies;

namespace Warden.Tests.Auditing.Anomalies;

public sealed class AnomalyDetectorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 5, 4, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Midnight = new(2026, 5, 4, 0, 0, 0, TimeSpan.Zero);
    private static readonly AnomalySettings NoLearning = AnomalySettings.Default with { Learning = TimeSpan.Zero, NewTool = false };

    [Fact]
    public void A_rate_far_above_the_agents_own_baseline_is_an_anomaly_with_the_rates_as_evidence()
    {
        var detector = new AnomalyDetector(AnomalySettings.Default);
        // Two hours at two calls a minute: the baseline, and no anomaly.
        var at = T0;
        for (var i = 0; i < 240; i++, at = at.AddSeconds(30))
        {
            Assert.Empty(detector.Observe(Call("read_mail", at)));
        }

        // Then a call a second.
        var anomalies = new List<AuditEvent>();
        for (var i = 0; i < 120; i++, at = at.AddSeconds(1))
        {
            anomalies.AddRange(detector.Observe(Call("read_mail", at)));
        }

        var anomaly = Assert.Single(anomalies); // the cooldown holds the rest back
        Assert.Equal((AuditEventType.Anomaly, "anomaly.rate", "agent-1", "read_mail"), (anomaly.Type, anomaly.Rule, anomaly.AgentId, anomaly.Tool));
        var evidence = anomaly.Evidence!.Value;
        Assert.True(evidence.GetProperty("rate_per_minute").GetDouble() >= 30);
        Assert.True(evidence.GetProperty("rate_per_minute").GetDouble() > 5 * evidence.GetProperty("baseline_per_minute").GetDouble());
        Assert.Contains("calls tools at", anomaly.Reason, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(evidence.GetProperty("trigger").GetString()));
    }

    [Fact]
    public void A_steady_busy_agent_is_not_an_anomaly_however_fast_it_runs()
    {
        var detector = new AnomalyDetector(AnomalySettings.Default);
        var at = T0;
        var anomalies = new List<AuditEvent>();
        for (var i = 0; i < 20_000; i++, at = at.AddMilliseconds(500))
        {
            anomalies.AddRange(detector.Observe(Call("read_mail", at)));
        }

        Assert.Empty(anomalies);
    }

    [Fact]
    public void Bursts_of_failures_and_of_denials_are_anomalies_once_per_cooldown()
    {
        var detector = new AnomalyDetector(AnomalySettings.Default);
        var raised = new List<AuditEvent>();
        for (var i = 0; i < 4; i++)
        {
            raised.AddRange(detector.Observe(Call("run", T0.AddSeconds(i * 10)) with { Type = AuditEventType.Error }));
        }

        Assert.Empty(raised); // four within a minute: below the threshold of five
        raised.AddRange(detector.Observe(Call("run", T0.AddSeconds(45)) with { Type = AuditEventType.Error }));
        raised.AddRange(detector.Observe(Call("run", T0.AddSeconds(50)) with { Type = AuditEventType.Error }));
        for (var i = 0; i < 5; i++)
        {
            raised.AddRange(detector.Observe(Call("send_email", T0.AddSeconds(60 + i)) with { Type = AuditEventType.SecurityViolation, Decision = DecisionKind.Deny }));
        }

        Assert.Equal(["anomaly.failures", "anomaly.denials"], raised.Select(e => e.Rule));
        Assert.Equal(5, raised[0].Evidence!.Value.GetProperty("count").GetInt32());
        Assert.Equal(45, raised[0].Evidence!.Value.GetProperty("within_seconds").GetDouble());

        // After the cooldown the same burst is raised again.
        var later = T0.AddMinutes(10);
        var again = Enumerable.Range(0, 5).SelectMany(i => detector.Observe(Call("run", later.AddSeconds(i)) with { Type = AuditEventType.Error })).ToList();
        Assert.Equal("anomaly.failures", Assert.Single(again).Rule);
    }

    [Fact]
    public void Failures_spread_wider_than_the_window_are_no_burst()
    {
        var detector = new AnomalyDetector(AnomalySettings.Default);
        var raised = Enumerable.Range(0, 20).SelectMany(i => detector.Observe(Call("run", T0.AddSeconds(i * 20)) with { Type = AuditEventType.Error })).ToList();
        Assert.Empty(raised);
    }

    [Fact]
    public void The_first_call_of_a_new_tool_after_the_learning_period_is_an_anomaly_but_not_during_it()
    {
        var detector = new AnomalyDetector(AnomalySettings.Default with { Hours = false });
        Assert.Empty(detector.Observe(Call("read_mail", T0)));
        Assert.Empty(detector.Observe(Call("search", T0.AddMinutes(30)))); // still learning
        Assert.Empty(detector.Observe(Call("read_mail", T0.AddHours(2))));

        var anomaly = Assert.Single(detector.Observe(Call("send_email", T0.AddHours(2).AddMinutes(1))));
        Assert.Empty(detector.Observe(Call("send_email", T0.AddHours(2).AddMinutes(2))));

        Assert.Equal("anomaly.new_tool", anomaly.Rule);
        Assert.Equal(["read_mail", "search"], anomaly.Evidence!.Value.GetProperty("known_tools").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void Activity_in_an_hour_the_agent_was_never_active_is_an_anomaly_once_it_has_enough_history()
    {
        var detector = new AnomalyDetector(NoLearning with { HoursMinimum = 50 });
        // Ten working days, 9:00 to 16:59 UTC.
        for (var day = 0; day < 10; day++)
        {
            for (var hour = 9; hour < 17; hour++)
            {
                Assert.Empty(detector.Observe(Call("read_mail", Midnight.AddDays(day).AddHours(hour).AddMinutes(day))));
            }
        }

        var night = Midnight.AddDays(11).AddHours(3);
        var anomaly = Assert.Single(detector.Observe(Call("read_mail", night)));
        Assert.Equal("anomaly.hours", anomaly.Rule);
        Assert.Equal(3, anomaly.Evidence!.Value.GetProperty("hour_utc").GetInt32());
        Assert.Equal(Enumerable.Range(9, 8), anomaly.Evidence!.Value.GetProperty("active_hours_utc").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Empty(detector.Observe(Call("read_mail", Midnight.AddDays(12).AddHours(10))));
    }

    [Fact]
    public void Learning_from_history_raises_nothing_but_counts_as_the_baseline()
    {
        var detector = new AnomalyDetector(AnomalySettings.Default with { Hours = false });
        detector.Learn(Enumerable.Range(0, 5).Select(i => Call("run", T0.AddSeconds(i)) with { Type = AuditEventType.Error }));
        detector.Learn([Call("read_mail", T0.AddHours(-3))]);

        Assert.Equal(1, detector.AgentCount);
        Assert.Empty(detector.Observe(Call("read_mail", T0.AddMinutes(10))));
        Assert.Equal("anomaly.new_tool", Assert.Single(detector.Observe(Call("delete_file", T0.AddMinutes(11)))).Rule);
    }

    [Fact]
    public void An_anomaly_read_back_from_the_log_keeps_its_cooldown_after_a_restart()
    {
        var before = new AnomalyDetector(NoLearning);
        var history = Enumerable.Range(0, 5).Select(i => Call("run", T0.AddSeconds(i)) with { Type = AuditEventType.Error }).ToList();
        var raised = history.SelectMany(before.Observe).ToList();
        Assert.Single(raised);

        var after = new AnomalyDetector(NoLearning);
        after.Learn(history.Concat(raised));

        Assert.Empty(after.Observe(Call("run", T0.AddSeconds(6)) with { Type = AuditEventType.Error }));
        Assert.Single(after.Observe(Call("run", T0.AddMinutes(6)) with { Type = AuditEventType.Error }).Concat(
            Enumerable.Range(1, 4).SelectMany(i => after.Observe(Call("run", T0.AddMinutes(6).AddSeconds(i)) with { Type = AuditEventType.Error }))));
    }

    [Fact]
    public void Agents_are_judged_apart_and_nothing_is_raised_when_disabled_or_for_anomalies_themselves()
    {
        var detector = new AnomalyDetector(NoLearning);
        for (var i = 0; i < 4; i++)
        {
            Assert.Empty(detector.Observe(Call("run", T0.AddSeconds(i)) with { Type = AuditEventType.Error }));
            Assert.Empty(detector.Observe(Call("run", T0.AddSeconds(i)) with { AgentId = "agent-2", Type = AuditEventType.Error }));
        }

        detector.Settings = detector.Settings with { Enabled = false };
        Assert.Empty(detector.Observe(Call("run", T0.AddSeconds(5)) with { Type = AuditEventType.Error }));
        detector.Settings = detector.Settings with { Enabled = true };
        Assert.Empty(detector.Observe(Call("run", T0.AddSeconds(6)) with { Type = AuditEventType.Anomaly }));
        Assert.Single(detector.Observe(Call("run", T0.AddSeconds(7)) with { Type = AuditEventType.Error }));
    }

    [Fact]
    public async Task The_watching_store_records_each_anomaly_right_after_the_event_that_showed_it()
    {
        var inner = new InMemoryAuditStore();
        var store = new AnomalyWatchingAuditStore(inner, new AnomalyDetector(NoLearning));
        for (var i = 0; i < 5; i++)
        {
            await store.AppendAsync(Call("run", T0.AddSeconds(i)) with { Id = $"e{i}", Type = AuditEventType.Error }, TestContext.Current.CancellationToken);
        }

        var events = await store.QueryAsync(new AuditQuery(), TestContext.Current.CancellationToken);
        Assert.Equal(6, events.Count);
        Assert.Equal(AuditEventType.Anomaly, events[0].Type);
        Assert.Equal("e4", events[1].Id);
        Assert.Equal("e4", events[0].Evidence!.Value.GetProperty("trigger").GetString());
    }

    private static AuditEvent Call(string tool, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(at).ToString("N"),
        Timestamp = at,
        Type = AuditEventType.ToolCall,
        AgentId = "agent-1",
        SessionId = "s1",
        Tool = tool,
        Decision = DecisionKind.Allow,
        Rule = "roles.READER",
        Reason = "allowed",
    };
}
