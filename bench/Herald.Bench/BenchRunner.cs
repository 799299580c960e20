using System.Globalization;
using Herald.Bench.Configuration;
using Herald.Bench.Hosting;
using Herald.Bench.Measuring;
using Herald.Bench.Reporting;
using Herald.Bench.Scenarios;

namespace Herald.Bench;

/// <summary>
/// Runs the chosen scenarios <c>--repeat</c> times each (a fresh Herald per run), prints progress, then the machine
/// facts, the one Markdown table and the notes, and writes the JSON results.
/// </summary>
internal static class BenchRunner
{
    private const double BackgroundCpuWarning = 0.2;

    public static async Task<int> RunAsync(BenchOptions options, TextWriter output, TextWriter progress, CancellationToken cancellationToken)
    {
        using var snapshot = HeraldSnapshot.Create(options.HeraldDll);
        return await RunAsync(options with { HeraldDll = snapshot.Dll }, options.HeraldDll, output, progress, cancellationToken);
    }

    private static async Task<int> RunAsync(BenchOptions options, string heraldBuild, TextWriter output, TextWriter progress, CancellationToken cancellationToken)
    {
        var startedAt = TimeProvider.System.GetUtcNow();
        var started = Clock.Now();
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, options.Clients + 16), io);

        var notes = new BenchNotes();
        var scenarios = ScenarioCatalog.Create(options);
        await progress.WriteLineAsync($"Herald.Bench ({options.Mode}): {string.Join(", ", scenarios.Select(s => s.Name))}; {options.Clients} clients, {options.Repeat} run(s) each");
        await progress.WriteLineAsync($"herald: {heraldBuild} (run from a private copy)");

        var measured = new List<(IScenario Scenario, List<RunMetrics> Runs)>();
        var failures = 0;
        foreach (var scenario in scenarios)
        {
            var runs = new List<RunMetrics>();
            for (var run = 1; run <= options.Repeat; run++)
            {
                var context = new ScenarioContext(options, progress, notes, $"{scenario.Name} {run}/{options.Repeat}");
                if (options.WaitQuiet > TimeSpan.Zero)
                {
                    await QuietMachine.WaitAsync(options.WaitQuiet, progress, context.Label, cancellationToken);
                }

                context.Say(scenario.Title);
                var runStarted = Clock.Now();
                var cpuBefore = CpuSample.Take();
                try
                {
                    var metrics = await scenario.RunAsync(context, cancellationToken);
                    var otherCores = CpuSample.OtherCores(cpuBefore, CpuSample.Take());
                    metrics.Set(MetricKeys.BackgroundCpuCores, otherCores);
                    if (otherCores > BackgroundCpuWarning)
                    {
                        notes.Add(context.Label, $"other processes used {otherCores:0.00} CPU cores during this run: its numbers are disturbed");
                    }

                    runs.Add(metrics);
                    context.Say($"done in {Clock.Seconds(runStarted, Clock.Now()):0.0} s: {Describe(scenario, metrics)}");
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                {
                    failures++;
                    runs.Add(new RunMetrics());
                    notes.Add(context.Label, $"run failed: {ex.GetType().Name}: {ex.Message}");
                    context.Say($"FAILED: {ex}");
                }

                GC.Collect();
                GC.WaitForPendingFinalizers();
            }

            measured.Add((scenario, runs));
        }

        var results = Summarizer.Summarize(measured);
        var table = MarkdownTable.Render(results);
        var machine = MachineInfo.Collect(heraldBuild, notes);
        var duration = Clock.Seconds(started, Clock.Now());

        await output.WriteLineAsync();
        await output.WriteLineAsync($"Herald benchmark, {startedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC, {options.Mode} mode, {options.Clients} clients, {duration:0} s");
        await output.WriteLineAsync($"Machine: {machine.Describe()}");
        await output.WriteLineAsync();
        await output.WriteAsync(table);
        if (notes.Items.Count > 0)
        {
            await output.WriteLineAsync();
            await output.WriteLineAsync("Notes:");
            foreach (var note in notes.Items)
            {
                await output.WriteLineAsync("- " + note);
            }
        }

        var report = new BenchReport
        {
            Schema = 1,
            StartedAt = startedAt.ToString("O", CultureInfo.InvariantCulture),
            DurationSeconds = Math.Round(duration, 1),
            Machine = machine,
            Settings = Settings(options),
            Scenarios = results,
            Notes = [.. notes.Items],
            Table = table,
        };
        await ReportWriter.WriteAsync(options.OutputPath, report, cancellationToken);
        await output.WriteLineAsync();
        await output.WriteLineAsync($"JSON: {options.OutputPath}");
        return failures == 0 ? 0 : 1;
    }

    private static string Describe(IScenario scenario, RunMetrics metrics) =>
        string.Join(", ", scenario.Metrics
            .Where(m => !double.IsNaN(metrics.Get(m.Key)) && (!m.ShowOnlyWhenNonZero || metrics.Get(m.Key) != 0))
            .Select(m => $"{m.Label} {NumberFormat.Format(metrics.Get(m.Key), m.Unit)}"));

    private static BenchSettings Settings(BenchOptions options) => new()
    {
        Mode = options.Mode.ToString().ToLowerInvariant(),
        Clients = options.Clients,
        Repeat = options.Repeat,
        Messages = options.Messages,
        Warmup = options.Warmup,
        PacedRate = options.PacedRate,
        PacedSeconds = options.PacedDuration.TotalSeconds,
        DelayMessages = options.DelayMessages,
        DelaySpreadSeconds = options.DelaySpread.TotalSeconds,
        BacklogMessages = options.BacklogMessages,
        FailFraction = options.FailFraction,
        DrainTimeoutSeconds = options.DrainTimeout.TotalSeconds,
        ConfigOverrides = options.ConfigOverrides.Select(p => $"{p.Key}={p.Value}").ToList(),
        WaitQuietSeconds = options.WaitQuiet.TotalSeconds,
    };
}
