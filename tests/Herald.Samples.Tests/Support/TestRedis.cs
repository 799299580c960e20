namespace Herald.Samples.Tests.Support;

/// <summary>
/// The real redis-server of <c>HERALD_TEST_REDIS</c> (for example <c>127.0.0.1:6399</c>). Without it the Redis test fails,
/// saying how to start one: it is never skipped silently.
/// </summary>
public static class TestRedis
{
    public const string EnvironmentVariable = "HERALD_TEST_REDIS";

    public static string Configuration
    {
        get
        {
            var value = Environment.GetEnvironmentVariable(EnvironmentVariable);
            if (string.IsNullOrWhiteSpace(value))
            {
                Assert.Fail(
                    $"{EnvironmentVariable} is not set, and this test needs a real Redis. Start a private redis-server with "
                    + "`eval \"$(tests/provision-redis.sh)\"` from the repository root (it installs redis-server with apt-get if missing, "
                    + "listens on 127.0.0.1:6399 and prints `export HERALD_TEST_REDIS=127.0.0.1:6399`), run the tests, then stop it "
                    + "with `tests/stop-redis.sh`. ./test.sh does all of this.");
            }

            return value;
        }
    }
}
