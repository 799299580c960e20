using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Herald.Bench.Measuring;

namespace Herald.Bench.Hosting;

/// <summary>
/// One <c>dotnet herald.dll serve --port 0 --data-dir … --config …</c> child process: started, its "Herald is
/// running at http://…" line awaited, its output digested into a <see cref="HeraldLog"/>, stopped with SIGTERM.
/// </summary>
internal sealed partial class HeraldInstance : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);
    private readonly Process _process;
    private readonly TaskCompletionSource<Uri> _running = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _disposed;

    private HeraldInstance(Process process, HeraldLog log)
    {
        _process = process;
        Log = log;
    }

    public Uri BaseAddress { get; private set; } = null!;

    public int ProcessId => _process.Id;

    public HeraldLog Log { get; }

    /// <summary>Stopwatch timestamp just before the process was started.</summary>
    public long StartedAt { get; private set; }

    /// <summary>Stopwatch timestamp when the "running at" line arrived (store open, Kestrel listening).</summary>
    public long RunningAt { get; private set; }

    public bool HasExited => _disposed || _process.HasExited;

    public static async Task<HeraldInstance> StartAsync(string heraldDll, HeraldWorkspace workspace, HeraldLog log, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { heraldDll, "serve", "--port", "0", "--data-dir", workspace.DataDirectory, "--config", workspace.ConfigPath })
        {
            info.ArgumentList.Add(arg);
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var herald = new HeraldInstance(process, log);
        process.OutputDataReceived += (_, e) => herald.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => herald.OnLine(e.Data);
        process.Exited += (_, _) => herald._running.TrySetException(
            new InvalidOperationException($"herald exited before it was running (exit code {ExitCodeOf(process)}):{Environment.NewLine}{log.Tail()}"));
        herald.StartedAt = Clock.Now();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            herald.BaseAddress = await herald._running.Task.WaitAsync(StartTimeout, cancellationToken);
        }
        catch
        {
            await herald.DisposeAsync();
            throw;
        }

        return herald;
    }

    public ProcessMemory? Memory() => HasExited ? null : ProcessMemory.Read(_process.Id);

    /// <summary>SIGTERM (graceful drain, WAL checkpoint) and waits; SIGKILL after <paramref name="timeout"/>. Returns the exit code.</summary>
    public async Task<int> StopAsync(TimeSpan timeout)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!_process.HasExited)
        {
            using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync(CancellationToken.None);
            }

            using var deadline = new CancellationTokenSource(timeout);
            try
            {
                await _process.WaitForExitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync(CancellationToken.None);
                return -9;
            }
        }

        // Let the asynchronous output readers deliver the last lines.
        await _process.WaitForExitAsync(CancellationToken.None);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync(CancellationToken.None);
            }
        }
        catch (InvalidOperationException)
        {
            // Never started or already gone.
        }

        _process.Dispose();
    }

    private static string ExitCodeOf(Process process)
    {
        try
        {
            return process.ExitCode.ToString(CultureInfo.InvariantCulture);
        }
        catch (InvalidOperationException)
        {
            return "?";
        }
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        Log.Add(line);
        if (!_running.Task.IsCompleted && RunningLine().Match(line) is { Success: true } match)
        {
            RunningAt = Clock.Now();
            _running.TrySetResult(new Uri(match.Groups[1].Value));
        }
    }

    [GeneratedRegex(@"running at (http://\S+)")]
    private static partial Regex RunningLine();
}
