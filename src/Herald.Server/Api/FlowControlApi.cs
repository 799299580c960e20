using Herald.Contracts;
using Herald.Contracts.Wire;
using Herald.Core.Configuration;
using Herald.Core.Delivery;
using Herald.Core.FlowControls;
using Herald.Core.Publishing;
using Herald.Core.Storage;
using Herald.Server.Api.Support;
using Herald.Server.Auth;
using Microsoft.Extensions.Options;

namespace Herald.Server.Api;

/// <summary><c>/v2/flowControl</c> and <c>/v2/globalParallelism</c>: flow-control keys and their management.</summary>
internal static class FlowControlApi
{
    private static readonly HashSet<string> ListParameters = new(StringComparer.Ordinal) { "search" };
    private static readonly HashSet<string> PinParameters = new(StringComparer.Ordinal) { "parallelism", "rate", "period" };
    private static readonly HashSet<string> UnpinParameters = new(StringComparer.Ordinal) { "parallelism", "rate" };
    private static readonly HashSet<string> NoParameters = new(StringComparer.Ordinal);

    public static IEndpointRouteBuilder MapFlowControlApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v2/flowControl");
        group.MapGet("/", ListAsync).WithName("ListFlowControlKeys").WithSummary("List flow-control keys");
        group.MapGet("/{key}", GetAsync).WithName("GetFlowControlKey").WithSummary("Read a flow-control key");
        group.MapPost("/{key}/pause", PauseAsync).WithName("PauseFlowControlKey").WithSummary("Pause a key");
        group.MapPost("/{key}/resume", ResumeAsync).WithName("ResumeFlowControlKey").WithSummary("Resume a key");
        group.MapPost("/{key}/pin", PinAsync).WithName("PinFlowControlKey").WithSummary("Pin parallelism and/or rate");
        group.MapPost("/{key}/unpin", UnpinAsync).WithName("UnpinFlowControlKey").WithSummary("Unpin parallelism and/or rate");
        group.MapPost("/{key}/resetRate", ResetRateAsync).WithName("ResetFlowControlRate").WithSummary("Start a new rate period now");
        group.MapPost("/{key}/reset", ResetRateAsync).WithName("ResetFlowControlKey").WithSummary("Start a new rate period now");
        app.MapGet("/v2/globalParallelism", GlobalParallelism).WithName("GlobalParallelism").WithSummary("This node's attempt limit and count");
        return app;
    }

    private static async Task<IResult> ListAsync(HttpContext context, IHeraldStore store, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var query = QueryReader.For(context.Request, ListParameters);
        var keys = await store.FlowControl.ListAsync(context.Tenant().Id, query.One("search"), timeProvider.GetUtcNow(), cancellationToken);
        return ApiResults.Json(keys.Select(ToResponse).ToList(), HeraldJson.Context.ListFlowControlResponse);
    }

    private static async Task<IResult> GetAsync(string key, HttpContext context, IHeraldStore store, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var state = await store.FlowControl.GetAsync(context.Tenant().Id, key, timeProvider.GetUtcNow(), cancellationToken)
            ?? throw ApiException.NotFound($"flow-control key '{key}' not found");
        return ApiResults.Json(ToResponse(state), HeraldJson.Context.FlowControlResponse);
    }

    private static Task<IResult> PauseAsync(string key, HttpContext context, FlowServices services, CancellationToken cancellationToken) =>
        ChangeAsync(key, context, services, NoParameters, (store, tenant, now) => store.SetPausedAsync(tenant, key, true, now, cancellationToken));

    private static Task<IResult> ResumeAsync(string key, HttpContext context, FlowServices services, CancellationToken cancellationToken) =>
        ChangeAsync(key, context, services, NoParameters, (store, tenant, now) => store.SetPausedAsync(tenant, key, false, now, cancellationToken));

    private static Task<IResult> ResetRateAsync(string key, HttpContext context, FlowServices services, CancellationToken cancellationToken) =>
        ChangeAsync(key, context, services, NoParameters, (store, tenant, now) => store.ResetRateAsync(tenant, key, now, cancellationToken));

    private static Task<IResult> PinAsync(string key, HttpContext context, FlowServices services, CancellationToken cancellationToken)
    {
        var query = QueryReader.For(context.Request, PinParameters);
        var parallelism = query.Int("parallelism", 1, QueuesApi.MaxParallelism);
        var rate = query.Int("rate", 1, 1_000_000);
        var periodSeconds = query.Int("period", 1, (int)FlowControlValue.MaxPeriod.TotalSeconds);
        if (parallelism is null && rate is null && periodSeconds is null)
        {
            throw ApiException.BadRequest("pin needs parallelism, rate or period");
        }

        TimeSpan? period = periodSeconds is { } s ? TimeSpan.FromSeconds(s) : null;
        return ChangeAsync(key, context, services, PinParameters, (store, tenant, now) => store.PinAsync(tenant, key, parallelism, rate, period, now, cancellationToken));
    }

    private static Task<IResult> UnpinAsync(string key, HttpContext context, FlowServices services, CancellationToken cancellationToken)
    {
        var query = QueryReader.For(context.Request, UnpinParameters);
        var parallelism = Flag(query, "parallelism");
        var rate = Flag(query, "rate");
        return ChangeAsync(key, context, services, UnpinParameters, (store, tenant, now) => store.UnpinAsync(tenant, key, parallelism, rate, now, cancellationToken));
    }

    private static IResult GlobalParallelism(DeliveryEngine engine, IOptions<DeliveryOptions> options) =>
        ApiResults.Json(new GlobalParallelismResponse(options.Value.MaxConcurrency, engine.InFlightCount), HeraldJson.Context.GlobalParallelismResponse);

    private static async Task<IResult> ChangeAsync(
        string key,
        HttpContext context,
        FlowServices services,
        IReadOnlySet<string> allowed,
        Func<IFlowControlStore, string, DateTimeOffset, Task<bool>> change)
    {
        QueryReader.For(context.Request, allowed);
        var now = services.TimeProvider.GetUtcNow();
        if (!await change(services.Store.FlowControl, context.Tenant().Id, now))
        {
            throw ApiException.NotFound($"flow-control key '{key}' not found");
        }

        services.Signal.MessagesStored(now);
        return ApiResults.EmptyObject();
    }

    private static bool Flag(QueryReader query, string name) => query.One(name) switch
    {
        null => false,
        var v when v.Equals("true", StringComparison.OrdinalIgnoreCase) => true,
        var v when v.Equals("false", StringComparison.OrdinalIgnoreCase) => false,
        var v => throw ApiException.BadRequest($"invalid {name} '{v}': expected true or false"),
    };

    private static FlowControlResponse ToResponse(FlowControlState state) => new()
    {
        FlowControlKey = state.Key,
        WaitListSize = state.WaitListSize,
        ParallelismMax = state.ParallelismMax,
        ParallelismCount = state.ParallelismCount,
        RateMax = state.RateMax,
        RateCount = state.RateCount,
        RatePeriod = (long)state.RatePeriod.TotalSeconds,
        RatePeriodStart = state.RatePeriodStart.ToUnixTimeSeconds(),
        IsPaused = state.IsPaused,
        IsPinnedParallelism = state.IsPinnedParallelism,
        IsPinnedRate = state.IsPinnedRate,
    };
}
