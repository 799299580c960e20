using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Herald.Testing.Receivers;

/// <summary>
/// A raw TCP destination on 127.0.0.1 that misbehaves the way hung servers do (see <see cref="ToxicBehaviour"/>):
/// it keeps every connection open until disposed and counts the requests it read.
/// </summary>
public sealed class ToxicServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly ToxicBehaviour _behaviour;
    private readonly ConcurrentBag<Socket> _open = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private int _requests;

    public ToxicServer(ToxicBehaviour behaviour)
    {
        _behaviour = behaviour;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Requests => Volatile.Read(ref _requests);

    public string Url(string path) => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}{path}";

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        foreach (var socket in _open)
        {
            socket.Dispose();
        }

        try
        {
            await _accepting;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _open.Add(socket);
            _ = Task.Run(() => MisbehaveAsync(socket));
        }
    }

    /// <summary>Writes until the peer goes away (or 64 MB are out).</summary>
    private async Task FloodAsync(Socket socket)
    {
        var endless = _behaviour == ToxicBehaviour.EndlessBody;
        await socket.SendAsync(
            Encoding.ASCII.GetBytes(endless ? "HTTP/1.1 500 Internal Server Error\r\nTransfer-Encoding: chunked\r\n\r\n" : "HTTP/1.1 200 OK\r\n"),
            SocketFlags.None,
            _stop.Token);
        var piece = Encoding.ASCII.GetBytes(endless ? "400\r\n" + new string('x', 1024) + "\r\n" : "X-Filler: " + new string('y', 1000) + "\r\n");
        for (var sent = 0L; sent < 64L * 1024 * 1024; sent += piece.Length)
        {
            await socket.SendAsync(piece, SocketFlags.None, _stop.Token);
        }
    }

    private async Task MisbehaveAsync(Socket socket)
    {
        try
        {
            var buffer = new byte[64 * 1024];
            var received = new StringBuilder();
            while (!received.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
            {
                var read = await socket.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
                if (read == 0)
                {
                    return;
                }

                received.Append(Encoding.ASCII.GetString(buffer, 0, read));
            }

            Interlocked.Increment(ref _requests);
            var answer = _behaviour switch
            {
                ToxicBehaviour.StallBody or ToxicBehaviour.ResetMidBody => "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 1000\r\n\r\n0123456789",
                ToxicBehaviour.NeverClose => "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\nsome",
                _ => null,
            };
            if (answer is not null)
            {
                await socket.SendAsync(Encoding.ASCII.GetBytes(answer), SocketFlags.None, _stop.Token);
            }

            if (_behaviour is ToxicBehaviour.Reset or ToxicBehaviour.ResetMidBody)
            {
                // Linger 0: close sends RST instead of FIN.
                socket.LingerState = new LingerOption(true, 0);
                socket.Close();
                return;
            }

            if (_behaviour == ToxicBehaviour.SlowBody)
            {
                await socket.SendAsync(Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 10240\r\n\r\n"), SocketFlags.None, _stop.Token);
                var kibibyte = Encoding.ASCII.GetBytes(new string('s', 1024));
                for (var i = 0; i < 10; i++)
                {
                    await Task.Delay(100, _stop.Token);
                    await socket.SendAsync(kibibyte, SocketFlags.None, _stop.Token);
                }
            }

            if (_behaviour is ToxicBehaviour.EndlessBody or ToxicBehaviour.HugeHeaders)
            {
                await FloodAsync(socket);
                return;
            }

            // Keep the connection open, reading (and ignoring) whatever else arrives, until the test ends.
            while (await socket.ReceiveAsync(buffer, SocketFlags.None, _stop.Token) > 0)
            {
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }
}
