using Herald.Core.Ids;
using Herald.Core.Messages;
using Herald.Core.Retry;
using Herald.Core.Storage;

namespace Herald.Core.Delivery;

/// <summary>
/// Decides what follows an attempt: delivered; another attempt at a time from the destination's
/// <c>Retry-After</c>-family header, else the message's retry-delay expression, else QStash's default backoff;
/// or the DLQ when retries are used up or the destination said the failure is not retryable.
/// </summary>
public sealed class RetryPlanner(IdGenerator ids, CallbackFactory callbacks)
{
    public AttemptCompletion Plan(ClaimedMessage claimed, AttemptResult result, DateTimeOffset now)
    {
        var completion = Decide(claimed, result, now);
        var followUps = callbacks.For(claimed.Message, result, completion.Decision, completion.DlqId);
        return followUps.Count == 0 ? completion : completion with { FollowUps = followUps };
    }

    private AttemptCompletion Decide(ClaimedMessage claimed, AttemptResult result, DateTimeOffset now)
    {
        var message = claimed.Message;
        if (result.Success)
        {
            return Completion(claimed, result, now, MessageState.Delivered);
        }

        var retriesDone = message.Retried + 1;
        if (result.NonRetryable || retriesDone > message.Spec.MaxRetries)
        {
            return Completion(claimed, result, now, MessageState.Failed) with { DlqId = ids.NewDlqId() };
        }

        return Completion(claimed, result, now, MessageState.Retry) with
        {
            NextAttemptAt = now + NextDelay(message, result, retriesDone),
        };
    }

    public static TimeSpan NextDelay(Message message, AttemptResult result, int retriesDone)
    {
        if (result.RetryAfter is { } requested)
        {
            return requested;
        }

        if (message.Spec.RetryDelayExpression is { } text && RetryDelayExpression.TryParse(text, out var expression, out _))
        {
            // `retried` counts retries already performed before this one: 0 when planning the first retry.
            return expression.Evaluate(retriesDone - 1);
        }

        return DefaultBackoff.Delay(retriesDone);
    }

    private static AttemptCompletion Completion(ClaimedMessage claimed, AttemptResult result, DateTimeOffset now, MessageState decision) => new()
    {
        MessageId = claimed.Message.Id,
        LeaseToken = claimed.LeaseToken,
        Result = result,
        CompletedAt = now,
        Decision = decision,
    };
}
