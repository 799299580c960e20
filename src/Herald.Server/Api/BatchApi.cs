using System.Text;
using System.Text.Json;
using Herald.Contracts;
using Herald.Contracts.Wire;
using Herald.Core;
using Herald.Core.Messages;
using Herald.Core.Publishing;
using Herald.Server.Api.Support;
using Herald.Server.Auth;

namespace Herald.Server.Api;

/// <summary>
/// <c>POST /v2/batch</c>: many publishes in one request and one durable write. Each item is validated on its own;
/// an invalid item answers <c>{"error": ...}</c> in its position and the others are stored. The answer is an array
/// aligned with the input (a nested array for a URL-group item).
/// </summary>
internal static class BatchApi
{
    public const int MaxItems = 1000;

    public static IEndpointRouteBuilder MapBatchApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v2/batch", BatchAsync).WithName("Batch").WithSummary("Publish or enqueue many messages at once");
        return app;
    }

    private static async Task<IResult> BatchAsync(HttpContext context, PublishServices services, CancellationToken cancellationToken)
    {
        var tenant = context.Tenant();
        var body = await RequestBody.ReadAsync(context.Request, context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<HeraldServerOptions>>().Value.MaxRequestBodySize.Bytes, cancellationToken);
        List<BatchItem> items;
        try
        {
            items = JsonSerializer.Deserialize(body, HeraldJson.Context.ListBatchItem) ?? throw ApiException.BadRequest("the batch body must be a JSON array");
        }
        catch (JsonException ex)
        {
            throw ApiException.BadRequest("the batch body must be a JSON array of {destination, headers, body, queue}: " + ex.Message);
        }

        if (items.Count > MaxItems)
        {
            throw ApiException.BadRequest($"a batch holds at most {MaxItems} items");
        }

        var plans = new List<ItemPlan>(items.Count);
        foreach (var item in items)
        {
            plans.Add(await PlanAsync(context, services, tenant.Id, item, cancellationToken));
        }

        var messages = plans.Where(p => p.Messages is not null).SelectMany(p => p.Messages!).ToList();
        var outcomes = messages.Count == 0 ? [] : await services.Publisher.StoreAsync(messages, cancellationToken);
        return Results.Bytes(Write(plans, messages, outcomes), "application/json");
    }

    private static async Task<ItemPlan> PlanAsync(HttpContext context, PublishServices services, string tenantId, BatchItem? item, CancellationToken cancellationToken)
    {
        try
        {
            if (item?.Destination is not { Length: > 0 } destination)
            {
                throw new PublishRejectedException("batch item needs a destination");
            }

            var body = Encoding.UTF8.GetBytes(item.Body ?? "");
            if (body.Length > services.Options.Value.MaxBodySize.Bytes)
            {
                throw new PublishRejectedException($"message body is larger than the limit of {services.Options.Value.MaxBodySize.Bytes} bytes");
            }

            var headers = (item.Headers ?? []).Select(h => new KeyValuePair<string, string>(h.Key, h.Value ?? "")).ToList();
            var input = new PublishInput
            {
                Destination = destination,
                Headers = headers,
                Body = body,
                CallerIp = PublishInputs.CallerIp(context),
                TraceParent = context.Request.Headers.TryGetValue("traceparent", out var trace) ? trace.ToString() : null,
            };
            var draft = services.Parser.Parse(input);
            var messages = await services.Planner.PlanAsync(tenantId, draft, string.IsNullOrEmpty(item.Queue) ? null : item.Queue, cancellationToken);
            return new ItemPlan(messages, draft.UrlGroup is not null, null);
        }
        catch (Exception ex) when (ex is PublishRejectedException or NotFoundException)
        {
            return new ItemPlan(null, false, ex.Message);
        }
    }

    /// <summary>The answer array, built in memory: the messages are already stored, so writing cannot fail halfway.</summary>
    private static byte[] Write(List<ItemPlan> plans, List<NewMessage> messages, IReadOnlyList<Core.Storage.PublishOutcome> outcomes)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = HeraldJson.Options.Encoder });
        writer.WriteStartArray();
        var next = 0;
        foreach (var plan in plans)
        {
            if (plan.Error is not null)
            {
                JsonSerializer.Serialize(writer, new ErrorResponse(plan.Error), HeraldJson.Context.ErrorResponse);
                continue;
            }

            var count = plan.Messages!.Count;
            var responses = PublishApi.Responses(messages.GetRange(next, count), outcomes.Skip(next).Take(count).ToList());
            next += count;
            if (plan.IsUrlGroup)
            {
                JsonSerializer.Serialize(writer, responses, HeraldJson.Context.ListPublishResponse);
            }
            else
            {
                JsonSerializer.Serialize(writer, responses[0], HeraldJson.Context.PublishResponse);
            }
        }

        writer.WriteEndArray();
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    private sealed record ItemPlan(IReadOnlyList<NewMessage>? Messages, bool IsUrlGroup, string? Error);
}
