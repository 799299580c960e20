using Herald.Cli.Tests.Support;

namespace Herald.Cli.Tests.Commands;

public sealed class CommandLineTests
{
    [Theory]
    [InlineData(new[] { "--help" }, new[] { "dev", "serve" })]
    [InlineData(new[] { "dev", "--help" }, new[] { "--port", "--data-dir" })]
    [InlineData(new[] { "serve", "--help" }, new[] { "--port", "--data-dir", "--config" })]
    public async Task Help_ListsTheCommandsAndOptions(string[] args, string[] mentions)
    {
        var (exitCode, output) = await HeraldProcess.RunToEndAsync(null, args);

        Assert.Equal(0, exitCode);
        foreach (var mention in mentions)
        {
            Assert.Contains(mention, output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Serve_WithoutTenants_RefusesToStartAndSaysHow()
    {
        var dir = Path.Combine(Path.GetTempPath(), "herald-cli-" + Guid.NewGuid().ToString("N"));
        var (exitCode, output) = await HeraldProcess.RunToEndAsync(null, "serve", "--port", "0", "--data-dir", dir);

        Assert.Equal(2, exitCode);
        Assert.Contains("at least one tenant", output, StringComparison.Ordinal);
        Assert.Contains("HERALD_Tenants__0__Token", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_WithTenantFromConfigFile_StartsLogsJsonAndAnswersWithThatToken()
    {
        var dir = Path.Combine(Path.GetTempPath(), "herald-cli-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var config = Path.Combine(dir, "herald.json");
        await File.WriteAllTextAsync(config, """{ "Server": { "Address": "127.0.0.1" }, "Tenants": [ { "Id": "from-file", "Token": "file-token-0123456789" } ] }""", TestContext.Current.CancellationToken);

        await using var herald = await HeraldProcess.StartAsync("serve", "--port", "0", "--data-dir", Path.Combine(dir, "data"), "--config", config);
        using var client = new HttpClient { BaseAddress = herald.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new("Bearer", "file-token-0123456789");
        using var keys = await client.GetAsync("/v2/keys", TestContext.Current.CancellationToken);

        Assert.Equal(System.Net.HttpStatusCode.OK, keys.StatusCode);
        Assert.Contains("\"current\":\"sig_", await keys.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Contains("\"Timestamp\"", herald.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_EnvironmentVariablesOverrideTheConfigFile()
    {
        var dir = Path.Combine(Path.GetTempPath(), "herald-cli-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var config = Path.Combine(dir, "herald.json");
        await File.WriteAllTextAsync(config, """{ "Server": { "Address": "127.0.0.1" }, "Tenants": [ { "Id": "acme", "Token": "token-from-file-0123" } ] }""", TestContext.Current.CancellationToken);
        var environment = new Dictionary<string, string> { ["HERALD_Tenants__0__Token"] = "token-from-env-0123" };

        await using var herald = await HeraldProcess.StartAsync(environment, "serve", "--port", "0", "--data-dir", Path.Combine(dir, "data"), "--config", config);
        using var client = new HttpClient { BaseAddress = herald.BaseAddress };

        client.DefaultRequestHeaders.Authorization = new("Bearer", "token-from-env-0123");
        using var fromEnv = await client.GetAsync("/v2/keys", TestContext.Current.CancellationToken);
        client.DefaultRequestHeaders.Authorization = new("Bearer", "token-from-file-0123");
        using var fromFile = await client.GetAsync("/v2/keys", TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.OK, fromEnv.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, fromFile.StatusCode);
    }

    [Fact]
    public async Task Serve_InvalidSetting_RefusesToStartNamingTheKey()
    {
        var dir = Path.Combine(Path.GetTempPath(), "herald-cli-" + Guid.NewGuid().ToString("N"));
        var environment = new Dictionary<string, string>
        {
            ["HERALD_Tenants__0__Id"] = "acme",
            ["HERALD_Tenants__0__Token"] = "token-0123456789",
            ["HERALD_Messages__DefaultRetries"] = "50",
        };

        var (exitCode, output) = await HeraldProcess.RunToEndAsync(environment, "serve", "--port", "0", "--data-dir", dir);

        Assert.Equal(2, exitCode);
        Assert.Contains("Messages:DefaultRetries", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dev_PrintsTheUrlTokenAndKeysAndStopsCleanlyOnSigterm()
    {
        var dir = Path.Combine(Path.GetTempPath(), "herald-cli-" + Guid.NewGuid().ToString("N"));
        await using var herald = await HeraldProcess.StartAsync("dev", "--port", "0", "--data-dir", dir);

        Assert.Contains("QSTASH_TOKEN=eyJVc2VySUQiOiJkZWZhdWx0VXNlciIsIlBhc3N3b3JkIjoiZGVmYXVsdFBhc3N3b3JkIn0=", herald.Output, StringComparison.Ordinal);
        Assert.Contains("QSTASH_CURRENT_SIGNING_KEY=sig_7kYjw48mhY7kAjqNGcy6cr29RJ6r", herald.Output, StringComparison.Ordinal);
        Assert.Contains("QSTASH_NEXT_SIGNING_KEY=sig_5ZB6DVzB1wjE8S6rZ7eenA8Pdnhs", herald.Output, StringComparison.Ordinal);
        Assert.Contains($"Herald is running at http://127.0.0.1:{herald.BaseAddress.Port}", herald.Output, StringComparison.Ordinal);

        Assert.Equal(0, await herald.TerminateAsync(TimeSpan.FromSeconds(20)));
        Assert.Contains("Delivery engine stopped", herald.Output, StringComparison.Ordinal);
    }
}
