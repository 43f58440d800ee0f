using System.Collections.Concurrent;
using System.Text.Json;
using System.Threading.Channels;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Warden.Gateway.Upstreams;

/// <summary>
/// Wraps an upstream's transport and reads its incoming messages in the order they arrive: a progress
/// notification whose token the gateway registered goes to that call's sink right there, before any
/// later message (the call's answer among them) is passed on to the MCP client. The client itself
/// handles each incoming message on its own task, so its progress callbacks can trail the answer;
/// routed here, every report an upstream sent before answering is delivered before the answer.
/// </summary>
internal sealed class ProgressRoutingTransport(IClientTransport inner) : IClientTransport
{
    private readonly ConcurrentDictionary<string, IProgress<ProgressNotificationValue>> _sinks = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public string Name => inner.Name;

    /// <summary>Sends the upstream's progress reports for <paramref name="token"/> to <paramref name="sink"/> until the returned value is disposed.</summary>
    public IDisposable Register(string token, IProgress<ProgressNotificationValue> sink)
    {
        _sinks[token] = sink;
        return new Registration(_sinks, token);
    }

    /// <inheritdoc />
    public async Task<ITransport> ConnectAsync(CancellationToken cancellationToken = default) =>
        new Session(await inner.ConnectAsync(cancellationToken).ConfigureAwait(false), _sinks);

    private sealed class Registration(ConcurrentDictionary<string, IProgress<ProgressNotificationValue>> sinks, string token) : IDisposable
    {
        public void Dispose() => sinks.TryRemove(token, out _);
    }

    private sealed class Session : ITransport
    {
        private readonly ITransport _inner;
        private readonly ConcurrentDictionary<string, IProgress<ProgressNotificationValue>> _sinks;
        private readonly Channel<JsonRpcMessage> _passed = Channel.CreateUnbounded<JsonRpcMessage>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        private readonly Task _pump;

        public Session(ITransport inner, ConcurrentDictionary<string, IProgress<ProgressNotificationValue>> sinks)
        {
            _inner = inner;
            _sinks = sinks;
            _pump = PumpAsync();
        }

        public ChannelReader<JsonRpcMessage> MessageReader => _passed.Reader;

        public string? SessionId => _inner.SessionId;

        public Task SendMessageAsync(JsonRpcMessage message, CancellationToken cancellationToken = default) => _inner.SendMessageAsync(message, cancellationToken);

        public async ValueTask DisposeAsync()
        {
            await _inner.DisposeAsync().ConfigureAwait(false);
            await _pump.ConfigureAwait(false);
        }

        private async Task PumpAsync()
        {
            try
            {
                await foreach (var message in _inner.MessageReader.ReadAllAsync().ConfigureAwait(false))
                {
                    if (!Routed(message))
                    {
                        await _passed.Writer.WriteAsync(message).ConfigureAwait(false);
                    }
                }

                _passed.Writer.TryComplete();
            }
            catch (Exception e)
            {
                _passed.Writer.TryComplete(e);
            }
        }

        /// <summary>True when <paramref name="message"/> is a progress report for a registered token (handed to its sink).</summary>
        private bool Routed(JsonRpcMessage message)
        {
            if (message is not JsonRpcNotification { Method: NotificationMethods.ProgressNotification, Params: { } parameters })
            {
                return false;
            }

            ProgressNotificationParams? progress;
            try
            {
                progress = JsonSerializer.Deserialize<ProgressNotificationParams>(parameters, McpJsonUtilities.DefaultOptions);
            }
            catch (JsonException)
            {
                return false;
            }

            if (progress?.ProgressToken.Token is not string token || !_sinks.TryGetValue(token, out var sink))
            {
                return false;
            }

            sink.Report(progress.Progress);
            return true;
        }
    }
}
