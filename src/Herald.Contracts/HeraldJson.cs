using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Herald.Contracts;

/// <summary>
/// The JSON settings of the wire: camelCase, nulls omitted, and characters such as <c>"</c> and <c>&lt;</c> written
/// as themselves rather than <c>\u0022</c> (the API serves JSON, never HTML).
/// </summary>
public static class HeraldJson
{
    /// <summary>Serializer options backed by the source-generated <see cref="HeraldJsonContext"/>.</summary>
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The wire context with <see cref="Options"/>; use its type-info properties to (de)serialize.</summary>
    public static readonly HeraldJsonContext Context = new(Options);
}
