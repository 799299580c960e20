using Herald.Core.Configuration;
using Herald.Core.Delivery;
using Herald.Core.Diagnostics;
using Herald.Core.Ids;
using Herald.Core.Messages;
using Herald.Core.Storage;
using Microsoft.Extensions.Options;

namespace Herald.Core.Publishing;

/// <summary>Stores validated publishes durably and wakes the dispatcher.</summary>
public sealed class MessagePublisher(
    IHeraldStore store,
    IdGenerator ids,
    IOptions<MessageOptions> options,
    IDeliverySignal signal,
    HeraldMetrics metrics,
    TimeProvider timeProvider)
{
    /// <summary>A new message for <paramref name="spec"/> with a fresh id and, when given, a deduplication key.</summary>
    public NewMessage Create(string tenantId, MessageSpec spec, string? dedupKey)
    {
        var now = timeProvider.GetUtcNow();
        return new NewMessage
        {
            Id = ids.NewMessageId(),
            TenantId = tenantId,
            CreatedAt = now,
            Spec = spec,
            DedupKey = dedupKey,
            DedupExpiresAt = now + options.Value.DeduplicationWindow,
        };
    }

    /// <summary>Stores the messages in one durable transaction; returns only after it is synced.</summary>
    public async Task<IReadOnlyList<PublishOutcome>> StoreAsync(IReadOnlyList<NewMessage> messages, CancellationToken cancellationToken)
    {
        // Once the write is queued it must not be abandoned halfway: the client may go away, the commit still happens.
        var outcomes = await store.Messages.PublishAsync(messages, CancellationToken.None).WaitAsync(cancellationToken).ConfigureAwait(false);
        var stored = 0;
        var earliest = DateTimeOffset.MaxValue;
        for (var i = 0; i < outcomes.Count; i++)
        {
            if (!outcomes[i].Deduplicated)
            {
                stored++;
                if (messages[i].Spec.NotBefore < earliest)
                {
                    earliest = messages[i].Spec.NotBefore;
                }
            }
        }

        metrics.Published(stored, outcomes.Count - stored);
        if (stored > 0)
        {
            signal.MessagesStored(earliest);
        }

        return outcomes;
    }
}
