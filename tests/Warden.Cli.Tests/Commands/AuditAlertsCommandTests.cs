using System.Text.Json;
using Warden.Auditing.Alerts;
using Warden.Storage.Tests;

namespace Warden.Cli.Tests.Commands;

public sealed class AuditAlertsCommandTests
{
    [Fact]
    public async Task The_demos_violations_and_anomaly_wait_in_the_outbox_and_are_delivered_signed_once()
    {
        using var receiver = new WebhookReceiver();
        var (data, policy) = SamplePolicyAlertingTo(receiver);
        var secret = new Dictionary<string, string> { ["TEST_SOC_SECRET"] = "soc-signing-secret" };

        Assert.Equal(0, (await WardenProcess.RunAsync("demo", "--data", data, "--policy", policy)).ExitCode);
        var before = await WardenProcess.RunAsync("audit", "alerts", "--data", data, "--json");
        var withoutSecret = await WardenProcess.RunAsync("audit", "alerts", "--data", data, "--deliver", "--policy", policy);
        await Task.Delay(TimeSpan.FromSeconds(1.2), TestContext.Current.CancellationToken); // the failed try's back-off
        var delivered = await WardenProcess.RunAsync(secret, "audit", "alerts", "--data", data, "--deliver", "--policy", policy, "--json");
        var again = await WardenProcess.RunAsync(secret, "audit", "alerts", "--data", data, "--deliver", "--policy", policy, "--json");

        using var pending = JsonDocument.Parse(before.Stdout);
        var queued = pending.RootElement.GetProperty("pending").GetInt32();
        Assert.True(queued >= 3, before.Stdout); // the demo's security violations and its anomaly
        Assert.Equal(1, withoutSecret.ExitCode);
        Assert.Contains("the environment variable TEST_SOC_SECRET", withoutSecret.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, delivered.ExitCode);
        using var first = JsonDocument.Parse(delivered.Stdout);
        Assert.Equal(queued, first.RootElement.GetProperty("delivered_now").GetInt32());
        using var second = JsonDocument.Parse(again.Stdout);
        Assert.Equal(0, second.RootElement.GetProperty("delivered_now").GetInt32());
        Assert.Equal(queued, second.RootElement.GetProperty("delivered").GetInt32());

        var received = receiver.Requests.Where(r => r.Status == 200).ToList();
        Assert.Equal(queued, received.Count);
        Assert.Equal(queued, received.Select(r => r.Headers[WebhookSignature.EventIdHeader]).Distinct().Count());
        Assert.All(received, r => Assert.True(WebhookSignature.Verify(
            "soc-signing-secret", long.Parse(r.Headers[WebhookSignature.TimestampHeader], System.Globalization.CultureInfo.InvariantCulture), r.Body, r.Headers[WebhookSignature.Header])));
        var types = received.Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("event").GetProperty("type").GetString()).ToHashSet();
        Assert.Equal(new HashSet<string?> { "SECURITY_VIOLATION", "ANOMALY" }, types);
    }

    [Fact]
    public async Task Alerts_given_up_are_made_pending_again_by_retry_failed()
    {
        using var receiver = new WebhookReceiver();
        var (data, policy) = SamplePolicyAlertingTo(receiver, attempts: 1);
        Assert.Equal(0, (await WardenProcess.RunAsync("demo", "--data", data, "--policy", policy)).ExitCode);

        var failed = await WardenProcess.RunAsync("audit", "alerts", "--data", data, "--deliver", "--policy", policy, "--json");
        var retried = await WardenProcess.RunAsync("audit", "alerts", "--data", data, "--retry-failed", "--json");

        using var afterFailure = JsonDocument.Parse(failed.Stdout);
        Assert.Equal(1, afterFailure.RootElement.GetProperty("failed").GetInt32()); // the pass stopped at the webhook's first failure
        using var afterRetry = JsonDocument.Parse(retried.Stdout);
        Assert.Equal(1, afterRetry.RootElement.GetProperty("retried").GetInt32());
        Assert.Equal(0, afterRetry.RootElement.GetProperty("failed").GetInt32());
        Assert.Equal(afterFailure.RootElement.GetProperty("pending").GetInt32() + 1, afterRetry.RootElement.GetProperty("pending").GetInt32());
    }

    /// <summary>A data folder (not made yet) and the sample policy with an alerts: block naming <paramref name="receiver"/> as "soc".</summary>
    private static (string Data, string Policy) SamplePolicyAlertingTo(WebhookReceiver receiver, int attempts = 12)
    {
        var folder = WardenProcess.TempFolder();
        var policy = Path.Combine(folder, "policy.yaml");
        File.WriteAllText(policy, File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "samples", "policy.yaml")) + $$"""

            alerts:
              attempts: {{attempts}}
              webhooks:
                soc: { url: "{{receiver.Url}}", secret_env: TEST_SOC_SECRET }
            """);
        return (Path.Combine(folder, "data"), policy);
    }
}
