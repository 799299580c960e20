namespace Herald.Bench.Configuration;

/// <summary>The scenario names accepted by <c>--scenarios</c>, in the order they run.</summary>
internal static class ScenarioNames
{
    public const string Direct = "direct";
    public const string Publish = "publish";
    public const string Burst = "burst";
    public const string Paced = "paced";
    public const string Retries = "retries";
    public const string Delay = "delay";
    public const string Backlog = "backlog";

    public static IReadOnlyList<string> All { get; } = [Direct, Publish, Burst, Paced, Retries, Delay, Backlog];
}
