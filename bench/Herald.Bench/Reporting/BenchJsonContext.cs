using System.Text.Json.Serialization;

namespace Herald.Bench.Reporting;

/// <summary>Source-generated serialization of the results file.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(BenchReport))]
internal sealed partial class BenchJsonContext : JsonSerializerContext;
