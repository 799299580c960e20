using System.Text.Json;

namespace Herald.Core.Schedules;

/// <summary>How stores persist a schedule's header pairs and last message ids, so every store reads the same JSON.</summary>
public static class ScheduleStoredJson
{
    /// <summary><c>[["Name","value"], ...]</c>, in order, repeats kept.</summary>
    public static string SerializeHeaders(IReadOnlyList<KeyValuePair<string, string>> headers)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var (name, value) in headers)
            {
                writer.WriteStartArray();
                writer.WriteStringValue(name);
                writer.WriteStringValue(value);
                writer.WriteEndArray();
            }

            writer.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static IReadOnlyList<KeyValuePair<string, string>> DeserializeHeaders(string json)
    {
        using var document = JsonDocument.Parse(json);
        var headers = new List<KeyValuePair<string, string>>(document.RootElement.GetArrayLength());
        foreach (var pair in document.RootElement.EnumerateArray())
        {
            headers.Add(new KeyValuePair<string, string>(pair[0].GetString()!, pair[1].GetString()!));
        }

        return headers;
    }

    /// <summary><c>["id", ...]</c>; null for none.</summary>
    public static string? SerializeIds(IReadOnlyList<string> ids)
    {
        if (ids.Count == 0)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var id in ids)
            {
                writer.WriteStringValue(id);
            }

            writer.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static IReadOnlyList<string> DeserializeIds(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return [];
        }

        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.EnumerateArray().Select(e => e.GetString()!)];
    }
}
