namespace Herald.Testing.Receivers;

/// <summary>What the receiver answers: a status, headers, a body, and optionally a delay before answering.</summary>
public sealed record ReceiverResponse(int Status, string Body = "", IReadOnlyDictionary<string, string>? Headers = null, TimeSpan Delay = default)
{
    public static readonly ReceiverResponse Ok = new(200, "ok");
}
