using System.Text;
using Herald.Contracts.Wire;
using Herald.Core.Messages;
using Herald.Core.Storage;

namespace Herald.Server.Api.Support;

/// <summary>Domain records to wire shapes (QStash field names, Unix milliseconds, redaction applied).</summary>
internal static class WireMapper
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static MessageResponse ToResponse(Message message)
    {
        var spec = message.Spec;
        var (body, bodyBase64) = Text(Redaction.Body(spec));
        var flow = spec.FlowControl;
        return new MessageResponse
        {
            MessageId = message.Id,
            Url = spec.Url,
            TopicName = spec.TopicName,
            EndpointName = spec.EndpointName,
            Method = spec.Method,
            Header = Redaction.Headers(spec),
            Body = body,
            BodyBase64 = bodyBase64,
            MaxRetries = spec.MaxRetries,
            RetryDelayExpression = spec.RetryDelayExpression,
            NotBefore = spec.NotBefore.ToUnixTimeMilliseconds(),
            CreatedAt = message.CreatedAt.ToUnixTimeMilliseconds(),
            Callback = spec.Callback,
            FailureCallback = spec.FailureCallback,
            CallbackHeader = ToDictionary(spec.CallbackHeaders),
            FailureCallbackHeader = ToDictionary(spec.FailureCallbackHeaders),
            QueueName = spec.QueueName,
            ScheduleId = spec.ScheduleId,
            CallerIpUpper = spec.CallerIp,
            CallerIp = spec.CallerIp,
            FlowControlKey = flow?.Key,
            Parallelism = flow?.Parallelism,
            Rate = flow?.Rate,
            Period = flow is null ? null : (long)flow.Period.TotalSeconds,
            Label = spec.Labels.Count > 0 ? spec.Labels[0] : null,
            Labels = spec.Labels.Count > 0 ? [.. spec.Labels] : null,
            Timeout = (long)spec.Timeout.TotalMilliseconds,
        };
    }

    public static MessageResponse ToResponse(DlqEntry entry)
    {
        var (responseBody, responseBodyBase64) = entry.ResponseBody is { } body ? Text(body) : (null, null);
        return ToResponse(entry.Message) with
        {
            DlqId = entry.DlqId,
            ResponseStatus = entry.ResponseStatus,
            ResponseHeader = ToDictionary(entry.ResponseHeaders) ?? [],
            ResponseBody = responseBody,
            ResponseBodyBase64 = responseBodyBase64,
            Error = entry.Error,
            ErrorCategory = entry.ErrorCategory,
        };
    }

    public static LogEntry ToLogEntry(MessageEvent e)
    {
        var spec = e.Spec;
        var flow = spec?.FlowControl;
        var responseHeaders = ToDictionary(e.ResponseHeaders);
        return new LogEntry
        {
            Time = e.Time.ToUnixTimeMilliseconds(),
            MessageId = e.MessageId,
            State = MessageStateNames.ToWire(e.State),
            Url = e.Url,
            Error = e.Error,
            ErrorCategory = e.ErrorCategory,
            NextDeliveryTime = e.NextDeliveryTime?.ToUnixTimeMilliseconds(),
            Retried = e.Retried,
            TopicName = e.TopicName,
            EndpointName = e.EndpointName,
            QueueName = e.QueueName,
            ScheduleId = e.ScheduleId,
            Header = spec is null ? null : Redaction.Headers(spec),
            Body = spec is null ? null : Convert.ToBase64String(Redaction.Body(spec)),
            ResponseStatus = e.ResponseStatus,
            ResponseBody = e.ResponseBody is { } rb ? Convert.ToBase64String(rb) : null,
            ResponseHeaders = responseHeaders,
            ResponseHeader = responseHeaders,
            Latency = e.Latency is { } latency ? (long)latency.TotalMilliseconds : null,
            Timeout = spec is null ? null : (long)spec.Timeout.TotalMilliseconds,
            Method = spec?.Method,
            Callback = spec?.Callback,
            CallbackHeaders = ToDictionary(spec?.CallbackHeaders),
            FailureCallback = spec?.FailureCallback,
            FailureCallbackHeaders = ToDictionary(spec?.FailureCallbackHeaders),
            MaxRetries = spec?.MaxRetries,
            RetryDelayExpression = spec?.RetryDelayExpression,
            RetryDelayExpr = spec?.RetryDelayExpression,
            Label = spec is { Labels.Count: > 0 } ? spec.Labels[0] : null,
            Labels = spec is { Labels.Count: > 0 } ? [.. spec.Labels] : null,
            FlowControlKey = flow?.Key,
            Parallelism = flow?.Parallelism,
            Rate = flow?.Rate,
            Period = flow is null ? null : (long)flow.Period.TotalSeconds,
            CallerIpUpper = spec?.CallerIp,
            CallerIp = spec?.CallerIp,
        };
    }

    /// <summary>UTF-8 text as is, anything else as base64 (QStash's body / bodyBase64 rule).</summary>
    public static (string? Text, string? Base64) Text(byte[] bytes)
    {
        try
        {
            return (StrictUtf8.GetString(bytes), null);
        }
        catch (DecoderFallbackException)
        {
            return (null, Convert.ToBase64String(bytes));
        }
    }

    private static Dictionary<string, string[]>? ToDictionary(IReadOnlyDictionary<string, string[]>? headers) =>
        headers is null ? null : new Dictionary<string, string[]>(headers, StringComparer.OrdinalIgnoreCase);
}
