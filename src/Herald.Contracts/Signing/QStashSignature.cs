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

        Span<byte> bodyHash = stackalloc byte[BodyHashLength];
        WriteBodyHash(body, bodyHash);
        var payload = Payload.Write(url, issuedAt.ToUnixTimeSeconds(), jwtId, bodyHash);

        // header "." payload "." signature, built once in one rented buffer; the HMAC covers the first two parts.
        var inputLength = EncodedHeader.Length + 1 + Base64Url.GetEncodedLength(payload.Length);
        var tokenLength = inputLength + 1 + Base64Url.GetEncodedLength(HMACSHA256.HashSizeInBytes);
        var rented = ArrayPool<byte>.Shared.Rent(tokenLength);
        try
        {
            var token = rented.AsSpan(0, tokenLength);
            var written = Encoding.ASCII.GetBytes(EncodedHeader, token);
            token[written++] = (byte)'.';
            written += Base64Url.EncodeToUtf8(payload, token[written..]);
            token[written++] = (byte)'.';

            Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
            var keyLength = Encoding.UTF8.GetByteCount(signingKey);
            var key = keyLength <= 256 ? stackalloc byte[keyLength] : new byte[keyLength];
            Encoding.UTF8.GetBytes(signingKey, key);
            HMACSHA256.HashData(key, token[..inputLength], mac);
            Base64Url.EncodeToUtf8(mac, token[written..]);
            return Encoding.ASCII.GetString(token);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// The <c>body</c> claim: base64url (RFC 4648 §5) of the SHA-256 of <paramref name="body"/>, with <c>=</c>
    /// padding kept as QStash does; verifiers compare it padding-insensitively.
    /// </summary>
    /// <param name="body">The raw body bytes.</param>
    /// <returns>The encoded hash.</returns>
    public static string BodyHash(ReadOnlySpan<byte> body)
    {
        Span<byte> encoded = stackalloc byte[BodyHashLength];
        WriteBodyHash(body, encoded);
        return Encoding.ASCII.GetString(encoded);
    }

    // base64 of 32 bytes: 43 characters and one '=' of padding.
    private const int BodyHashLength = 44;

    private static void WriteBodyHash(ReadOnlySpan<byte> body, Span<byte> encoded)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(body, hash);
        Base64.EncodeToUtf8(hash, encoded, out _, out _);
        for (var i = 0; i < encoded.Length; i++)
        {
            encoded[i] = encoded[i] switch
            {
                (byte)'+' => (byte)'-',
                (byte)'/' => (byte)'_',
                var c => c,
            };
        }
    }

    /// <summary>The claims as JSON, written into a per-thread buffer that the next call on the thread reuses.</summary>
    private static class Payload
    {
        [ThreadStatic]
        private static ArrayBufferWriter<byte>? t_buffer;

        [ThreadStatic]
        private static Utf8JsonWriter? t_writer;

        public static ReadOnlySpan<byte> Write(string url, long iat, string jwtId, ReadOnlySpan<byte> bodyHash)
        {
            var buffer = t_buffer ??= new ArrayBufferWriter<byte>(512);
            buffer.ResetWrittenCount();
            var writer = t_writer ??= new Utf8JsonWriter(buffer);
            writer.Reset(buffer);
            writer.WriteStartObject();
            writer.WriteString("iss"u8, Issuer);
            writer.WriteString("sub"u8, url);
            writer.WriteNumber("exp"u8, iat + (long)Lifetime.TotalSeconds);
            // nbf 0: present for verifiers that require it, and immune to receiver clock skew (QStash does the same).
            writer.WriteNumber("nbf"u8, 0);
            writer.WriteNumber("iat"u8, iat);
            writer.WriteString("jti"u8, jwtId);
            writer.WriteString("body"u8, bodyHash);
            writer.WriteEndObject();
            writer.Flush();
            return buffer.WrittenSpan;
        }
    }
}
