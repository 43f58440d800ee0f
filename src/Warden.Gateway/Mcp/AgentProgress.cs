using Microsoft.Extensions.Logging;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Warden.Gateway.Mcp;

/// <summary>
/// Relays an upstream's progress reports on a tool call to the agent that asked for them (the agent's
/// progress token), in order, as numbers only: the report's free-text message would reach the agent
/// without output inspection, so it is dropped. An agent that has hung up simply gets no more reports.
/// </summary>
internal sealed class AgentProgress(McpServer agent, ProgressToken token, ILogger log) : IProgress<ProgressNotificationValue>
{
    private readonly Lock _lock = new();
    private Task _sent = Task.CompletedTask;

    /// <inheritdoc />
    public void Report(ProgressNotificationValue value)
    {
        var numbers = new ProgressNotificationValue { Progress = value.Progress, Total = value.Total };
        lock (_lock)
        {
            _sent = _sent.ContinueWith(_ => SendAsync(numbers), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).Unwrap();
        }
    }

    /// <summary>Completes once every report made so far has been sent (or given up), so that none trails the call's answer.</summary>
    public Task FlushAsync()
    {
        lock (_lock)
        {
            return _sent;
        }
    }

    private async Task SendAsync(ProgressNotificationValue value)
    {
        try
        {
            await agent.NotifyProgressAsync(token, value).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
        {
            log.LogDebug("a progress report could not reach the agent: {Message}", e.Message);
        }
    }
}
