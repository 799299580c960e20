using System.Globalization;
using Herald.AspNetCore.Diagnostics;
using Herald.AspNetCore.Pipeline;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Herald.AspNetCore.Idempotency;

/// <summary>
/// Runs the handler at most once per message id: claims the id, runs the handler, then marks the id completed on a
/// 2xx answer or releases it on anything else (an exception included) so the sender's retry runs the handler again.
/// A duplicate of a completed message gets 200 without running the handler; one that arrives while the first delivery
/// is still running gets 409 with <c>Retry-After</c> (the sender retries later and then gets the 200, or runs the
/// handler if the first delivery failed).
/// </summary>
internal sealed class IdempotencyGate
{
    private readonly IIdempotencyStore _store;
    private readonly IOptionsMonitor<HeraldIdempotencyOptions> _options;
    private readonly ILogger _logger;

    public IdempotencyGate(IIdempotencyStore store, IOptionsMonitor<HeraldIdempotencyOptions> options, ILoggerFactory loggerFactory)
    {
        _store = store;
        _options = options;
        _logger = loggerFactory.CreateLogger(ReceiverLog.Category);
    }

    public async Task InvokeAsync(HttpContext context, string? messageId, RequestDelegate next)
    {
        if (string.IsNullOrEmpty(messageId))
        {
            ReceiverLog.MessageIdMissing(_logger, context.Request.Path);
            await ReceiverResponses.MissingMessageIdAsync(context).ConfigureAwait(false);
            return;
        }

        var options = _options.CurrentValue;
        var retryAfter = (long)Math.Ceiling(options.ConflictRetryAfter.TotalSeconds);
        var key = options.KeyPrefix + messageId;
        IdempotencyClaim claim;
        try
        {
            claim = await _store.TryClaimAsync(key, options.ClaimTimeout, context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (!context.RequestAborted.IsCancellationRequested)
        {
            ReceiverLog.StoreUnavailable(_logger, ex, messageId);
            await ReceiverResponses.StoreUnavailableAsync(context, retryAfter).ConfigureAwait(false);
            return;
        }

        switch (claim.Status)
        {
            case IdempotencyClaimStatus.Completed:
                ReceiverLog.DuplicateSkipped(_logger, messageId);
                await ReceiverResponses.DuplicateAsync(context, messageId).ConfigureAwait(false);
                return;
            case IdempotencyClaimStatus.InProgress:
                ReceiverLog.DuplicateInProgress(_logger, messageId, retryAfter);
                await ReceiverResponses.InProgressAsync(context, retryAfter).ConfigureAwait(false);
                return;
        }

        var token = claim.Token!;
        var succeeded = false;
        var outcome = "an exception";
        try
        {
            await next(context).ConfigureAwait(false);
            var status = context.Response.StatusCode;
            succeeded = status is >= 200 and <= 299;
            outcome = "status " + status.ToString(CultureInfo.InvariantCulture);
        }
        finally
        {
            // Not the request's token: the outcome must be recorded even when the sender hung up.
            if (succeeded)
            {
                await CompleteAsync(key, token, messageId, options.Ttl).ConfigureAwait(false);
            }
            else
            {
                ReceiverLog.ClaimReleased(_logger, messageId, outcome);
                await ReleaseAsync(key, token, messageId).ConfigureAwait(false);
            }
        }
    }

    private async Task CompleteAsync(string key, string token, string messageId, TimeSpan ttl)
    {
        try
        {
            await _store.CompleteAsync(key, token, ttl, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            ReceiverLog.CompleteFailed(_logger, ex, messageId);
        }
    }

    private async Task ReleaseAsync(string key, string token, string messageId)
    {
        try
        {
            await _store.ReleaseAsync(key, token, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            ReceiverLog.ReleaseFailed(_logger, ex, messageId);
        }
    }
}
