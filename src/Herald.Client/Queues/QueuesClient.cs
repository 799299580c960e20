using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Herald.Client.Http;
using Herald.Client.Publishing;
using Herald.Contracts;
using Herald.Contracts.Wire;

namespace Herald.Client.Queues;

/// <summary><c>/v2/queues</c>: queues deliver in enqueue order, <c>parallelism</c> messages at a time.</summary>
public sealed class QueuesClient
{
    private readonly HeraldHttp _http;

    internal QueuesClient(HeraldHttp http) => _http = http;

    /// <summary>Creates a queue or updates its parallelism and paused state (an upsert without <paramref name="paused"/> resumes).</summary>
    /// <param name="queueName">The queue's name (letters, digits, <c>-</c>, <c>_</c>, <c>.</c>).</param>
    /// <param name="parallelism">How many messages may be in progress at once.</param>
    /// <param name="paused">Whether the queue holds its messages back.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the queue is stored.</returns>
    public Task UpsertAsync(string queueName, int parallelism = 1, bool paused = false, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(queueName);
        ArgumentOutOfRangeException.ThrowIfLessThan(parallelism, 1);
        var body = new QueueRequest { QueueName = queueName, Parallelism = parallelism, Paused = paused };
        return _http.SendAsync(_http.CreateJson(HttpMethod.Post, "/v2/queues", body, HeraldJson.Context.QueueRequest), cancellationToken);
    }

    /// <summary>Reads a queue.</summary>
    /// <param name="queueName">The queue's name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The queue with its lag (unfinished messages).</returns>
    /// <exception cref="HeraldApiException">404 when there is no such queue.</exception>
    public Task<QueueResponse> GetAsync(string queueName, CancellationToken cancellationToken = default) =>
        _http.SendAsync(_http.Create(HttpMethod.Get, Path(queueName)), HeraldJson.Context.QueueResponse, cancellationToken);

    /// <summary>Lists the queues.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Every queue.</returns>
    public async Task<IReadOnlyList<QueueResponse>> ListAsync(CancellationToken cancellationToken = default) =>
        await _http.SendAsync(_http.Create(HttpMethod.Get, "/v2/queues"), HeraldJson.Context.ListQueueResponse, cancellationToken).ConfigureAwait(false);

    /// <summary>Deletes a queue; its waiting messages are cancelled.</summary>
    /// <param name="queueName">The queue's name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the queue is deleted.</returns>
    /// <exception cref="HeraldApiException">404 when there is no such queue.</exception>
    public Task DeleteAsync(string queueName, CancellationToken cancellationToken = default) =>
        _http.SendAsync(_http.Create(HttpMethod.Delete, Path(queueName)), cancellationToken);

    /// <summary>Pauses a queue: it accepts messages and delivers none.</summary>
    /// <param name="queueName">The queue's name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the queue is paused.</returns>
    public Task PauseAsync(string queueName, CancellationToken cancellationToken = default) =>
        _http.SendAsync(_http.Create(HttpMethod.Post, Path(queueName) + "/pause"), cancellationToken);

    /// <summary>Resumes a paused queue.</summary>
    /// <param name="queueName">The queue's name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the queue is resumed.</returns>
    public Task ResumeAsync(string queueName, CancellationToken cancellationToken = default) =>
        _http.SendAsync(_http.Create(HttpMethod.Post, Path(queueName) + "/resume"), cancellationToken);

    /// <summary>Enqueues a message into <paramref name="queueName"/> (created on first use), whatever <see cref="PublishRequest.Queue"/> says.</summary>
    /// <param name="queueName">The queue's name.</param>
    /// <param name="request">The message.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The stored message, or one per endpoint of a URL group.</returns>
    public Task<PublishResult> EnqueueAsync(string queueName, PublishRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(queueName);
        ArgumentNullException.ThrowIfNull(request);
        return PublishMessages.PublishAsync(_http, request with { Queue = queueName }, cancellationToken);
    }

    /// <summary>Enqueues <paramref name="value"/> as a JSON body with source-generated metadata.</summary>
    /// <typeparam name="T">The body's type.</typeparam>
    /// <param name="queueName">The queue's name.</param>
    /// <param name="request">The destination and options; its body is replaced.</param>
    /// <param name="value">The body.</param>
    /// <param name="jsonTypeInfo">Metadata for <typeparamref name="T"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The stored message, or one per endpoint of a URL group.</returns>
    public Task<PublishResult> EnqueueJsonAsync<T>(string queueName, PublishRequest request, T value, JsonTypeInfo<T> jsonTypeInfo, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(jsonTypeInfo);
        var json = request with
        {
            Body = JsonSerializer.SerializeToUtf8Bytes(value, jsonTypeInfo),
            ContentType = request.ContentType ?? "application/json",
        };
        return EnqueueAsync(queueName, json, cancellationToken);
    }

    private static string Path(string queueName) => "/v2/queues/" + PathSegment.Escape(queueName, nameof(queueName));
}
