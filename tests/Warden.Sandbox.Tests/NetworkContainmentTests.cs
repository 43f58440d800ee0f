using System.Net;
using System.Net.Sockets;
using Warden.Policies;
using static Warden.Sandbox.Tests.Support.Sandboxes;

namespace Warden.Sandbox.Tests;

/// <summary>Escape attempts through the network.</summary>
public sealed class NetworkContainmentTests
{
    private const string Connect = """
        import socket, sys
        try:
            s = socket.create_connection(("127.0.0.1", int(sys.argv[1]) if len(sys.argv) > 1 else PORT), timeout=3)
            print("connected")
        except OSError as e:
            print("refused:", e)
        """;

    [Fact]
    public async Task A_tcp_connection_to_a_host_listener_on_loopback_fails_with_network_none()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        var result = await Python(Connect.Replace("PORT", port.ToString()));

        Assert.StartsWith("refused:", result.Stdout.Trim(), StringComparison.Ordinal);
        Assert.Contains("Address family not supported", result.Stdout, StringComparison.Ordinal); // seccomp refuses AF_INET
        Assert.False(listener.Pending());
    }

    [Fact]
    public async Task The_network_namespace_holds_only_loopback()
    {
        var result = await Attempt("tail -n +3 /proc/net/dev | cut -d: -f1");

        Assert.Equal(["lo"], result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    [Fact]
    public async Task A_name_cannot_be_resolved()
    {
        var result = await Python("""
            import socket
            try:
                print(socket.getaddrinfo("example.com", 80))
            except OSError as e:
                print("failed:", e)
            """);

        Assert.StartsWith("failed:", result.Stdout.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_host_network_profile_reaches_the_listener_which_shows_what_none_prevents()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var accepted = listener.AcceptTcpClientAsync(Ct).AsTask();

        var result = await Python(Connect.Replace("PORT", port.ToString()), SandboxProfile.Default with { Network = "host" });

        Assert.Equal("connected", result.Stdout.Trim());
        using var client = await accepted.WaitAsync(TimeSpan.FromSeconds(5), Ct);
    }

    [Fact]
    public async Task Unix_sockets_still_work_inside_the_sandbox()
    {
        var result = await Python("""
            import socket
            a, b = socket.socketpair(socket.AF_UNIX)
            a.send(b"ping"); print(b.recv(4).decode())
            """);

        Assert.Equal("ping", result.Stdout.Trim());
    }
}
