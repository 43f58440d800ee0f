using Warden.Auditing;
using Warden.Auditing.Anomalies;
using static Warden.Tests.Support.TestPolicy;

namespace Warden.Tests.Policies;

public sealed class AuditPolicyTests
{
    [Fact]
    public void Anomaly_settings_and_webhooks_are_read_with_defaults_for_what_is_left_out()
    {
        var policy = Load("""
            anomalies:
              learning: 0
              rate_factor: 3.5
              failures: 8
              failure_window: 30s
              hours: false
            alerts:
              attempts: 5
              webhooks:
                soc: { url: "https://siem.example.com/hooks/warden", secret_env: SOC_SECRET }
                local: { url: "http://127.0.0.1:9000/alerts", secret_env: LOCAL_SECRET, types: [anomaly, error] }
            """);

        Assert.Equal(
            AnomalySettings.Default with { Learning = TimeSpan.Zero, RateFactor = 3.5, Failures = 8, FailureWindow = TimeSpan.FromSeconds(30), Hours = false },
            policy.Anomalies);
        Assert.Equal(5, policy.Alerts.Attempts);
        Assert.Equal(["soc", "local"], policy.Alerts.Webhooks.Select(w => w.Name));
        Assert.Equal(new Uri("https://siem.example.com/hooks/warden"), policy.Alerts.Webhooks[0].Url);
        Assert.Equal("SOC_SECRET", policy.Alerts.Webhooks[0].SecretVariable);
        Assert.Equal(["soc"], policy.Alerts.For(AuditEventType.SecurityViolation).Select(w => w.Name));
        Assert.Equal(["soc", "local"], policy.Alerts.For(AuditEventType.Anomaly).Select(w => w.Name));
        Assert.Equal(["local"], policy.Alerts.For(AuditEventType.Error).Select(w => w.Name));
        Assert.Empty(Load("mode: enforce").Alerts.Webhooks);
        Assert.Equal(AnomalySettings.Default, Load("mode: enforce").Anomalies);
    }

    [Theory]
    [InlineData("anomalies: { rate_factor: lots }", "expected a number above 0, not 'lots'", "anomalies.rate_factor")]
    [InlineData("anomalies: { new_tool: maybe }", "expected true or false, not 'maybe'", "anomalies.new_tool")]
    [InlineData("anomalies: { rate_window: 2h }", "baseline_window (01:00:00) must be longer than rate_window (02:00:00)", "anomalies.baseline_window")]
    [InlineData("anomalies: { spikes: 3 }", "unknown key 'spikes'", "anomalies.spikes")]
    [InlineData("alerts: { webhooks: { soc: { url: 'http://siem.example.com/x', secret_env: S } } }", "would send alerts in clear text", "alerts.webhooks.soc.url")]
    [InlineData("alerts: { webhooks: { soc: { url: 'ftp://x', secret_env: S } } }", "is not an http(s) URL", "alerts.webhooks.soc.url")]
    [InlineData("alerts: { webhooks: { soc: { url: 'https://x' } } }", "needs secret_env", "alerts.webhooks.soc")]
    [InlineData("alerts: { webhooks: { soc: { url: 'https://x', secret_env: 'my secret' } } }", "must name an environment variable", "alerts.webhooks.soc.secret_env")]
    [InlineData("alerts: { webhooks: { soc: { url: 'https://x', secret_env: S, types: [violations] } } }", "unknown event type 'violations'", "alerts.webhooks.soc.types")]
    [InlineData("alerts: { webhooks: { soc: { url: 'https://x', secret_env: S, types: [] } } }", "takes no event types", "alerts.webhooks.soc.types")]
    [InlineData("alerts: { timeout: 30m }", "alerts.timeout must be between 100ms and 5m", "alerts.timeout")]
    [InlineData("alerts: { max_backoff: 48h }", "alerts.max_backoff must be between 1s and 24h", "alerts.max_backoff")]
    public void Bad_anomaly_and_alert_settings_are_reported_where_they_are(string yaml, string fragment, string path)
    {
        var error = SingleError(yaml);
        Assert.Contains(fragment, error.Message, StringComparison.Ordinal);
        Assert.Equal(path, error.Path);
    }
}
