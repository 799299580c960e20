using System.Security.Cryptography;
using System.Text;
using Herald.Core.Messages;

namespace Herald.Server.Api.Support;

/// <summary>
/// Applies <c>Upstash-Redact-Fields</c> to what the API shows: a redacted value becomes
/// <c>REDACTED:&lt;hex SHA-256 of the value&gt;</c>. Deliveries always carry the original.
/// </summary>
internal static class Redaction
{
    public static byte[] Body(MessageSpec spec) =>
        spec.Redact is { Body: true } ? Encoding.UTF8.GetBytes(Redacted(spec.Body)) : spec.Body;

    public static Dictionary<string, string[]> Headers(MessageSpec spec)
    {
        var result = new Dictionary<string, string[]>(spec.Headers.Count, StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in spec.Headers)
        {
            result[name] = spec.Redact is { } redact && redact.IsHeaderRedacted(name)
                ? values.Select(v => Redacted(Encoding.UTF8.GetBytes(v))).ToArray()
                : values;
        }

        return result;
    }

    private static string Redacted(byte[] value) => "REDACTED:" + Convert.ToHexStringLower(SHA256.HashData(value));
}
