using Microsoft.Extensions.Logging;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Warden.Gateway.Mcp;

/// <summary>
/// Relays an upstream's progress reports on a tool call to the agent that asked for them (the agent's
/// progress token), in order, as numbers only: the report's free-text message would reach the agent
/// without output inspection, so it is dropped. One report is sent at a time; reports that arrive
/// while one is being sent are coalesced into the latest (progress only grows), so an upstream that
/// floods reports cannot pile up work for a slow agent. An agent that has hung up simply gets no more.
/// </summary>
internal sealed class AgentProgress(McpServer agent, ProgressToken token, ILogger log) : IProgress<ProgressNotificationValue>
{
    /// <summary>How long the answer waits for the reports still being sent.</summary>
    public static readonly TimeSpan FlushTimeout = TimeSpan.FromSeconds(2);

    private readonly Lock _lock = new();
    private ProgressNotificationValue? _next;
    private Task _sending = Task.CompletedTask;
    private bool _running; // a sender is taking _next; set and cleared under _lock
    private bool _sealed;

    /// <inheritdoc />
    public void Report(ProgressNotificationValue value)
    {
        lock (_lock)
        {
            if (_sealed)
            {
                return; // the answer is on its way: a report now would trail it
            }

            _next = new ProgressNotificationValue { Progress = value.Progress, Total = value.Total };
            if (!_running)
            {
                _running = true;
                _sending = Task.Run(SendAllAsync);
            }
        }
    }

    /// <summary>
    /// Takes no more reports and waits (at most <see cref="FlushTimeout"/>) for those still being sent,
    /// so that none trails the call's answer.
    /// </summary>
    public async Task FlushAsync()
    {
        Task sending;
        lock (_lock)
        {
            _sealed = true;
            sending = _sending;
        }

        await Task.WhenAny(sending, Task.Delay(FlushTimeout)).ConfigureAwait(false);
    }

    private async Task SendAllAsync()
    {
        while (true)
        {
            ProgressNotificationValue value;
            lock (_lock)
            {
                if (_next is not { } next)
                {
                    _running = false;
                    return;
                }

                value = next;
                _next = null;
            }

            try
            {
                await agent.NotifyProgressAsync(token, value).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                // Whatever the agent's side did (hung up, closed its stream), the call's answer is unaffected.
                log.LogDebug("a progress report could not reach the agent: {Message}", e.Message);
            }
        }
    }
}
