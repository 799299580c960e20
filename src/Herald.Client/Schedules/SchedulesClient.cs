using Herald.Client.Http;
using Herald.Client.Publishing;
using Herald.Contracts;
using Herald.Contracts.Headers;
using Herald.Contracts.Wire;

namespace Herald.Client.Schedules;

/// <summary><c>/v2/schedules</c>: cron schedules that publish messages.</summary>
public sealed class SchedulesClient
{
    private readonly HeraldHttp _http;

    internal SchedulesClient(HeraldHttp http) => _http = http;

    /// <summary>Creates a schedule, or replaces the one with <see cref="ScheduleRequest.ScheduleId"/>.</summary>
    /// <param name="request">The schedule.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The schedule id.</returns>
    public async Task<string> CreateAsync(ScheduleRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Cron, nameof(request.Cron));
        var headers = PublishHeaders.Build(request);
        headers.Add(new(UpstashHeaders.Cron, request.Cron));
        if (request.ScheduleId is { } scheduleId)
        {
            headers.Add(new(UpstashHeaders.ScheduleId, scheduleId));
        }

        if (request.Queue is { } queue)
        {
            headers.Add(new(UpstashHeaders.QueueName, queue));
        }

        var message = _http.Create(HttpMethod.Post, "/v2/schedules/" + PublishMessages.Destination(request.Destination));
        try
        {
            message.Content = PublishMessages.Content(request.Body, request.ContentType);
            PublishHeaders.Apply(message, headers);
        }
        catch
        {
            message.Dispose();
            throw;
        }

        var response = await _http.SendAsync(message, HeraldJson.Context.ScheduleCreateResponse, cancellationToken).ConfigureAwait(false);
        return response.ScheduleId;
    }

    /// <summary>Reads a schedule.</summary>
    /// <param name="scheduleId">The schedule id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The schedule with its settings and last and next ticks.</returns>
    /// <exception cref="HeraldApiException">404 when there is no such schedule.</exception>
    public Task<ScheduleResponse> GetAsync(string scheduleId, CancellationToken cancellationToken = default) =>
        _http.SendAsync(_http.Create(HttpMethod.Get, Path(scheduleId)), HeraldJson.Context.ScheduleResponse, cancellationToken);

    /// <summary>Lists the schedules, oldest first.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Every schedule.</returns>
    public async Task<IReadOnlyList<ScheduleResponse>> ListAsync(CancellationToken cancellationToken = default) =>
        await _http.SendAsync(_http.Create(HttpMethod.Get, "/v2/schedules"), HeraldJson.Context.ListScheduleResponse, cancellationToken).ConfigureAwait(false);

    /// <summary>Deletes a schedule; messages it already created continue.</summary>
    /// <param name="scheduleId">The schedule id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the schedule is deleted.</returns>
    /// <exception cref="HeraldApiException">404 when there is no such schedule.</exception>
    public Task DeleteAsync(string scheduleId, CancellationToken cancellationToken = default) =>
        _http.SendAsync(_http.Create(HttpMethod.Delete, Path(scheduleId)), cancellationToken);

    /// <summary>Pauses a schedule: it does not fire until resumed.</summary>
    /// <param name="scheduleId">The schedule id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the schedule is paused.</returns>
    public Task PauseAsync(string scheduleId, CancellationToken cancellationToken = default) =>
        _http.SendAsync(_http.Create(HttpMethod.Patch, Path(scheduleId) + "/pause"), cancellationToken);

    /// <summary>Resumes a schedule from its next tick after now.</summary>
    /// <param name="scheduleId">The schedule id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the schedule is resumed.</returns>
    public Task ResumeAsync(string scheduleId, CancellationToken cancellationToken = default) =>
        _http.SendAsync(_http.Create(HttpMethod.Patch, Path(scheduleId) + "/resume"), cancellationToken);

    private static string Path(string scheduleId) => "/v2/schedules/" + PathSegment.Escape(scheduleId, nameof(scheduleId));
}
