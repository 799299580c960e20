using System.Text.Json;
using Herald.Contracts;
using Herald.Contracts.Wire;
using Herald.Core.Ids;
using Herald.Core.Messages;
using Herald.Core.Publishing;

namespace Herald.Core.Delivery;

/// <summary>
/// Builds callback messages: after every attempt for <c>Upstash-Callback</c>, after the final failure for
/// <c>Upstash-Failure-Callback</c>. A callback is an ordinary message (own id, signed for the callback URL,
/// retried, logged), configured by the <c>Upstash-Callback-&lt;X&gt;</c> headers read as <c>Upstash-&lt;X&gt;</c>
/// on a nested publish. A callback of a queued message holds its queue's slot until it finishes.
/// </summary>
public sealed class CallbackFactory(PublishRequestParser parser, IdGenerator ids, TimeProvider timeProvider)
{
    public IReadOnlyList<NewMessage> For(Message message, AttemptResult result, MessageState decision, string? dlqId)
    {
        var spec = message.Spec;
        if (spec.Callback is null && (decision != MessageState.Failed || spec.FailureCallback is null))
        {
            return [];
        }

        var followUps = new List<NewMessage>(2);
        if (spec.Callback is { } callback)
        {
            followUps.Add(Build(message, callback, spec.CallbackHeaders, Body(message, result, null)));
        }

        if (decision == MessageState.Failed && spec.FailureCallback is { } failureCallback)
        {
            followUps.Add(Build(message, failureCallback, spec.FailureCallbackHeaders, Body(message, result, dlqId)));
        }

        return followUps;
    }

    private NewMessage Build(Message source, string url, IReadOnlyDictionary<string, string[]>? configuration, byte[] body)
    {
        var draft = parser.Parse(new PublishInput
        {
            Destination = url,
            Headers = CallbackRequests.Headers(configuration, source.Spec.MaxRetries),
            Body = body,
            CallerIp = source.Spec.CallerIp,
            TraceParent = source.Spec.TraceParent,
        });
        return new NewMessage
        {
            Id = ids.NewMessageId(),
            TenantId = source.TenantId,
            CreatedAt = timeProvider.GetUtcNow(),
            Spec = draft.Spec with { HoldsQueue = source.Spec.QueueName ?? source.Spec.HoldsQueue },
        };
    }

    private static byte[] Body(Message message, AttemptResult result, string? dlqId)
    {
        var spec = message.Spec;
        var body = new CallbackBody
        {
            Status = result.Status ?? 0,
            Header = ToDictionary(result.ResponseHeaders),
            Body = Convert.ToBase64String(result.ResponseBody ?? []),
            Retried = message.Retried,
            MaxRetries = spec.MaxRetries,
            DlqId = dlqId,
            SourceMessageId = message.Id,
            TopicName = spec.TopicName,
            EndpointName = spec.EndpointName,
            Url = spec.Url,
            Method = spec.Method,
            SourceHeader = ToDictionary(spec.Headers),
            SourceBody = Convert.ToBase64String(spec.Body),
            NotBefore = spec.NotBefore.ToUnixTimeMilliseconds(),
            CreatedAt = message.CreatedAt.ToUnixTimeMilliseconds(),
            ScheduleId = spec.ScheduleId,
            CallerIp = spec.CallerIp,
            Error = result.Success ? null : result.Error,
        };
        return JsonSerializer.SerializeToUtf8Bytes(body, HeraldJson.Context.CallbackBody);
    }

    private static Dictionary<string, string[]> ToDictionary(IReadOnlyDictionary<string, string[]>? headers) =>
        headers is null ? [] : new Dictionary<string, string[]>(headers, StringComparer.OrdinalIgnoreCase);
}
