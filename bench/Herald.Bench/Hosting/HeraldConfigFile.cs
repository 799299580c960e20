using System.Globalization;
using System.Text.Json.Nodes;

namespace Herald.Bench.Hosting;

/// <summary>
/// The generated <c>--config</c> file: one tenant, bound to 127.0.0.1, loopback deliveries allowed, SQLite with
/// <c>synchronous=FULL</c> (Herald's default, written out explicitly), plus the <c>--config-override</c> settings.
/// </summary>
internal static class HeraldConfigFile
{
    public const string TenantId = "bench";

    private static readonly System.Text.Json.JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static string Create(string token, IReadOnlyList<KeyValuePair<string, string>> overrides)
    {
        var root = new JsonObject
        {
            ["Server"] = new JsonObject { ["Address"] = "127.0.0.1" },
            ["Tenants"] = new JsonArray(new JsonObject { ["Id"] = TenantId, ["Token"] = token }),
            ["Storage"] = new JsonObject { ["Sqlite"] = new JsonObject { ["Synchronous"] = "Full" } },
            ["Egress"] = new JsonObject { ["AllowedNetworks"] = new JsonArray("127.0.0.0/8") },
        };
        foreach (var (key, value) in overrides)
        {
            Set(root, key.Split(':', StringSplitOptions.RemoveEmptyEntries), value);
        }

        return root.ToJsonString(Indented);
    }

    /// <summary>Sets <c>A:B:0:C</c>: objects are created on the way, a numeric segment indexes (and grows) an array.</summary>
    private static void Set(JsonNode node, string[] path, string value)
    {
        if (path.Length == 0)
        {
            throw new ArgumentException("--config-override needs a key");
        }

        for (var i = 0; i < path.Length; i++)
        {
            var last = i == path.Length - 1;
            JsonNode? child = last ? JsonValue.Create(value) : null;
            if (node is JsonArray array && int.TryParse(path[i], NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                while (array.Count <= index)
                {
                    array.Add(null);
                }

                if (last)
                {
                    array[index] = child;
                    return;
                }

                node = array[index] ??= new JsonObject();
                continue;
            }

            if (node is not JsonObject obj)
            {
                throw new ArgumentException($"--config-override {string.Join(':', path)}: '{path[i - 1]}' is not a section");
            }

            var existing = obj.FirstOrDefault(p => string.Equals(p.Key, path[i], StringComparison.OrdinalIgnoreCase));
            var name = existing.Key ?? path[i];
            if (last)
            {
                obj[name] = child;
                return;
            }

            if (existing.Value is null || existing.Value is JsonValue)
            {
                obj[name] = new JsonObject();
            }

            node = obj[name]!;
        }
    }
}
