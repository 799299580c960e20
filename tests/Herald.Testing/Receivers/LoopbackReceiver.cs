using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Herald.Testing.Receivers;

/// <summary>
/// A real HTTP receiver on 127.0.0.1 (Kestrel, random port) that records every request and answers per path with
/// what the test says (default 200).
/// </summary>
public sealed class LoopbackReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedRequest> _requests = new();
    private readonly ConcurrentDictionary<string, int> _attempts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Func<ReceivedRequest, ReceiverResponse>> _responders = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _arrived = new(0);
    private readonly ConcurrentDictionary<string, int> _inFlight = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _maxInFlight = new(StringComparer.Ordinal);

    private LoopbackReceiver(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    public IReadOnlyCollection<ReceivedRequest> Requests => _requests.ToArray();

    public static async Task<LoopbackReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
        var app = builder.Build();
        var receiver = new LoopbackReceiver(app);
        app.Run(receiver.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.BaseAddress = new Uri(address);
        return receiver;
    }

    /// <summary>The full URL of <paramref name="pathAndQuery"/> on this receiver.</summary>
    public string Url(string pathAndQuery) => new Uri(BaseAddress, pathAndQuery).ToString();

    public void Respond(string path, Func<ReceivedRequest, ReceiverResponse> responder) => _responders[path] = responder;

    /// <summary>The most requests to paths starting with <paramref name="pathPrefix"/> that were being answered at once.</summary>
    public int MaxConcurrent(string pathPrefix) =>
        _maxInFlight.Where(p => p.Key.StartsWith(pathPrefix, StringComparison.Ordinal)).Select(p => p.Value).DefaultIfEmpty(0).Max();

    public void Respond(string path, ReceiverResponse response) => _responders[path] = _ => response;

    public IReadOnlyList<ReceivedRequest> For(string path) =>
        _requests.Where(r => r.PathAndQuery.Split('?')[0] == path).ToList();

    /// <summary>Waits until <paramref name="predicate"/> holds over the recorded requests, or fails after the timeout.</summary>
    public async Task<IReadOnlyList<ReceivedRequest>> WaitForAsync(Func<IReadOnlyList<ReceivedRequest>, bool> predicate, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (true)
        {
            var snapshot = _requests.ToList();
            if (predicate(snapshot))
            {
                return snapshot;
            }

            try
            {
                await _arrived.WaitAsync(TimeSpan.FromMilliseconds(100), cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"receiver condition not met within {timeout}; {snapshot.Count} requests so far: " +
                    string.Join(", ", snapshot.Take(20).Select(r => r.Method + " " + r.PathAndQuery)));
            }
        }
    }

    public Task<IReadOnlyList<ReceivedRequest>> WaitForCountAsync(string path, int count, TimeSpan? timeout = null) =>
        WaitForAsync(all => all.Count(r => r.PathAndQuery.Split('?')[0] == path) >= count, timeout ?? TimeSpan.FromSeconds(15));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _arrived.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        var path = context.Request.Path.Value ?? "/";
        var attempt = _attempts.AddOrUpdate(path, 1, (_, n) => n + 1);
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var pathAndQuery = path + context.Request.QueryString;
        var request = new ReceivedRequest(
            context.Request.Method,
            pathAndQuery,
            $"{BaseAddress.GetLeftPart(UriPartial.Authority)}{pathAndQuery}",
            headers,
            body.ToArray(),
            TimeProvider.System.GetUtcNow(),
            attempt);

        var response = _responders.TryGetValue(path, out var responder) ? responder(request) : ReceiverResponse.Ok;

        // Recorded on arrival: a request counts as received even if its answer is delayed or aborted.
        _requests.Enqueue(request);
        _arrived.Release();
        var group = GroupOf(path);
        var now = _inFlight.AddOrUpdate(group, 1, (_, n) => n + 1);
        _maxInFlight.AddOrUpdate(group, now, (_, max) => Math.Max(max, now));
        try
        {
            await AnswerAsync(context, response);
        }
        finally
        {
            _inFlight.AddOrUpdate(group, 0, (_, n) => n - 1);
        }
    }

    /// <summary>Concurrency is counted per first path segment (<c>/fifo/1</c> and <c>/fifo/2</c> count together).</summary>
    private static string GroupOf(string path)
    {
        var second = path.IndexOf('/', 1);
        return second < 0 ? path : path[..second];
    }

    private static async Task AnswerAsync(HttpContext context, ReceiverResponse response)
    {
        if (response.Delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(response.Delay, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        context.Response.StatusCode = response.Status;
        foreach (var (name, value) in response.Headers ?? new Dictionary<string, string>())
        {
            context.Response.Headers[name] = value;
        }

        await context.Response.WriteAsync(response.Body);
    }
}
