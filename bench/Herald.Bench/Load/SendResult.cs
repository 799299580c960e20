namespace Herald.Bench.Load;

/// <summary>One request's outcome: the HTTP status (0 when no answer came) and the field asked for.</summary>
internal readonly record struct SendResult(int Status, string? MessageId, long? NotBefore)
{
    public bool IsSuccess => Status is >= 200 and < 300;
}
