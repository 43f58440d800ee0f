using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Warden.Storage.Tests;

/// <summary>A real HTTP endpoint on loopback that records what is POSTed to it and answers with the statuses it is told.</summary>
internal sealed class WebhookReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<int> _statuses = new();
    private readonly Task _serving;

    public WebhookReceiver()
    {
        // A free port found, then bound: another process may take it in between, so try a few.
        for (var attempt = 1; ; attempt++)
        {
            Port = FreePort();
            Url = new Uri($"http://127.0.0.1:{Port}/alerts/");
            _listener.Prefixes.Clear();
            _listener.Prefixes.Add(Url.ToString());
            try
            {
                _listener.Start();
                break;
            }
            catch (HttpListenerException) when (attempt < 5)
            {
            }
        }

        _serving = Task.Run(ServeAsync);
    }

    public int Port { get; private set; }

    public Uri Url { get; private set; } = null!;

    public ConcurrentQueue<(Dictionary<string, string> Headers, byte[] Body, int Status)> Requests { get; } = new();

    /// <summary>The statuses the next requests get, in order (a 3xx with a Location on this receiver); 200 after them.</summary>
    public void AnswerNext(params int[] statuses)
    {
        foreach (var status in statuses)
        {
            _statuses.Enqueue(status);
        }
    }

    public void Dispose()
    {
        _listener.Close();
        try
        {
            _serving.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // Closing ends the loop with an exception.
        }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            var status = _statuses.TryDequeue(out var next) ? next : 200;
            var headers = context.Request.Headers.AllKeys.Where(k => k is not null).ToDictionary(k => k!, k => context.Request.Headers[k]!, StringComparer.OrdinalIgnoreCase);
            Requests.Enqueue((headers, body.ToArray(), status));
            context.Response.StatusCode = status;
            if (status is >= 300 and < 400)
            {
                context.Response.RedirectLocation = new Uri(Url, "moved").ToString(); // here again, so a followed redirect would show
            }

            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
