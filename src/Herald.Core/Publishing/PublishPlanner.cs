using Herald.Core.Messages;
using Herald.Core.Storage;

namespace Herald.Core.Publishing;

/// <summary>
/// Turns a validated publish into the messages to store: one for a URL, one per endpoint for a URL group (each with
/// its own id, retries, DLQ entry and callbacks), placed in a queue when one is named.
/// </summary>
public sealed class PublishPlanner(IHeraldStore store, MessagePublisher publisher)
{
    public async Task<IReadOnlyList<NewMessage>> PlanAsync(string tenantId, PublishDraft draft, string? queueName, CancellationToken cancellationToken)
    {
        if (queueName is not null)
        {
            ResourceNames.Validate(queueName, "queue name");
        }

        if (draft.UrlGroup is null)
        {
            return [publisher.Create(tenantId, draft.Spec with { QueueName = queueName }, draft.DedupKey)];
        }

        var group = await store.UrlGroups.GetAsync(tenantId, draft.UrlGroup, cancellationToken).ConfigureAwait(false)
            ?? throw new NotFoundException($"URL group '{draft.UrlGroup}' not found");
        var messages = new List<NewMessage>(group.Endpoints.Count);
        foreach (var endpoint in group.Endpoints)
        {
            var spec = draft.Spec with
            {
                Url = endpoint.Url,
                TopicName = group.Name,
                EndpointName = endpoint.Name,
                QueueName = queueName,
            };

            // Deduplication applies per endpoint, so a repeated group publish answers with every original id.
            var dedupKey = draft.DedupKey is null ? null : string.Concat(draft.DedupKey, "\n", endpoint.Url, "\n", endpoint.Name);
            messages.Add(publisher.Create(tenantId, spec, dedupKey));
        }

        return messages;
    }
}
