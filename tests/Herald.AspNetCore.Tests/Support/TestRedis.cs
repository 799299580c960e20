using StackExchange.Redis;

namespace Herald.AspNetCore.Tests.Support;

/// <summary>
/// The real redis-server the Redis tests run against, from <c>HERALD_TEST_REDIS</c> (a StackExchange.Redis configuration
/// string such as <c>127.0.0.1:6399</c>). Without it the Redis tests fail, saying how to start one: they are never
/// skipped silently.
/// </summary>
public static class TestRedis
{
    public const string EnvironmentVariable = "HERALD_TEST_REDIS";

    private const string HowToStart =
        "Start a private redis-server with `eval \"$(tests/provision-redis.sh)\"` from the repository root (it installs "
        + "redis-server with apt-get if missing, listens on 127.0.0.1:6399 and prints `export HERALD_TEST_REDIS=127.0.0.1:6399`), "
        + "run the tests, then stop it with `tests/stop-redis.sh`. ./test.sh does all of this.";

    private static readonly Lazy<Task<ConnectionMultiplexer>> Shared = new(ConnectAsync);

    /// <summary>The configuration string, or a failed test that says how to start Redis.</summary>
    public static string Configuration
    {
        get
        {
            var value = Environment.GetEnvironmentVariable(EnvironmentVariable);
            if (string.IsNullOrWhiteSpace(value))
            {
                Assert.Fail($"{EnvironmentVariable} is not set, and this test needs a real Redis. {HowToStart}");
            }

            return value;
        }
    }

    /// <summary>A connection shared by the tests of this assembly.</summary>
    public static Task<ConnectionMultiplexer> ConnectionAsync()
    {
        _ = Configuration;
        return Shared.Value;
    }

    /// <summary>A key prefix no other test uses.</summary>
    public static string UniquePrefix() => "herald-test:" + Guid.NewGuid().ToString("N") + ":";

    private static async Task<ConnectionMultiplexer> ConnectAsync()
    {
        try
        {
            return await ConnectionMultiplexer.ConnectAsync(Configuration);
        }
        catch (RedisConnectionException ex)
        {
            throw new InvalidOperationException($"cannot connect to Redis at {EnvironmentVariable}={Configuration}. {HowToStart}", ex);
        }
    }
}
