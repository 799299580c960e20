using System.Globalization;
using Herald.Bench.Hosting;
using Herald.Bench.Load;
using Herald.Bench.Receiving;

namespace Herald.Bench.Scenarios;

/// <summary>
/// A fresh Herald for one run: its receiver, a new data directory and config, the <c>herald serve</c> child process
/// and a load client with the tenant's token. Disposing stops Herald with SIGTERM, files its log's warnings and
/// errors in the notes, and deletes the data directory.
/// </summary>
internal sealed class HeraldSession : IAsyncDisposable
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(60);
    private readonly ScenarioContext _context;
    private readonly List<HeraldLog> _logs = [];

    private HeraldSession(ScenarioContext context, BenchReceiver receiver, HeraldWorkspace workspace)
    {
        _context = context;
        Receiver = receiver;
        Workspace = workspace;
    }

    public BenchReceiver Receiver { get; }

    public HeraldWorkspace Workspace { get; }

    public HeraldInstance Herald { get; private set; } = null!;

    public LoadClient Client { get; private set; } = null!;

    /// <summary>Errors and warnings Herald logged over every process of this session.</summary>
    public int LogErrors => _logs.Sum(l => l.Errors);

    public int LogWarnings => _logs.Sum(l => l.Warnings);

    public static async Task<HeraldSession> StartAsync(ScenarioContext context, int expectedIds, double failFraction, CancellationToken cancellationToken)
    {
        var receiver = await BenchReceiver.StartAsync(expectedIds, failFraction, cancellationToken);
        var session = new HeraldSession(context, receiver, HeraldWorkspace.Create(context.Options.ConfigOverrides, context.Options.KeepData));
        try
        {
            await session.StartHeraldAsync(cancellationToken);
        }
        catch
        {
            await session.DisposeAsync();
            throw;
        }

        return session;
    }

    /// <summary>Starts <c>herald serve</c> on this session's data directory (again, after <see cref="StopHeraldAsync"/>).</summary>
    public async Task StartHeraldAsync(CancellationToken cancellationToken)
    {
        var log = new HeraldLog();
        _logs.Add(log);
        Herald = await HeraldInstance.StartAsync(_context.Options.HeraldDll, Workspace, log, cancellationToken);
        Client?.Dispose();
        Client = new LoadClient(Herald.BaseAddress, _context.Options.Clients, Workspace.Token);
        _context.Notes.SqliteVersion ??= log.SqliteVersion;
        _context.Notes.SqliteSynchronous ??= log.Synchronous;
    }

    /// <summary>SIGTERM and wait: returns the exit code (non-zero is noted).</summary>
    public async Task<int> StopHeraldAsync()
    {
        var exitCode = await Herald.StopAsync(StopTimeout);
        await Herald.DisposeAsync();
        if (exitCode != 0)
        {
            _context.Notes.Add(_context.Label, $"herald exited with code {exitCode} after SIGTERM");
        }

        return exitCode;
    }

    public Uri PublishUri(string path) => new(Herald.BaseAddress, "/v2/publish/" + Receiver.Url(path));

    /// <summary>A publish of a 1 KiB JSON body with optional <c>Upstash-Delay</c> and <c>Upstash-Retry-Delay</c>.</summary>
    public static HttpRequestMessage Publish(Uri publishUri, int seq, string? delay = null, string? retryDelay = null)
    {
        var request = LoadClient.Post(publishUri, MessageBody.Create(seq));
        if (delay is not null)
        {
            request.Headers.TryAddWithoutValidation("Upstash-Delay", delay);
        }

        if (retryDelay is not null)
        {
            request.Headers.TryAddWithoutValidation("Upstash-Retry-Delay", retryDelay);
        }

        return request;
    }

    /// <summary>
    /// Unmeasured publishes to <c>/warmup</c> (JIT, connection pools, SQLite caches): delayed by an hour, or due now
    /// and awaited at the receiver when <paramref name="deliver"/>.
    /// </summary>
    public async Task WarmupAsync(bool deliver, CancellationToken cancellationToken)
    {
        var count = _context.Options.Warmup;
        if (count == 0)
        {
            return;
        }

        var uri = PublishUri(BenchReceiver.WarmupPath);
        var log = await ClosedLoopLoad.RunAsync(Client, count, _context.Options.Clients, i => Publish(uri, i, deliver ? null : "1h"), ResponseField.MessageId, cancellationToken);
        if (!deliver)
        {
            return;
        }

        var expected = log.SuccessCount();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_context.Options.DrainTimeout);
        try
        {
            while (Receiver.WarmupCount < expected)
            {
                await Task.Delay(10, timeout.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            _context.Notes.Add(_context.Label, string.Create(CultureInfo.InvariantCulture, $"warmup: only {Receiver.WarmupCount} of {expected} delivered in time"));
        }
    }

    /// <summary>
    /// Ends the run: stops Herald (its shutdown is part of the log), sets the failure counters of
    /// <paramref name="metrics"/> and files the load client's failures in the notes.
    /// </summary>
    public async Task<RunMetrics> FinishAsync(RunMetrics metrics, int failedRequests)
    {
        if (!Herald.HasExited)
        {
            await StopHeraldAsync();
        }

        metrics.Set(MetricKeys.FailedRequests, failedRequests)
            .Set(MetricKeys.HeraldErrors, LogErrors)
            .Set(MetricKeys.HeraldWarnings, LogWarnings);
        foreach (var error in Client.Errors)
        {
            _context.Notes.Add(_context.Label, "load generator: " + error);
        }

        return metrics;
    }

    public async ValueTask DisposeAsync()
    {
        if (Herald is not null && !Herald.HasExited)
        {
            await StopHeraldAsync();
        }

        foreach (var issue in _logs.SelectMany(l => l.Issues()))
        {
            _context.Notes.Add(_context.Label, "herald log: " + issue);
        }

        Client?.Dispose();
        await Receiver.DisposeAsync();
        if (_context.Options.KeepData)
        {
            _context.Notes.Add(_context.Label, "data kept in " + Workspace.Root);
        }

        Workspace.Dispose();
    }
}
