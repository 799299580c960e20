using System.CommandLine;
using Herald.Bench.Configuration;

namespace Herald.Bench;

/// <summary>The harness's entry point: <c>dotnet run -c Release --project bench/Herald.Bench [-- --quick]</c>.</summary>
internal static class BenchApp
{
    /// <summary>Parses the arguments and runs.</summary>
    /// <param name="args">The command line.</param>
    /// <param name="output">Where the machine facts, the table and the notes go.</param>
    /// <param name="progress">Where progress and argument errors go.</param>
    /// <param name="cancellationToken">Stops the runs (their Herald processes are stopped too).</param>
    /// <returns>0 when every run completed (targets missed or not), 1 when a run failed, 2 for bad arguments, 130 when cancelled.</returns>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter progress, CancellationToken cancellationToken)
    {
        var command = new BenchCommand().Create((options, token) => BenchRunner.RunAsync(options, output, progress, token));
        // Signals are the caller's business (Program turns them into cancellation); exceptions surface here.
        var invocation = new InvocationConfiguration { Output = output, Error = progress, ProcessTerminationTimeout = null, EnableDefaultExceptionHandler = false };
        try
        {
            return await command.Parse(args).InvokeAsync(invocation, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await progress.WriteLineAsync("cancelled; Herald processes stopped");
            return 130;
        }
    }
}
