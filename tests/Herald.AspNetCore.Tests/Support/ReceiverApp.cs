using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Herald.AspNetCore.Tests.Support;

/// <summary>
/// A real ASP.NET Core app on 127.0.0.1 (Kestrel, port 0, slim builder) with routes protected by the receiver:
/// <list type="bullet">
/// <item><c>POST /hooks/raw</c>: <c>RequireHeraldSignature()</c>, reads the body itself;</item>
/// <item><c>POST /hooks/typed</c>: <c>RequireHeraldSignature()</c>, binds <see cref="OrderPaid"/> from the body;</item>
/// <item><c>POST /group/{name}</c>: a group with <c>RequireHeraldSignature()</c>;</item>
/// <item><c>POST /once/{name}</c>: a group with <c>WithIdempotency()</c> then <c>RequireHeraldSignature()</c>, whose
/// handler does what <see cref="Behave"/> said for that name.</item>
/// </list>
/// A middleware in front records every request (headers and body, before verification) and the status answered, so a
/// test can replay a captured delivery.
/// </summary>
public sealed class ReceiverApp : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<CapturedRequest> _captured = new();
    private readonly ConcurrentQueue<HandledRequest> _handled = new();
    private readonly ConcurrentDictionary<string, Func<int, Task<IResult>>> _behaviors = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _runs = new(StringComparer.Ordinal);
    private readonly HttpClient _http = new();

    private ReceiverApp(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<ReceiverApp> StartAsync(
        Action<HeraldReceiverOptions> receiver,
        Action<IServiceCollection>? services = null,
        TimeProvider? timeProvider = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        if (timeProvider is not null)
        {
            builder.Services.AddSingleton(timeProvider);
        }

        builder.Services.AddHeraldReceiver(receiver);
        builder.Services.AddHeraldIdempotency();
        services?.Invoke(builder.Services);

        var app = builder.Build();
        ReceiverApp? self = null;
        app.Use(async (context, next) =>
        {
            var captured = await CaptureAsync(context.Request);
            self!._captured.Enqueue(captured);
            try
            {
                await next(context);
                captured.Status = context.Response.StatusCode;
            }
            catch
            {
                // The server answers an unhandled exception with 500.
                captured.Status = StatusCodes.Status500InternalServerError;
                throw;
            }
        });
        app.MapPost("/hooks/raw", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            self!.Record(request, await reader.ReadToEndAsync());
            return Results.Ok();
        }).RequireHeraldSignature();
        app.MapPost("/hooks/typed", (OrderPaid order, HttpRequest request) =>
        {
            self!.Record(request, $"{order.OrderId}:{order.Amount}");
            return Results.Ok();
        }).RequireHeraldSignature();
        var group = app.MapGroup("/group").RequireHeraldSignature();
        group.MapPost("/{name}", (string name, HttpRequest request) =>
        {
            self!.Record(request, name);
            return Results.Ok();
        });
        var once = app.MapGroup("/once").WithIdempotency().RequireHeraldSignature();
        once.MapPost("/{name}", (string name, HttpRequest request) => self!.RunAsync(name, request));

        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        self = new ReceiverApp(app, new Uri(address));
        return self;
    }

    /// <summary>The full URL of <paramref name="path"/> on this app.</summary>
    public string Url(string path) => new Uri(BaseAddress, path).ToString();

    /// <summary>What <c>/once/{name}</c> does on its n-th run (1-based); 200 unless told.</summary>
    public void Behave(string name, Func<int, Task<IResult>> behavior) => _behaviors[name] = behavior;

    public IReadOnlyList<HandledRequest> Handled(string path) => _handled.Where(h => h.Path == path).ToList();

    public IReadOnlyList<CapturedRequest> Captured(string path) => _captured.Where(c => c.Path == path).ToList();

    /// <summary>Waits until <paramref name="path"/> was requested <paramref name="count"/> times and answered; returns those requests.</summary>
    public async Task<IReadOnlyList<CapturedRequest>> AnsweredAsync(string path, int count = 1)
    {
        await Eventually.TrueAsync(() => Captured(path).Count(c => c.Status != 0) >= count, $"{count} answered request(s) to {path}");
        return Captured(path);
    }

    /// <summary>Waits until the handler of <paramref name="path"/> ran <paramref name="count"/> times.</summary>
    public async Task<IReadOnlyList<HandledRequest>> HandledAsync(string path, int count = 1)
    {
        await Eventually.TrueAsync(() => Handled(path).Count >= count, $"{count} handler run(s) for {path}");
        return Handled(path);
    }

    /// <summary>Sends a captured request again (to <paramref name="path"/>, by default its own), optionally changed.</summary>
    public async Task<HttpResponseMessage> ReplayAsync(
        CapturedRequest captured,
        string? path = null,
        byte[]? body = null,
        Func<string, bool>? dropHeader = null,
        IReadOnlyDictionary<string, string>? setHeaders = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Url(path ?? captured.Path))
        {
            Content = new ByteArrayContent(body ?? captured.Body),
        };
        foreach (var (name, value) in captured.Headers)
        {
            if (IsTransportHeader(name) || dropHeader?.Invoke(name) == true || setHeaders?.ContainsKey(name) == true)
            {
                continue;
            }

            if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                request.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        foreach (var (name, value) in setHeaders ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return await _http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static bool IsTransportHeader(string name) =>
        name.Equals("Host", StringComparison.OrdinalIgnoreCase)
        || name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)
        || name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase)
        || name.Equals("Connection", StringComparison.OrdinalIgnoreCase);

    private static async Task<CapturedRequest> CaptureAsync(HttpRequest request)
    {
        request.EnableBuffering();
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body);
        request.Body.Position = 0;
        return new CapturedRequest
        {
            Path = request.Path.Value ?? "",
            Headers = request.Headers.SelectMany(h => h.Value.Select(v => new KeyValuePair<string, string>(h.Key, v ?? ""))).ToList(),
            Body = body.ToArray(),
        };
    }

    private async Task<IResult> RunAsync(string name, HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        Record(request, await reader.ReadToEndAsync());
        var run = _runs.AddOrUpdate(name, 1, static (_, n) => n + 1);
        return _behaviors.TryGetValue(name, out var behavior) ? await behavior(run) : Results.Ok();
    }

    private void Record(HttpRequest request, string body) =>
        _handled.Enqueue(new HandledRequest(request.Path.Value ?? "", request.Headers["Upstash-Message-Id"].ToString(), body));
}
