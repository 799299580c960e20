using System.Text.Json.Serialization;
using Herald.Contracts.Wire;

namespace Herald.Contracts;

/// <summary>Source-generated JSON metadata for every wire type (camelCase, nulls omitted).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = false)]
[JsonSerializable(typeof(ErrorResponse))]
[JsonSerializable(typeof(PublishResponse))]
[JsonSerializable(typeof(List<PublishResponse>))]
[JsonSerializable(typeof(MessageResponse))]
[JsonSerializable(typeof(DlqListResponse))]
[JsonSerializable(typeof(CancelResponse))]
[JsonSerializable(typeof(DlqDeleteResponse))]
[JsonSerializable(typeof(DlqRetryResponse))]
[JsonSerializable(typeof(SigningKeysResponse))]
[JsonSerializable(typeof(LogEntry))]
[JsonSerializable(typeof(EventsResponse))]
[JsonSerializable(typeof(LogsResponse))]
[JsonSerializable(typeof(IdListRequest))]
[JsonSerializable(typeof(List<BatchItem>))]
[JsonSerializable(typeof(BatchItem))]
[JsonSerializable(typeof(List<List<PublishResponse>>))]
[JsonSerializable(typeof(UrlGroupEndpointsRequest))]
[JsonSerializable(typeof(UrlGroupResponse))]
[JsonSerializable(typeof(List<UrlGroupResponse>))]
[JsonSerializable(typeof(QueueRequest))]
[JsonSerializable(typeof(QueueResponse))]
[JsonSerializable(typeof(List<QueueResponse>))]
[JsonSerializable(typeof(FlowControlResponse))]
[JsonSerializable(typeof(List<FlowControlResponse>))]
[JsonSerializable(typeof(GlobalParallelismResponse))]
[JsonSerializable(typeof(ScheduleCreateResponse))]
[JsonSerializable(typeof(ScheduleResponse))]
[JsonSerializable(typeof(List<ScheduleResponse>))]
[JsonSerializable(typeof(CallbackBody))]
[JsonSerializable(typeof(UrlGroupSigningRequest))]
[JsonSerializable(typeof(UrlGroupSigningResponse))]
public sealed partial class HeraldJsonContext : JsonSerializerContext;
