using System.Text.Json.Serialization;

namespace Herald.Client.Tests.Support;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(OrderPlaced))]
internal sealed partial class TestJsonContext : JsonSerializerContext;
