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
    IDeliveryHandOff handOff,
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

    /// <summary>
    /// Stores the messages in one durable transaction; returns only after it is synced. Messages due now outside
    /// queues and flow control are stored already claimed and handed to the engine when it has free slots and no
    /// older work is waiting; the rest wake the dispatcher.
    /// </summary>
    public Task<IReadOnlyList<PublishOutcome>> StoreAsync(IReadOnlyList<NewMessage> messages, CancellationToken cancellationToken)
    {
        var (toStore, claimed) = ClaimForHandOff(messages);

        // Once the write is queued it must not be abandoned halfway: the client may go away, the commit (and the
        // hand-off of what it claimed) still happens.
        return StoreAndHandOffAsync(toStore, claimed).WaitAsync(cancellationToken);
    }

    private (IReadOnlyList<NewMessage> Messages, int Claimed) ClaimForHandOff(IReadOnlyList<NewMessage> messages)
    {
        var now = timeProvider.GetUtcNow();
        var eligible = 0;
        foreach (var message in messages)
        {
            eligible += CanHandOff(message.Spec, now) ? 1 : 0;
        }

        var reserved = handOff.TryReserve(eligible, now);
        if (reserved == 0)
        {
            return (messages, 0);
        }

        var result = new NewMessage[messages.Count];
        var claimed = 0;
        for (var i = 0; i < messages.Count; i++)
        {
            var message = messages[i];
            if (claimed < reserved && CanHandOff(message.Spec, now))
            {
                message = message with { Claim = handOff.NewClaim(message.Spec, now) };
                claimed++;
            }

            result[i] = message;
        }

        return (result, claimed);
    }

    private static bool CanHandOff(MessageSpec spec, DateTimeOffset now) =>
        spec.NotBefore <= now && !spec.IsGated;

    private async Task<IReadOnlyList<PublishOutcome>> StoreAndHandOffAsync(IReadOnlyList<NewMessage> messages, int claimed)
    {
        IReadOnlyList<PublishOutcome> outcomes;
        try
        {
            outcomes = await store.Messages.PublishAsync(messages, CancellationToken.None).ConfigureAwait(false);
        }
        catch
        {
            handOff.Unreserve(claimed);
            throw;
        }

        var stored = 0;
        var earliest = DateTimeOffset.MaxValue;
        for (var i = 0; i < outcomes.Count; i++)
        {
            var message = messages[i];
            if (outcomes[i].Deduplicated)
            {
                if (message.Claim is not null)
                {
                    handOff.Unreserve(1);
                }

                continue;
            }

            stored++;
            if (message.Claim is not null)
            {
                handOff.Start(message);
            }
            else if (message.Spec.NotBefore < earliest)
            {
                earliest = message.Spec.NotBefore;
            }
        }

        metrics.Published(stored, outcomes.Count - stored);
        if (earliest != DateTimeOffset.MaxValue)
        {
            signal.MessagesStored(earliest);
        }

        return outcomes;
    }
}
