using System.Text;
using Herald.Core.Delivery;
using Herald.Core.Messages;
using Herald.Core.Storage;

namespace Herald.Testing.Storage;

/// <summary>Builds attempt results and completions for claimed messages.</summary>
public static class Completions
{
    public static AttemptResult Success(int status = 200) => new()
    {
        Success = true,
        Status = status,
        ResponseHeaders = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase) { ["X-Ok"] = ["yes"] },
        ResponseBody = "ok"u8.ToArray(),
        Latency = TimeSpan.FromMilliseconds(120),
    };

    public static AttemptResult HttpFailure(int status = 500, string body = "boom") => new()
    {
        Success = false,
        Status = status,
        ResponseHeaders = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase)
        {
            ["Content-Type"] = ["text/plain"],
            ["X-Trace"] = ["t-1", "t-2"],
        },
        ResponseBody = Encoding.UTF8.GetBytes(body),
        Category = FailureCategory.HttpStatus,
        Error = $"the destination answered {status}",
        Latency = TimeSpan.FromMilliseconds(250),
    };

    public static AttemptResult Timeout() => new()
    {
        Success = false,
        Category = FailureCategory.Timeout,
        Error = "no response within the timeout",
        Latency = TimeSpan.FromSeconds(30),
    };

    public static AttemptCompletion Delivered(ClaimedMessage claimed, DateTimeOffset at, params NewMessage[] followUps) => new()
    {
        MessageId = claimed.Message.Id,
        LeaseToken = claimed.LeaseToken,
        Result = Success(),
        CompletedAt = at,
        Decision = MessageState.Delivered,
        FollowUps = followUps,
    };

    public static AttemptCompletion Retry(ClaimedMessage claimed, DateTimeOffset at, DateTimeOffset next, AttemptResult? result = null) => new()
    {
        MessageId = claimed.Message.Id,
        LeaseToken = claimed.LeaseToken,
        Result = result ?? HttpFailure(),
        CompletedAt = at,
        Decision = MessageState.Retry,
        NextAttemptAt = next,
    };

    public static AttemptCompletion Failed(ClaimedMessage claimed, DateTimeOffset at, string dlqId, AttemptResult? result = null, params NewMessage[] followUps) => new()
    {
        MessageId = claimed.Message.Id,
        LeaseToken = claimed.LeaseToken,
        Result = result ?? HttpFailure(),
        CompletedAt = at,
        Decision = MessageState.Failed,
        DlqId = dlqId,
        FollowUps = followUps,
    };
}
