using System.Text.Json;

namespace Herald.Bench.Load;

/// <summary>Reads one top-level field of a small JSON response without deserializing it.</summary>
internal static class JsonFields
{
    public static string? String(ReadOnlySpan<byte> json, ReadOnlySpan<byte> name)
    {
        var reader = new Utf8JsonReader(json);
        return Seek(ref reader, name) && reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
    }

    public static long? Int64(ReadOnlySpan<byte> json, ReadOnlySpan<byte> name)
    {
        var reader = new Utf8JsonReader(json);
        return Seek(ref reader, name) && reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var value) ? value : null;
    }

    private static bool Seek(ref Utf8JsonReader reader, ReadOnlySpan<byte> name)
    {
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1 && reader.ValueTextEquals(name))
                {
                    return reader.Read();
                }
            }
        }
        catch (JsonException)
        {
            return false;
        }

        return false;
    }
}
