using Herald.Core.Messages;

namespace Herald.Testing.Storage;

/// <summary>Field-by-field comparison of specs (records holding lists and dictionaries compare by reference).</summary>
public static class SpecAssert
{
    public static void Equal(MessageSpec expected, MessageSpec actual)
    {
        Assert.Equal(expected.Url, actual.Url);
        Assert.Equal(expected.TopicName, actual.TopicName);
        Assert.Equal(expected.EndpointName, actual.EndpointName);
        Assert.Equal(expected.QueueName, actual.QueueName);
        Assert.Equal(expected.ScheduleId, actual.ScheduleId);
        Assert.Equal(expected.Method, actual.Method);
        HeadersEqual(expected.Headers, actual.Headers);
        Assert.Equal(expected.Body, actual.Body);
        Assert.Equal(expected.MaxRetries, actual.MaxRetries);
        Assert.Equal(expected.RetryDelayExpression, actual.RetryDelayExpression);
        Assert.Equal(expected.Timeout, actual.Timeout);
        Assert.Equal(expected.NotBefore, actual.NotBefore);
        Assert.Equal(expected.CallerIp, actual.CallerIp);
        Assert.Equal(expected.Labels, actual.Labels);
        Assert.Equal(expected.FlowControl, actual.FlowControl);
        Assert.Equal(expected.Callback, actual.Callback);
        Assert.Equal(expected.FailureCallback, actual.FailureCallback);
        HeadersEqual(expected.CallbackHeaders, actual.CallbackHeaders);
        HeadersEqual(expected.FailureCallbackHeaders, actual.FailureCallbackHeaders);
        if (expected.Redact is null)
        {
            Assert.Null(actual.Redact);
        }
        else
        {
            Assert.NotNull(actual.Redact);
            Assert.Equal(expected.Redact.Body, actual.Redact.Body);
            Assert.Equal(expected.Redact.AllHeaders, actual.Redact.AllHeaders);
            Assert.Equal(expected.Redact.Headers, actual.Redact.Headers);
        }

        Assert.Equal(expected.TraceParent, actual.TraceParent);
    }

    /// <summary>Same names (exact spelling, same order) and the same values in the same order; null and empty are alike.</summary>
    public static void HeadersEqual(IReadOnlyDictionary<string, string[]>? expected, IReadOnlyDictionary<string, string[]>? actual)
    {
        if (expected is null or { Count: 0 })
        {
            Assert.True(actual is null or { Count: 0 }, $"expected no headers, got {actual?.Count}");
            return;
        }

        Assert.NotNull(actual);
        Assert.Equal(expected.Keys, actual.Keys);
        foreach (var (name, values) in expected)
        {
            Assert.Equal(values, actual[name]);
        }
    }
}
