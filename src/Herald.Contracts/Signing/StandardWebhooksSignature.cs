using System.Security.Cryptography;
using System.Text;

namespace Herald.Contracts.Signing;

/// <summary>
/// The Standard Webhooks signature scheme: <c>webhook-id</c>, <c>webhook-timestamp</c> (Unix seconds) and
/// <c>webhook-signature</c>, a space-separated list of <c>v1,&lt;base64 HMAC-SHA256&gt;</c> over
/// <c>{id}.{timestamp}.{body}</c>, keyed with the base64-decoded part of a <c>whsec_</c> secret. Several secrets
/// give several signatures, so receivers keep verifying while a secret is rotated.
/// </summary>
public static class StandardWebhooksSignature
{
    /// <summary>The header carrying the message id (the same on every attempt).</summary>
    public const string IdHeader = "webhook-id";

    /// <summary>The header carrying the signing time in Unix seconds.</summary>
    public const string TimestampHeader = "webhook-timestamp";

    /// <summary>The header carrying the signatures.</summary>
    public const string SignatureHeader = "webhook-signature";

    /// <summary>The prefix of a secret.</summary>
    public const string SecretPrefix = "whsec_";

    /// <summary>Signs one delivery with one secret: <c>v1,&lt;base64&gt;</c>.</summary>
    /// <param name="secret">A <c>whsec_</c> secret (the prefix is optional).</param>
    /// <param name="messageId">The message id, sent as <c>webhook-id</c>.</param>
    /// <param name="timestamp">The signing time, sent as <c>webhook-timestamp</c>.</param>
    /// <param name="body">The raw body bytes.</param>
    /// <returns>The versioned signature.</returns>
    public static string Sign(string secret, string messageId, DateTimeOffset timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(messageId);
        var key = SecretBytes(secret);
        var prefix = Encoding.UTF8.GetBytes(string.Concat(messageId, ".", timestamp.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), "."));
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        hmac.AppendData(prefix);
        hmac.AppendData(body);
        return "v1," + Convert.ToBase64String(hmac.GetHashAndReset());
    }

    /// <summary>The <c>webhook-signature</c> value for every secret, space-separated.</summary>
    /// <param name="secrets">The secrets, current first.</param>
    /// <param name="messageId">The message id.</param>
    /// <param name="timestamp">The signing time.</param>
    /// <param name="body">The raw body bytes.</param>
    /// <returns>The header value.</returns>
    public static string SignAll(IReadOnlyList<string> secrets, string messageId, DateTimeOffset timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        var signatures = new string[secrets.Count];
        for (var i = 0; i < secrets.Count; i++)
        {
            signatures[i] = Sign(secrets[i], messageId, timestamp, body);
        }

        return string.Join(' ', signatures);
    }

    /// <summary>The HMAC key of a secret: the base64 after the optional <c>whsec_</c> prefix.</summary>
    /// <param name="secret">The secret.</param>
    /// <returns>The key bytes.</returns>
    /// <exception cref="FormatException">The secret is not base64.</exception>
    public static byte[] SecretBytes(string secret)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        var encoded = secret.StartsWith(SecretPrefix, StringComparison.Ordinal) ? secret[SecretPrefix.Length..] : secret;
        return Convert.FromBase64String(encoded);
    }

    /// <summary>A new random secret: <c>whsec_</c> and 32 random bytes in base64.</summary>
    /// <returns>The secret.</returns>
    public static string NewSecret() => SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
}
