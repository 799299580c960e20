using System.Security.Cryptography;
using System.Text;
using Herald.Contracts.Headers;
using Herald.Core.Messages;

namespace Herald.Core.Publishing;

/// <summary>
/// The deduplication key of a publish: the explicit <c>Upstash-Deduplication-Id</c>, or with
/// <c>Upstash-Content-Based-Deduplication: true</c> a SHA-256 of the destination, the forwarded headers (content
/// type included, in name order) and the body; the destination is a URL or a URL-group name. Telemetry headers never reach the hash.
/// </summary>
internal static class DeduplicationKeys
{
    private const int MaxIdLength = 512;

    public static string? From(PublishHeaderSet headers, string destination, MessageSpec spec)
    {
        var explicitId = headers.Single(UpstashHeaders.DeduplicationId);
        if (explicitId is not null)
        {
            explicitId = explicitId.Trim();
            if (explicitId.Length is 0 or > MaxIdLength || !HeaderName.IsValidValue(explicitId))
            {
                throw new PublishRejectedException($"invalid {UpstashHeaders.DeduplicationId}: 1 to {MaxIdLength} printable characters");
            }

            return "id:" + explicitId;
        }

        var contentBased = headers.Single(UpstashHeaders.ContentBasedDeduplication);
        if (contentBased is null)
        {
            return null;
        }

        if (!bool.TryParse(contentBased.Trim(), out var enabled))
        {
            throw new PublishRejectedException($"invalid {UpstashHeaders.ContentBasedDeduplication} '{contentBased}': expected true or false");
        }

        return enabled ? "cb:" + ContentHash(destination, spec) : null;
    }

    private static string ContentHash(string destination, MessageSpec spec)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Append(hash, destination);
        foreach (var (name, values) in spec.Headers.OrderBy(h => h.Key, StringComparer.OrdinalIgnoreCase))
        {
            Append(hash, name);
            foreach (var value in values)
            {
                Append(hash, value);
            }
        }

        hash.AppendData(spec.Body);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static void Append(IncrementalHash hash, string text)
    {
        hash.AppendData(Encoding.UTF8.GetBytes(text));
        hash.AppendData("\n"u8);
    }
}
