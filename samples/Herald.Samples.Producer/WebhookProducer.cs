using Herald.Client;
using Herald.Client.Publishing;

namespace Herald.Samples.Producer;

/// <summary>
/// Queues webhooks through Herald. Herald stores each one durably, delivers it signed, retries failures with the
/// backoff below and moves what never succeeds to the dead letter queue: the producer does none of that itself.
/// </summary>
public sealed class WebhookProducer(HeraldClient herald)
{
    /// <summary>Retries after the first attempt.</summary>
    public int Retries { get; init; } = 3;

    /// <summary>Milliseconds before each retry: 1 s, 2 s, 4 s (<c>retried</c> counts the retries already made, 0 before the first).</summary>
    public string RetryDelay { get; init; } = "pow(2, retried) * 1000";

    /// <summary>Queues <paramref name="payload"/> for <paramref name="endpoint"/>; returns Herald's message id.</summary>
    public async Task<string> QueueWebhookAsync(string endpoint, OrderPaidEvent payload, CancellationToken cancellationToken = default)
    {
        var result = await herald.PublishJsonAsync(
            new PublishRequest
            {
                Destination = endpoint,
                Retries = Retries,
                RetryDelay = RetryDelay,
                // Publishing the same event again (a producer that crashed and restarted) is a no-op within the window.
                DeduplicationId = payload.EventId,
                Labels = ["orders"],
            },
            payload,
            SampleJsonContext.Default.OrderPaidEvent,
            cancellationToken);
        return result.Messages[0].MessageId;
    }
}
