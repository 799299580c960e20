using System.Text.Json;
using System.Text.Json.Serialization;

namespace Herald.Samples.Producer;

/// <summary>Source-generated JSON for the payload (camelCase, as the consumer expects).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(OrderPaidEvent))]
internal sealed partial class SampleJsonContext : JsonSerializerContext;
