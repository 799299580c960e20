using System.Text.Json;
using Herald.Contracts;
using Herald.Contracts.Wire;
using Herald.Core.Delivery;
using Herald.Core.Publishing;
using Herald.Core.Queues;
using Herald.Core.Storage;
using Herald.Server.Api.Support;
using Herald.Server.Auth;

namespace Herald.Server.Api;

/// <summary><c>/v2/queues</c>: FIFO queues (created on first enqueue or here).</summary>
internal static class QueuesApi
{
    public const int MaxParallelism = 1000;

    public static IEndpointRouteBuilder MapQueuesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v2/queues");
        group.MapPost("/", UpsertAsync).WithName("UpsertQueue").WithSummary("Create or update a queue");
        group.MapGet("/{name}", GetAsync).WithName("GetQueue").WithSummary("Read a queue");
        group.MapGet("/", ListAsync).WithName("ListQueues").WithSummary("List queues");
        group.MapDelete("/{name}", DeleteAsync).WithName("DeleteQueue").WithSummary("Delete a queue and cancel its messages");
        group.MapPost("/{name}/pause", PauseAsync).WithName("PauseQueue").WithSummary("Pause a queue");
        group.MapPost("/{name}/resume", ResumeAsync).WithName("ResumeQueue").WithSummary("Resume a queue");
        return app;
    }

    private static async Task<IResult> UpsertAsync(HttpContext context, IHeraldStore store, IDeliverySignal signal, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadAsync(context.Request, 64 * 1024, cancellationToken);
        QueueRequest? request;
        try
        {
            request = JsonSerializer.Deserialize(body, HeraldJson.Context.QueueRequest);
        }
        catch (JsonException ex)
        {
            throw ApiException.BadRequest("expected {\"queueName\", \"parallelism\", \"paused\"}: " + ex.Message);
        }

        var name = ResourceNames.Validate(request?.QueueName, "queue name");
        var parallelism = request?.Parallelism ?? 1;
        if (parallelism is < 1 or > MaxParallelism)
        {
            throw ApiException.BadRequest($"parallelism must be from 1 to {MaxParallelism}");
        }

        var now = timeProvider.GetUtcNow();
        await store.Queues.UpsertAsync(context.Tenant().Id, name, parallelism, request?.Paused ?? false, now, cancellationToken);
        signal.MessagesStored(now);
        return ApiResults.EmptyObject();
    }

    private static async Task<IResult> GetAsync(string name, HttpContext context, IHeraldStore store, CancellationToken cancellationToken)
    {
        var queue = await store.Queues.GetAsync(context.Tenant().Id, name, cancellationToken)
            ?? throw ApiException.NotFound($"queue '{name}' not found");
        return ApiResults.Json(ToResponse(queue), HeraldJson.Context.QueueResponse);
    }

    private static async Task<IResult> ListAsync(HttpContext context, IHeraldStore store, CancellationToken cancellationToken)
    {
        var queues = await store.Queues.ListAsync(context.Tenant().Id, cancellationToken);
        return ApiResults.Json(queues.Select(ToResponse).ToList(), HeraldJson.Context.ListQueueResponse);
    }

    private static async Task<IResult> DeleteAsync(string name, HttpContext context, IHeraldStore store, TimeProvider timeProvider, CancellationToken cancellationToken) =>
        await store.Queues.DeleteAsync(context.Tenant().Id, name, timeProvider.GetUtcNow(), cancellationToken)
            ? ApiResults.EmptyObject()
            : throw ApiException.NotFound($"queue '{name}' not found");

    private static Task<IResult> PauseAsync(string name, HttpContext context, IHeraldStore store, IDeliverySignal signal, TimeProvider timeProvider, CancellationToken cancellationToken) =>
        SetPausedAsync(name, paused: true, context, store, signal, timeProvider, cancellationToken);

    private static Task<IResult> ResumeAsync(string name, HttpContext context, IHeraldStore store, IDeliverySignal signal, TimeProvider timeProvider, CancellationToken cancellationToken) =>
        SetPausedAsync(name, paused: false, context, store, signal, timeProvider, cancellationToken);

    private static async Task<IResult> SetPausedAsync(string name, bool paused, HttpContext context, IHeraldStore store, IDeliverySignal signal, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        if (!await store.Queues.SetPausedAsync(context.Tenant().Id, name, paused, now, cancellationToken))
        {
            throw ApiException.NotFound($"queue '{name}' not found");
        }

        signal.MessagesStored(now);
        return ApiResults.EmptyObject();
    }

    private static QueueResponse ToResponse(QueueInfo queue) => new()
    {
        Name = queue.Name,
        CreatedAt = queue.CreatedAt.ToUnixTimeMilliseconds(),
        UpdatedAt = queue.UpdatedAt.ToUnixTimeMilliseconds(),
        Parallelism = queue.Parallelism,
        Lag = queue.Lag,
        Paused = queue.Paused,
    };
}
