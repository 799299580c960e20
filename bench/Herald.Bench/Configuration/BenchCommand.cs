using System.CommandLine;

namespace Herald.Bench.Configuration;

/// <summary>The command line: <c>--quick</c>, <c>--tiny</c>, <c>--scenarios</c>, counts and Herald settings.</summary>
internal sealed class BenchCommand
{
    private readonly Option<bool> _quick = new("--quick") { Description = "Small counts, one repetition: finishes in under 2 minutes" };
    private readonly Option<bool> _tiny = new("--tiny") { Description = "Even smaller counts (a smoke run for tests, well under 30 s)" };
    private readonly Option<string?> _scenarios = new("--scenarios")
    {
        Description = $"Comma-separated scenarios to run (default: all): {string.Join(",", ScenarioNames.All)}. 'direct' is always added when a ratio needs it.",
    };

    private readonly Option<int> _clients = new("--clients") { Description = "Concurrent keep-alive HTTP clients of the load generator", DefaultValueFactory = _ => 32 };
    private readonly Option<int?> _repeat = new("--repeat") { Description = "Runs per scenario (default 3; 1 with --quick/--tiny)" };
    private readonly Option<int?> _messages = new("--messages") { Description = "Messages for direct, publish, burst and retries (default 50000)" };
    private readonly Option<int?> _warmup = new("--warmup") { Description = "Unmeasured requests before each run (default 2000)" };
    private readonly Option<int?> _pacedRate = new("--paced-rate") { Description = "Messages per second of the paced scenario (default 1000)" };
    private readonly Option<double?> _pacedSeconds = new("--paced-seconds") { Description = "Duration of the paced scenario in seconds (default 30)" };
    private readonly Option<int?> _delayMessages = new("--delay-messages") { Description = "Messages of the delay-accuracy scenario (default 10000)" };
    private readonly Option<double?> _delaySpread = new("--delay-spread-seconds") { Description = "Delays are spread over this many seconds (default 10)" };
    private readonly Option<int?> _backlog = new("--backlog-messages") { Description = "Delayed messages published before the restart (default 1000000)" };
    private readonly Option<double> _failFraction = new("--fail-fraction") { Description = "Fraction of first attempts answered 500 in the retries scenario", DefaultValueFactory = _ => 0.1 };
    private readonly Option<double> _drainTimeout = new("--drain-timeout") { Description = "Seconds to wait for acknowledged messages before counting the rest as lost", DefaultValueFactory = _ => 120 };
    private readonly Option<string?> _out = new("--out") { Description = "Where to write the JSON results (default: bench/results/latest.json)" };
    private readonly Option<string?> _herald = new("--herald") { Description = "Path to herald.dll (default: HERALD_DLL, else src/Herald.Cli/bin/<configuration>/net10.0/herald.dll)" };
    private readonly Option<string[]> _overrides = new("--config-override")
    {
        Description = "Extra Herald setting written into the generated config, key=value (repeatable), e.g. Delivery:MaxConcurrency=512",
    };

    private readonly Option<double> _waitQuiet = new("--wait-quiet")
    {
        Description = "Before each run, wait up to this many seconds until other processes use < 0.15 CPU cores (for shared machines)",
        DefaultValueFactory = _ => 0,
    };

    private readonly Option<bool> _keepData = new("--keep-data") { Description = "Keep Herald's temporary data directories (printed) instead of deleting them" };

    public RootCommand Create(Func<BenchOptions, CancellationToken, Task<int>> run)
    {
        var command = new RootCommand("Herald.Bench: starts a real `herald serve` on SQLite (synchronous=FULL), a Kestrel receiver and a load generator, " +
            "runs the benchmark scenarios and prints one Markdown table (and writes JSON).")
        {
            _quick, _tiny, _scenarios, _clients, _repeat, _messages, _warmup, _pacedRate, _pacedSeconds, _delayMessages, _delaySpread,
            _backlog, _failFraction, _drainTimeout, _out, _herald, _overrides, _keepData, _waitQuiet,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            BenchOptions options;
            try
            {
                options = Resolve(result);
            }
            catch (Exception ex) when (ex is ArgumentException or FileNotFoundException)
            {
                await result.InvocationConfiguration.Error.WriteLineAsync("herald-bench: " + ex.Message);
                return 2;
            }

            return await run(options, cancellationToken);
        });
        return command;
    }

    private BenchOptions Resolve(ParseResult result)
    {
        var mode = result.GetValue(_tiny) ? BenchMode.Tiny : result.GetValue(_quick) ? BenchMode.Quick : BenchMode.Full;
        var counts = BenchCounts.For(mode);
        var clients = Positive(result.GetValue(_clients), "--clients");
        var failFraction = result.GetValue(_failFraction);
        if (failFraction is < 0 or >= 1)
        {
            throw new ArgumentException("--fail-fraction must be in [0, 1)");
        }

        return new BenchOptions
        {
            Mode = mode,
            Scenarios = Scenarios(result.GetValue(_scenarios)),
            Clients = clients,
            Repeat = Positive(result.GetValue(_repeat) ?? counts.Repeat, "--repeat"),
            Messages = Positive(result.GetValue(_messages) ?? counts.Messages, "--messages"),
            Warmup = Math.Max(0, result.GetValue(_warmup) ?? counts.Warmup),
            PacedRate = Positive(result.GetValue(_pacedRate) ?? counts.PacedRate, "--paced-rate"),
            PacedDuration = Seconds(result.GetValue(_pacedSeconds), counts.PacedDuration, "--paced-seconds"),
            DelayMessages = Positive(result.GetValue(_delayMessages) ?? counts.DelayMessages, "--delay-messages"),
            DelaySpread = Seconds(result.GetValue(_delaySpread), counts.DelaySpread, "--delay-spread-seconds"),
            BacklogMessages = Positive(result.GetValue(_backlog) ?? counts.BacklogMessages, "--backlog-messages"),
            FailFraction = failFraction,
            DrainTimeout = Seconds(result.GetValue(_drainTimeout), TimeSpan.FromSeconds(120), "--drain-timeout"),
            OutputPath = Path.GetFullPath(result.GetValue(_out) ?? RepositoryPaths.DefaultOutput()),
            HeraldDll = HeraldLocator.Locate(result.GetValue(_herald)),
            ConfigOverrides = Overrides(result.GetValue(_overrides) ?? []),
            KeepData = result.GetValue(_keepData),
            WaitQuiet = TimeSpan.FromSeconds(Math.Max(0, result.GetValue(_waitQuiet))),
        };
    }

    private static IReadOnlyList<string> Scenarios(string? list)
    {
        if (string.IsNullOrWhiteSpace(list))
        {
            return ScenarioNames.All;
        }

        var asked = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => s.ToLowerInvariant())
            .ToHashSet(StringComparer.Ordinal);
        var unknown = asked.Except(ScenarioNames.All, StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"unknown scenario(s) {string.Join(", ", unknown)}; known: {string.Join(", ", ScenarioNames.All)}");
        }

        // Every throughput ratio is taken against the direct run of the same invocation.
        if (asked.Contains(ScenarioNames.Publish) || asked.Contains(ScenarioNames.Burst))
        {
            asked.Add(ScenarioNames.Direct);
        }

        return ScenarioNames.All.Where(asked.Contains).ToList();
    }

    private static List<KeyValuePair<string, string>> Overrides(string[] pairs)
    {
        var result = new List<KeyValuePair<string, string>>();
        foreach (var pair in pairs)
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new ArgumentException($"--config-override expects key=value (e.g. Delivery:MaxConcurrency=512), got '{pair}'");
            }

            result.Add(new(pair[..equals].Trim(), pair[(equals + 1)..].Trim()));
        }

        return result;
    }

    private static int Positive(int value, string name) =>
        value > 0 ? value : throw new ArgumentException($"{name} must be positive");

    private static TimeSpan Seconds(double? value, TimeSpan fallback, string name) => value switch
    {
        null => fallback,
        > 0 => TimeSpan.FromSeconds(value.Value),
        _ => throw new ArgumentException($"{name} must be positive"),
    };
}
