using Herald.Contracts;
using Herald.Contracts.Wire;
using Herald.Core.Configuration;
using Herald.Core.Schedules;
using Herald.Server.Api.Support;
using Herald.Server.Auth;
using Microsoft.Extensions.Options;

namespace Herald.Server.Api;

/// <summary>
/// <c>/v2/schedules</c>: cron schedules. Create (or replace by <c>Upstash-Schedule-Id</c>) with the destination raw in
/// the path like a publish; read, list, delete; pause and resume with <c>PATCH</c> (the SDKs) or <c>POST</c> (the docs).
/// </summary>
internal static class SchedulesApi
{
    private const string CreatePrefix = "/v2/schedules/";

    public static IEndpointRouteBuilder MapSchedulesApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v2/schedules/{**destination}", CreateAsync).WithName("CreateSchedule").WithSummary("Create or replace a cron schedule");
        var group = app.MapGroup("/v2/schedules");
        group.MapGet("/{scheduleId}", GetAsync).WithName("GetSchedule").WithSummary("Read a schedule");
        group.MapGet("/", ListAsync).WithName("ListSchedules").WithSummary("List schedules");
        group.MapDelete("/{scheduleId}", DeleteAsync).WithName("DeleteSchedule").WithSummary("Delete a schedule");
        group.MapMethods("/{scheduleId}/pause", ["PATCH", "POST"], PauseAsync).WithName("PauseSchedule").WithSummary("Pause a schedule");
        group.MapMethods("/{scheduleId}/resume", ["PATCH", "POST"], ResumeAsync).WithName("ResumeSchedule").WithSummary("Resume a schedule");
        return app;
    }

    private static async Task<IResult> CreateAsync(
        HttpContext context,
        ScheduleManager schedules,
        IOptions<MessageOptions> options,
        CancellationToken cancellationToken)
    {
        var (destination, queryHeaders) = RawDestination.Extract(context, CreatePrefix);
        if (destination.Length == 0)
        {
            throw ApiException.BadRequest("destination is missing: POST /v2/schedules/{url or URL group}");
        }

        var body = await RequestBody.ReadAsync(context.Request, options.Value.MaxBodySize.Bytes, cancellationToken);
        var input = PublishInputs.From(context, destination, queryHeaders, body);
        var scheduleId = await schedules.CreateAsync(context.Tenant().Id, input, cancellationToken);
        return ApiResults.Json(new ScheduleCreateResponse { ScheduleId = scheduleId }, HeraldJson.Context.ScheduleCreateResponse);
    }

    private static async Task<IResult> GetAsync(string scheduleId, HttpContext context, IScheduleStore store, ScheduleManager schedules, CancellationToken cancellationToken)
    {
        var schedule = await store.GetAsync(context.Tenant().Id, scheduleId, cancellationToken)
            ?? throw ApiException.NotFound($"schedule '{scheduleId}' not found");
        return ApiResults.Json(ToResponse(schedule, schedules.Describe(schedule)), HeraldJson.Context.ScheduleResponse);
    }

    private static async Task<IResult> ListAsync(HttpContext context, IScheduleStore store, ScheduleManager schedules, CancellationToken cancellationToken)
    {
        var list = await store.ListAsync(context.Tenant().Id, cancellationToken);
        return ApiResults.Json(list.Select(s => ToResponse(s, schedules.Describe(s))).ToList(), HeraldJson.Context.ListScheduleResponse);
    }

    private static async Task<IResult> DeleteAsync(string scheduleId, HttpContext context, IScheduleStore store, CancellationToken cancellationToken) =>
        await store.DeleteAsync(context.Tenant().Id, scheduleId, cancellationToken)
            ? ApiResults.EmptyObject()
            : throw ApiException.NotFound($"schedule '{scheduleId}' not found");

    private static Task<IResult> PauseAsync(string scheduleId, HttpContext context, ScheduleManager schedules, CancellationToken cancellationToken) =>
        SetPausedAsync(scheduleId, paused: true, context, schedules, cancellationToken);

    private static Task<IResult> ResumeAsync(string scheduleId, HttpContext context, ScheduleManager schedules, CancellationToken cancellationToken) =>
        SetPausedAsync(scheduleId, paused: false, context, schedules, cancellationToken);

    private static async Task<IResult> SetPausedAsync(string scheduleId, bool paused, HttpContext context, ScheduleManager schedules, CancellationToken cancellationToken) =>
        await schedules.SetPausedAsync(context.Tenant().Id, scheduleId, paused, cancellationToken)
            ? ApiResults.EmptyObject()
            : throw ApiException.NotFound($"schedule '{scheduleId}' not found");

    private static ScheduleResponse ToResponse(Schedule schedule, ScheduleSettings settings)
    {
        var spec = settings.Spec;
        var flow = spec.FlowControl;
        var header = Redaction.Headers(spec);
        var (body, bodyBase64) = schedule.Body is { Length: > 0 } ? WireMapper.Text(Redaction.Body(spec)) : (null, null);
        return new ScheduleResponse
        {
            ScheduleId = schedule.Id,
            Cron = schedule.Cron,
            Destination = schedule.Destination,
            CreatedAt = schedule.CreatedAt.ToUnixTimeMilliseconds(),
            Method = spec.Method,
            Header = header.Count > 0 ? header : null,
            Body = body,
            BodyBase64 = bodyBase64,
            Retries = spec.MaxRetries,
            Delay = settings.DelaySeconds,
            Timeout = settings.TimeoutSeconds,
            Callback = spec.Callback,
            FailureCallback = spec.FailureCallback,
            CallbackHeader = ToDictionary(spec.CallbackHeaders),
            FailureCallbackHeader = ToDictionary(spec.FailureCallbackHeaders),
            CallerIpUpper = schedule.CallerIp,
            CallerIp = schedule.CallerIp,
            IsPaused = schedule.Paused,
            QueueName = schedule.QueueName,
            FlowControlKey = flow?.Key,
            Parallelism = flow?.Parallelism,
            Rate = flow?.Rate,
            Period = flow is null ? null : (long)flow.Period.TotalSeconds,
            RetryDelayExpression = spec.RetryDelayExpression,
            Label = spec.Labels.Count > 0 ? spec.Labels[0] : null,
            Labels = spec.Labels.Count > 0 ? [.. spec.Labels] : null,
            LastScheduleTime = schedule.LastScheduleTime?.ToUnixTimeMilliseconds(),
            // A paused schedule has no next tick until it is resumed.
            NextScheduleTime = schedule.Paused ? null : schedule.NextScheduleTime?.ToUnixTimeMilliseconds(),
            LastScheduleStates = schedule.LastScheduleStates.Count > 0
                ? schedule.LastScheduleStates.ToDictionary(s => s.Key, s => StateName(s.Value), StringComparer.Ordinal)
                : null,
            Error = schedule.Error ?? settings.Problem,
        };
    }

    private static string StateName(ScheduleMessageState state) => state switch
    {
        ScheduleMessageState.Success => "SUCCESS",
        ScheduleMessageState.Fail => "FAIL",
        _ => "IN_PROGRESS",
    };

    private static Dictionary<string, string[]>? ToDictionary(IReadOnlyDictionary<string, string[]>? headers) =>
        headers is null or { Count: 0 } ? null : new Dictionary<string, string[]>(headers, StringComparer.OrdinalIgnoreCase);
}
