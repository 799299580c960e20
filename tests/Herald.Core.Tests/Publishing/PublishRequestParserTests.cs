using Herald.Core.Configuration;
using Herald.Core.Egress;
using Herald.Core.Publishing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Herald.Core.Tests.Publishing;

public sealed class PublishRequestParserTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Parse_NoConfiguration_UsesDefaults()
    {
        var draft = Parse([]);

        Assert.Equal("POST", draft.Spec.Method);
        Assert.Equal(3, draft.Spec.MaxRetries);
        Assert.Equal(TimeSpan.FromSeconds(30), draft.Spec.Timeout);
        Assert.Equal(Now, draft.Spec.NotBefore);
        Assert.Empty(draft.Spec.Headers);
        Assert.Null(draft.DedupKey);
        Assert.Null(draft.Spec.Callback);
    }

    [Fact]
    public void Parse_ForwardsOnlyContentTypeAndPrefixedHeaders_Canonicalised()
    {
        var draft = Parse([
            ("content-type", "application/json"),
            ("upstash-forward-x-api-key", "k1"),
            ("Upstash-Forward-X-Api-Key", "k2"),
            ("Upstash-Forward-Upstash-Workflow-RunId", "wfr_1"),
            ("Authorization", "Bearer herald-token"),
            ("X-Plain", "dropped"),
            ("Upstash-Telemetry-Runtime", "node@v20"),
            ("Accept", "*/*")]);

        Assert.Equal(["Content-Type", "X-Api-Key", "Upstash-Workflow-Runid"], draft.Spec.Headers.Keys);
        Assert.Equal(["k1", "k2"], draft.Spec.Headers["X-Api-Key"]);
    }

    [Fact]
    public void Parse_PlainContentTypeWinsOverForwardedOne()
    {
        var draft = Parse([("Upstash-Forward-Content-Type", "text/plain"), ("Content-Type", "application/json")]);

        Assert.Equal(["application/json"], draft.Spec.Headers["Content-Type"]);
        Assert.Single(draft.Spec.Headers);
    }

    [Fact]
    public void Parse_HeaderForwardTrue_ForwardsRequestHeadersExceptAuthAndHopByHop()
    {
        var draft = Parse([
            ("Upstash-Header-Forward", "true"),
            ("X-Github-Event", "push"),
            ("Authorization", "Bearer herald-token"),
            ("Connection", "keep-alive"),
            ("Host", "herald.local"),
            ("Upstash-Retries", "1")]);

        Assert.Equal(["push"], draft.Spec.Headers["X-Github-Event"]);
        Assert.False(draft.Spec.Headers.ContainsKey("Authorization"));
        Assert.False(draft.Spec.Headers.ContainsKey("Connection"));
        Assert.False(draft.Spec.Headers.ContainsKey("Host"));
        Assert.False(draft.Spec.Headers.ContainsKey("Upstash-Retries"));
    }

    [Fact]
    public void Parse_DelayAndNotBefore_NotBeforeWins()
    {
        Assert.Equal(Now.AddMinutes(90), Parse([("Upstash-Delay", "1h30m")]).Spec.NotBefore);
        Assert.Equal(Now.AddMilliseconds(250), Parse([("Upstash-Delay", "250ms")]).Spec.NotBefore);
        Assert.Equal(Now.AddSeconds(30), Parse([("Upstash-Delay", "30")]).Spec.NotBefore);
        var notBefore = Now.AddDays(2).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(Now.AddDays(2), Parse([("Upstash-Delay", "10s"), ("Upstash-Not-Before", notBefore)]).Spec.NotBefore);
        Assert.Equal(Now, Parse([("Upstash-Not-Before", "1")]).Spec.NotBefore);
    }

    [Fact]
    public void Parse_Labels_SplitTrimDeduplicateKeepOrder()
    {
        var draft = Parse([("Upstash-Label", " b , a,b,,c ")]);

        Assert.Equal(["b", "a", "c"], draft.Spec.Labels);
    }

    [Theory]
    [InlineData("parallelism=3, rate=5, period=1m", 3, 5, 60)]
    [InlineData("rate=10,parallelism=20,period=1m", 20, 10, 60)]
    [InlineData("  rate = 7 ", null, 7, 1)]
    [InlineData("parallelism=1", 1, null, 1)]
    [InlineData("Rate=2, Period=1d", null, 2, 86400)]
    public void Parse_FlowControlValue_IsLenient(string value, int? parallelism, int? rate, int periodSeconds)
    {
        var flow = Parse([("Upstash-Flow-Control-Key", "k"), ("Upstash-Flow-Control-Value", value)]).Spec.FlowControl!;

        Assert.Equal("k", flow.Key);
        Assert.Equal(parallelism, flow.Parallelism);
        Assert.Equal(rate, flow.Rate);
        Assert.Equal(TimeSpan.FromSeconds(periodSeconds), flow.Period);
    }

    [Theory]
    [InlineData("rate=0")]
    [InlineData("period=1m")]
    [InlineData("burst=3")]
    [InlineData("rate=5, period=8d")]
    public void Parse_FlowControlValue_Invalid_IsRejected(string value) =>
        Assert.Throws<PublishRejectedException>(() => Parse([("Upstash-Flow-Control-Key", "k"), ("Upstash-Flow-Control-Value", value)]));

    [Fact]
    public void Parse_RedactFields_AcceptsSdkAndDocsSpellings()
    {
        var redact = Parse([("Upstash-Redact-Fields", "body, header[authorization], headers[X-Secret]")]).Spec.Redact!;

        Assert.True(redact.Body);
        Assert.False(redact.AllHeaders);
        Assert.True(redact.IsHeaderRedacted("Authorization"));
        Assert.True(redact.IsHeaderRedacted("x-secret"));
        Assert.False(redact.IsHeaderRedacted("Content-Type"));
        Assert.True(Parse([("Upstash-Redact-Fields", "headers")]).Spec.Redact!.AllHeaders);
    }

    [Fact]
    public void Parse_CallbackOptions_AreKeptWithoutTheirPrefix()
    {
        var spec = Parse([
            ("Upstash-Callback", "https://example.com/cb"),
            ("Upstash-Callback-Retries", "2"),
            ("Upstash-Callback-Forward-X-Trace", "t"),
            ("Upstash-Failure-Callback", "https://example.com/fail"),
            ("Upstash-Failure-Callback-Method", "PUT")]).Spec;

        Assert.Equal("https://example.com/cb", spec.Callback);
        Assert.Equal(["2"], spec.CallbackHeaders!["Retries"]);
        Assert.Equal(["t"], spec.CallbackHeaders["Forward-X-Trace"]);
        Assert.Equal(["PUT"], spec.FailureCallbackHeaders!["Method"]);
    }

    [Fact]
    public void Parse_Deduplication_ExplicitIdOrContentHash()
    {
        Assert.Equal("id:order-1", Parse([("Upstash-Deduplication-Id", " order-1 ")]).DedupKey);
        Assert.Null(Parse([("Upstash-Content-Based-Deduplication", "False")]).DedupKey);

        var a = Parse([("Upstash-Content-Based-Deduplication", "true"), ("Upstash-Telemetry-Sdk", "one")], body: "x").DedupKey;
        var b = Parse([("Upstash-Content-Based-Deduplication", "True"), ("Upstash-Telemetry-Sdk", "two")], body: "x").DedupKey;
        var c = Parse([("Upstash-Content-Based-Deduplication", "true"), ("Upstash-Forward-X", "1")], body: "x").DedupKey;
        var d = Parse([("Upstash-Content-Based-Deduplication", "true")], body: "y").DedupKey;
        Assert.StartsWith("cb:", a, StringComparison.Ordinal);
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        Assert.NotEqual(a, d);
    }

    [Fact]
    public void ApplyOverrides_TakesOnlyTheGivenConfiguration()
    {
        var original = Parse([("Upstash-Retries", "5"), ("Upstash-Timeout", "10s"), ("Upstash-Method", "PUT"), ("Upstash-Delay", "1h")]).Spec;
        var parser = CreateSut();

        var retried = parser.ApplyOverrides(original, [new("Upstash-Retries", "0")]);

        Assert.Equal(0, retried.MaxRetries);
        Assert.Equal(TimeSpan.FromSeconds(10), retried.Timeout);
        Assert.Equal("PUT", retried.Method);
        Assert.Equal(Now, retried.NotBefore);
    }

    private static PublishDraft Parse((string Name, string Value)[] headers, string body = "{}") =>
        CreateSut().Parse(new PublishInput
        {
            Destination = "https://example.com/hook",
            Headers = headers.Select(h => new KeyValuePair<string, string>(h.Name, h.Value)).ToList(),
            Body = System.Text.Encoding.UTF8.GetBytes(body),
        });

    private static PublishRequestParser CreateSut() =>
        new(Options.Create(new MessageOptions()), new DestinationValidator(EgressPolicy.Default), new FakeTimeProvider(Now));
}
