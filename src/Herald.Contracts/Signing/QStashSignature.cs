using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Herald.Contracts.Signing;

/// <summary>
/// The <c>Upstash-Signature</c> scheme: an HS256 JWT keyed with the UTF-8 bytes of the whole signing key (including
/// its <c>sig_</c> prefix), carrying <c>iss</c> = <c>Upstash</c>, <c>sub</c> = the URL the request is sent to,
/// <c>iat</c>, <c>nbf</c>, <c>exp</c>, a unique <c>jti</c> and <c>body</c> = the base64url SHA-256 of the raw body.
/// </summary>
public static class QStashSignature
{
    /// <summary>The issuer every token carries and every verifier checks.</summary>
    public const string Issuer = "Upstash";

    /// <summary>How long a token is valid after it is issued.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    // {"alg":"HS256","typ":"JWT"} in base64url.
    private const string EncodedHeader = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9";

    /// <summary>Creates the signature token for one delivery.</summary>
    /// <param name="signingKey">The current signing key, e.g. <c>sig_7kYjw48mhY7kAjqNGcy6cr29RJ6r</c>.</param>
    /// <param name="url">The exact URL the request is sent to (becomes <c>sub</c>).</param>
    /// <param name="body">The raw body bytes that are sent.</param>
    /// <param name="issuedAt">The issue time (becomes <c>iat</c>; <c>exp</c> is five minutes later).</param>
    /// <param name="jwtId">The unique token id (becomes <c>jti</c>).</param>
    /// <returns>The compact JWT.</returns>
    public static string Sign(string signingKey, string url, ReadOnlySpan<byte> body, DateTimeOffset issuedAt, string jwtId)
    {
        ArgumentException.ThrowIfNullOrEmpty(signingKey);
        ArgumentNullException.ThrowIfNull(url);
        ArgumentException.ThrowIfNullOrEmpty(jwtId);

        var iat = issuedAt.ToUnixTimeSeconds();
        var payload = new ArrayBufferWriter<byte>(256 + url.Length);
        using (var writer = new Utf8JsonWriter(payload))
        {
            writer.WriteStartObject();
            writer.WriteString("iss"u8, Issuer);
            writer.WriteString("sub"u8, url);
            writer.WriteNumber("exp"u8, iat + (long)Lifetime.TotalSeconds);
            // nbf 0: present for verifiers that require it, and immune to receiver clock skew (QStash does the same).
            writer.WriteNumber("nbf"u8, 0);
            writer.WriteNumber("iat"u8, iat);
            writer.WriteString("jti"u8, jwtId);
            writer.WriteString("body"u8, BodyHash(body));
            writer.WriteEndObject();
        }

        var encodedPayload = Base64Url.EncodeToString(payload.WrittenSpan);
        var signingInput = string.Concat(EncodedHeader, ".", encodedPayload);

        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        var inputBytes = Encoding.ASCII.GetBytes(signingInput);
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(signingKey), inputBytes, mac);
        return string.Concat(signingInput, ".", Base64Url.EncodeToString(mac));
    }

    /// <summary>
    /// The <c>body</c> claim: base64url (RFC 4648 §5) of the SHA-256 of <paramref name="body"/>, with <c>=</c>
    /// padding kept as QStash does; verifiers compare it padding-insensitively.
    /// </summary>
    /// <param name="body">The raw body bytes.</param>
    /// <returns>The encoded hash.</returns>
    public static string BodyHash(ReadOnlySpan<byte> body)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(body, hash);
        Span<char> chars = stackalloc char[44];
        Convert.TryToBase64Chars(hash, chars, out var written);
        for (var i = 0; i < written; i++)
        {
            chars[i] = chars[i] switch
            {
                '+' => '-',
                '/' => '_',
                var c => c,
            };
        }

        return new string(chars[..written]);
    }
}
