using Herald.Core.Configuration;
using Herald.Core.Diagnostics;
using Herald.Core.Egress;
using Herald.Core.Publishing;
using Herald.Core.Schedules;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Herald.Core.Tests.Schedules;

/// <summary>
/// A runner and a manager on a fake clock, an in-memory store and a fake message factory. <see cref="StartAsync"/>
/// runs the runner's loop; <see cref="AdvanceAsync"/> moves the clock only once the runner is asleep, so what it
/// fires depends on the clock alone.
/// </summary>
internal sealed class ScheduleHarness : IAsyncDisposable
{
    public const string Tenant = "tenant-a";

    private readonly TestMeterFactory _meters = new();
    private readonly CancellationTokenSource _stop = new();
    private Task? _run;
    private int _sleepsSeen;

    public ScheduleHarness(DateTimeOffset start)
    {
        Clock = new CountingTimeProvider(start);
        Factory = new FakeMessageFactory(Clock);
        Runner = new ScheduleRunner(Store, Factory, Signal, new HeraldMetrics(_meters), Clock, NullLogger<ScheduleRunner>.Instance);
        var options = Options.Create(new MessageOptions());
        var parser = new PublishRequestParser(options, new DestinationValidator(EgressPolicy.Default), Clock);
        Manager = new ScheduleManager(Store, parser, Runner, new Herald.Core.Ids.IdGenerator(Clock), options, Clock);
    }

    public CountingTimeProvider Clock { get; }

    public InMemoryScheduleStore Store { get; } = new();

    public FakeMessageFactory Factory { get; }

    public RecordingSignal Signal { get; } = new();

    public ScheduleRunner Runner { get; }

    public ScheduleManager Manager { get; }

    public static PublishInput Input(string cron, string destination = "https://example.com/hook", params (string Name, string Value)[] headers) => new()
    {
        Destination = destination,
        Headers = [new("Upstash-Cron", cron), .. headers.Select(h => new KeyValuePair<string, string>(h.Name, h.Value))],
        Body = "{}"u8.ToArray(),
        CallerIp = "203.0.113.9",
    };

    /// <summary>Starts the runner's loop and returns once it sleeps.</summary>
    public async Task StartAsync()
    {
        _run = Runner.RunAsync(_stop.Token);
        await WaitForSleepAsync();
    }

    /// <summary>Advances the clock by <paramref name="by"/>, then waits until the runner sleeps again.</summary>
    public async Task AdvanceAsync(TimeSpan by)
    {
        Clock.Advance(by);
        await WaitForSleepAsync();
    }

    /// <summary>Waits until the runner has created a sleep timer it was not known to have created before.</summary>
    public async Task WaitForSleepAsync()
    {
        await WaitUntilAsync(() => Clock.TimersCreated > _sleepsSeen, "the runner to go to sleep");
        _sleepsSeen = Clock.TimersCreated;
    }

    public static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            if (timeout.IsCancellationRequested)
            {
                throw new TimeoutException("timed out waiting for " + what);
            }

            await Task.Delay(5, CancellationToken.None);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_run is not null)
        {
            await _run;
        }

        _stop.Dispose();
        _meters.Dispose();
    }
}
