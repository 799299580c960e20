using System.Diagnostics;
using System.Text.Json;
using Herald.Cli.Tests.Support;
using Herald.Contracts;

namespace Herald.Cli.Tests.Commands;

/// <summary>
/// R35: the WAL file stops accepting writes (made immutable under the running process, so SQLite's next write
/// fails with an I/O error). Herald stops acknowledging, exits with code 70 instead of retrying, and after a restart
/// every message it acknowledged before is still there.
/// </summary>
public sealed class StorageFaultTests : IAsyncLifetime
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "herald-ioerr-" + Guid.NewGuid().ToString("N"));

    private string WalFile => Path.Combine(_dataDirectory, "herald.db-wal");

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (File.Exists(WalFile))
        {
            await ChattrAsync("-i", WalFile);
        }

        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task IoErrorOnWrite_StopsAcknowledgingAndExits70_AndARestartKeepsWhatWasAcknowledged()
    {
        var acknowledged = new List<string>();
        var herald = await HeraldProcess.StartAsync("dev", "--port", "0", "--data-dir", _dataDirectory);
        await using (herald)
        {
            using var client = herald.CreateClient();
            for (var i = 0; i < 20; i++)
            {
                acknowledged.Add(await PublishDelayedAsync(client, i));
            }

            await ChattrAsync("+i", WalFile);

            using var refused = await TryPublishAsync(client);
            Assert.False(refused?.IsSuccessStatusCode == true, "a publish was acknowledged after the I/O error");
            Assert.Equal(70, await herald.WaitForExitAsync(TimeSpan.FromSeconds(30)));
            Assert.Contains("I/O error", herald.Output, StringComparison.Ordinal);
        }

        await ChattrAsync("-i", WalFile);
        await using var restarted = await HeraldProcess.StartAsync("dev", "--port", "0", "--data-dir", _dataDirectory);
        using var after = restarted.CreateClient();
        foreach (var id in acknowledged)
        {
            using var response = await after.GetAsync($"/v2/messages/{id}", TestContext.Current.CancellationToken);
            Assert.True(response.IsSuccessStatusCode, $"{id} was acknowledged before the fault and is gone after the restart");
        }
    }

    private static async Task<string> PublishDelayedAsync(HttpClient client, int i)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v2/publish/http://127.0.0.1:9/never") { Content = new StringContent($"{{\"n\":{i}}}") };
        request.Headers.Add("Upstash-Delay", "1h");
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        return JsonSerializer.Deserialize(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), HeraldJson.Context.PublishResponse)!.MessageId;
    }

    /// <summary>A publish that may also meet a process already on its way out.</summary>
    private static async Task<HttpResponseMessage?> TryPublishAsync(HttpClient client)
    {
        try
        {
            return await client.PostAsync("/v2/publish/http://127.0.0.1:9/after-fault", new StringContent("{}"), TestContext.Current.CancellationToken);
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    private static async Task ChattrAsync(string flag, string path)
    {
        using var chattr = Process.Start(new ProcessStartInfo("chattr", [flag, path]) { RedirectStandardError = true })!;
        var error = await chattr.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await chattr.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(chattr.ExitCode == 0, $"chattr {flag} {path} failed (needs root and a file system with the immutable flag): {error}");
    }
}
