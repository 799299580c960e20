using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Herald.Cli.Tests.Support;

/// <summary>The real <c>herald</c> executable as a child process, killable with SIGKILL.</summary>
public sealed partial class HeraldProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource<Uri> _running = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private HeraldProcess(Process process) => _process = process;

    public Uri BaseAddress { get; private set; } = null!;

    public int Id => _process.Id;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static string HeraldDll()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("HERALD_DLL");
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return fromEnvironment;
        }

        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Herald.slnx")))
        {
            root = root.Parent;
        }

        var path = Path.Combine(root?.FullName ?? throw new InvalidOperationException("repository root not found"), "src", "Herald.Cli", "bin", configuration, "net10.0", "herald.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("build src/Herald.Cli first (or set HERALD_DLL)", path);
    }

    /// <summary>Runs <c>herald ARGS</c> to completion and returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunToEndAsync(IReadOnlyDictionary<string, string>? environment = null, params string[] args)
    {
        using var process = Process.Start(StartInfo(args, environment))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    /// <summary>Starts <c>herald ARGS</c> and waits for its "running at" line.</summary>
    public static Task<HeraldProcess> StartAsync(params string[] args) => StartAsync(null, args);

    /// <summary>Starts <c>herald ARGS</c> with extra environment variables and waits for its "running at" line.</summary>
    public static Task<HeraldProcess> StartAsync(IReadOnlyDictionary<string, string>? environment, params string[] args) =>
        StartAsync(StartInfo(args, environment));

    /// <summary>
    /// Starts <c>herald ARGS</c> under <c>strace -f</c>, writing the given system calls (with thread ids) to
    /// <paramref name="traceFile"/>. Stop it with <see cref="KillAsync"/>.
    /// </summary>
    public static Task<HeraldProcess> StartTracedAsync(string traceFile, string syscalls, params string[] args)
    {
        var info = StartInfo(args, null);
        info.FileName = "strace";
        string[] strace = ["-f", "-qq", "-s", "64", "-e", "trace=" + syscalls, "-e", "signal=none", "-o", traceFile, "dotnet"];
        for (var i = strace.Length - 1; i >= 0; i--)
        {
            info.ArgumentList.Insert(0, strace[i]);
        }

        return StartAsync(info);
    }

    private static async Task<HeraldProcess> StartAsync(ProcessStartInfo startInfo)
    {
        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        var herald = new HeraldProcess(process);
        process.OutputDataReceived += (_, e) => herald.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => herald.OnLine(e.Data);
        process.Exited += (_, _) => herald._running.TrySetException(new InvalidOperationException("herald exited early:\n" + herald.Output));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        herald.BaseAddress = await herald._running.Task.WaitAsync(TimeSpan.FromSeconds(60));
        return herald;
    }

    /// <summary>An HTTP client of this process, authenticated as QStash's first published dev user.</summary>
    public HttpClient CreateClient()
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Herald.Testing.Hosting.TestHerald.DevToken);
        return client;
    }

    /// <summary>SIGKILL: no shutdown code runs, exactly like a crash or power cut of the process.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM: the graceful path.</summary>
    public async Task<int> TerminateAsync(TimeSpan timeout)
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        return _process.ExitCode;
    }

    /// <summary>Waits for the process to end on its own; returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await KillAsync();
        }

        _process.Dispose();
    }

    private static ProcessStartInfo StartInfo(string[] args, IReadOnlyDictionary<string, string>? environment)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(HeraldDll());
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        return info;
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        var match = RunningLine().Match(line);
        if (match.Success)
        {
            _running.TrySetResult(new Uri(match.Groups[1].Value));
        }
    }

    [GeneratedRegex(@"running at (http://\S+)")]
    private static partial Regex RunningLine();
}
