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
public sealed partial class HeraldJsonContext : JsonSerializerContext;
