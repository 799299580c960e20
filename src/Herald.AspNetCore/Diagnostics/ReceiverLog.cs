using Herald.Client.Verification;
using Microsoft.Extensions.Logging;

namespace Herald.AspNetCore.Diagnostics;

/// <summary>The receiver's log messages (category <c>Herald.AspNetCore</c>).</summary>
internal static partial class ReceiverLog
{
    public const string Category = "Herald.AspNetCore";

    [LoggerMessage(ReceiverEventIds.SignatureRejected, LogLevel.Warning,
        "Refused a delivery to {Path} with 401: {Failure} ({Reason})")]
    public static partial void SignatureRejected(ILogger logger, string path, SignatureFailure failure, string? reason);

    [LoggerMessage(ReceiverEventIds.BodyTooLarge, LogLevel.Warning,
        "Refused a delivery to {Path} with 413: the body is larger than {MaxBodySize} bytes (HeraldReceiverOptions.MaxBodySize)")]
    public static partial void BodyTooLarge(ILogger logger, string path, long maxBodySize);

    [LoggerMessage(ReceiverEventIds.DuplicateSkipped, LogLevel.Information,
        "Message {MessageId} was already processed; answered 200 without running the handler")]
    public static partial void DuplicateSkipped(ILogger logger, string messageId);

    [LoggerMessage(ReceiverEventIds.DuplicateInProgress, LogLevel.Information,
        "Message {MessageId} is being processed by another delivery; answered 409 (retry in {RetryAfterSeconds} s)")]
    public static partial void DuplicateInProgress(ILogger logger, string messageId, long retryAfterSeconds);

    [LoggerMessage(ReceiverEventIds.MessageIdMissing, LogLevel.Warning,
        "Refused a verified delivery to {Path} with 400: it has no message id (Upstash-Message-Id or webhook-id)")]
    public static partial void MessageIdMissing(ILogger logger, string path);

    [LoggerMessage(ReceiverEventIds.ClaimReleased, LogLevel.Information,
        "The handler for message {MessageId} ended with {Outcome}; its id was released so a retry runs it again")]
    public static partial void ClaimReleased(ILogger logger, string messageId, string outcome);

    [LoggerMessage(ReceiverEventIds.StoreUnavailable, LogLevel.Error,
        "The idempotency store failed to claim message {MessageId}; answered 503 so the sender retries")]
    public static partial void StoreUnavailable(ILogger logger, Exception exception, string messageId);

    [LoggerMessage(ReceiverEventIds.CompleteFailed, LogLevel.Warning,
        "Message {MessageId} was processed but could not be marked completed; a redelivery after the claim timeout would run it again")]
    public static partial void CompleteFailed(ILogger logger, Exception exception, string messageId);

    [LoggerMessage(ReceiverEventIds.ReleaseFailed, LogLevel.Warning,
        "Message {MessageId} failed and its claim could not be released; its retries are answered 409 until the claim times out")]
    public static partial void ReleaseFailed(ILogger logger, Exception exception, string messageId);
}
