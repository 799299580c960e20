namespace Herald.Core.Messages;

/// <summary>Flow-control settings a message carries: the key and the limits it asks for.</summary>
public sealed record FlowControl(string Key, int? Parallelism, int? Rate, TimeSpan Period)
{
    public static readonly TimeSpan DefaultPeriod = TimeSpan.FromSeconds(1);
}
