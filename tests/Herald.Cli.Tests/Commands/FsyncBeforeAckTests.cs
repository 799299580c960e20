using Herald.Cli.Tests.Support;

namespace Herald.Cli.Tests.Commands;

/// <summary>
/// R2: watched from the kernel's side (strace), every publish answered 200 had its WAL synced to disk after its
/// request was read and before the first byte of its answer was written.
/// </summary>
public sealed class FsyncBeforeAckTests : IAsyncLifetime
{
    private const int Publishes = 300;
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "herald-r2-" + Guid.NewGuid().ToString("N"));

    public ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_directory, recursive: true);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task EveryAcknowledgedPublish_FollowsAWalSync()
    {
        var traceFile = Path.Combine(_directory, "strace.log");
        var acknowledged = 0;
        await using (var herald = await HeraldProcess.StartTracedAsync(traceFile, "openat,close,fsync,fdatasync,recvfrom,sendto,sendmsg,writev", "dev", "--port", "0", "--data-dir", Path.Combine(_directory, "data")))
        {
            using var client = herald.CreateClient();
            var next = -1;
            await Task.WhenAll(Enumerable.Range(0, 16).Select(async _ =>
            {
                while (Interlocked.Increment(ref next) < Publishes)
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, "/v2/publish/http://127.0.0.1:9/never") { Content = new StringContent("{}") };
                    request.Headers.Add("Upstash-Delay", "1h");
                    using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
                    response.EnsureSuccessStatusCode();
                    Interlocked.Increment(ref acknowledged);
                }
            }));
            await herald.KillAsync();
        }

        var calls = SyscallTrace.Parse(traceFile).Calls;
        var lastPublishRead = new Dictionary<int, int>();
        var walSyncs = new List<int>();
        var checkedAnswers = 0;
        var unsynced = new List<string>();
        foreach (var call in calls.OrderBy(c => c.End))
        {
            if (call.Name is "fsync" or "fdatasync" && call.Result == 0 && call.File?.EndsWith("herald.db-wal", StringComparison.Ordinal) == true)
            {
                walSyncs.Add(call.End);
            }
        }

        foreach (var call in calls.OrderBy(c => c.Start))
        {
            if (call.Name == "recvfrom" && call.Arguments.Contains("\"POST /v2/publish/", StringComparison.Ordinal))
            {
                lastPublishRead[call.Fd] = call.End;
            }
            else if (call.Name is "sendto" or "sendmsg" or "writev" && call.Arguments.Contains("HTTP/1.1 200 OK", StringComparison.Ordinal) && lastPublishRead.Remove(call.Fd, out var read))
            {
                checkedAnswers++;
                if (!walSyncs.Any(sync => sync > read && sync < call.Start))
                {
                    unsynced.Add($"answer on fd {call.Fd} at trace line {call.Start + 1} (request read at line {read + 1})");
                }
            }
        }

        Assert.Equal(Publishes, acknowledged);
        Assert.Equal(Publishes, checkedAnswers);
        Assert.True(walSyncs.Count > 0, "no WAL sync in the trace");
        Assert.Empty(unsynced);
    }
}
