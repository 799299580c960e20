using System.Net;
using Herald.Bench.Measuring;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Herald.Bench.Receiving;

/// <summary>
/// The fast receiver: Kestrel on 127.0.0.1 (random port) doing the least it can. It drains the body, records the
/// first 2xx receipt per <c>Upstash-Message-Id</c> in a <see cref="ReceiptTable"/>, and answers 200 (or 500 for the
/// table's failing fraction of first attempts) with an empty body. <c>/warmup</c> requests are only counted.
/// </summary>
internal sealed class BenchReceiver : IAsyncDisposable
{
    public const string HookPath = "/hook";
    public const string WarmupPath = "/warmup";
    public const string MessageIdHeader = "Upstash-Message-Id";

    private readonly WebApplication _app;
    private int _warmup;
    private int _missingId;

    private BenchReceiver(WebApplication app, ReceiptTable table)
    {
        _app = app;
        Table = table;
    }

    public Uri BaseAddress { get; private set; } = null!;

    public ReceiptTable Table { get; }

    /// <summary>Requests to <see cref="WarmupPath"/>.</summary>
    public int WarmupCount => Volatile.Read(ref _warmup);

    /// <summary>Requests without a message id (answered 400).</summary>
    public int MissingIdCount => Volatile.Read(ref _missingId);

    public static async Task<BenchReceiver> StartAsync(int expectedIds, double failFraction, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, 0);
        });
        var app = builder.Build();
        var receiver = new BenchReceiver(app, new ReceiptTable(expectedIds, failFraction));
        app.Run(receiver.HandleAsync);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.BaseAddress = new Uri(address);
        return receiver;
    }

    /// <summary>The absolute URL of <paramref name="path"/> on this receiver, as a publish destination.</summary>
    public string Url(string path) => BaseAddress.GetLeftPart(UriPartial.Authority) + path;

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var receivedAt = Clock.Now();
        var receivedWallMs = Clock.WallUnixMs();
        var reader = context.Request.BodyReader;
        while (true)
        {
            var read = await reader.ReadAsync(context.RequestAborted);
            reader.AdvanceTo(read.Buffer.End);
            if (read.IsCompleted)
            {
                break;
            }
        }

        if (string.Equals(context.Request.Path.Value, WarmupPath, StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _warmup);
            context.Response.StatusCode = StatusCodes.Status200OK;
            return;
        }

        var id = context.Request.Headers[MessageIdHeader].ToString();
        if (id.Length == 0)
        {
            Interlocked.Increment(ref _missingId);
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        context.Response.StatusCode = Table.Record(id, receivedAt, receivedWallMs);
    }
}
