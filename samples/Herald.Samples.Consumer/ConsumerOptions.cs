namespace Herald.Samples.Consumer;

/// <summary>How the consumer misbehaves on purpose (section <c>Consumer</c>).</summary>
public sealed class ConsumerOptions
{
    /// <summary>Every Nth order (by order number) fails its first attempt with 500; 0 for never.</summary>
    public int FlakyEvery { get; set; } = 3;
}
