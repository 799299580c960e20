using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Herald.Contracts.Headers;
using Herald.Contracts.Signing;

namespace Herald.Client.Verification;

/// <summary>
/// Verifies the <c>Upstash-Signature</c> header of a delivery from Herald or Upstash QStash (what QStash's
/// <c>Receiver</c> does): an HS256 JWT keyed with the UTF-8 bytes of the whole <c>sig_...</c> signing key, with
/// <c>iss</c> = <c>Upstash</c>, <c>exp</c>/<c>nbf</c> checked against an injected clock with a tolerance, <c>body</c> =
/// the base64url SHA-256 of the raw body, and optionally <c>sub</c> = the URL the request was sent to. The current key
/// is tried, then the next one, so deliveries keep verifying across a key rotation. Every comparison runs in constant
/// time. Thread-safe.
/// </summary>
/// <example>
/// <code>
/// var verifier = new SignatureVerifier(currentSigningKey, nextSigningKey);
/// var result = verifier.Verify(request.Headers["Upstash-Signature"], rawBody, "https://api.example.com/hooks");
/// if (!result.IsValid) { return Results.Unauthorized(); }
/// </code>
/// </example>
public sealed class SignatureVerifier
{
    private const string Algorithm = "HS256";

    private readonly byte[][] _keys;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _clockTolerance;

    /// <summary>Creates a verifier on the system clock with no clock tolerance.</summary>
    /// <param name="currentSigningKey">The current signing key (<c>QSTASH_CURRENT_SIGNING_KEY</c>).</param>
    /// <param name="nextSigningKey">The next signing key (<c>QSTASH_NEXT_SIGNING_KEY</c>); <see langword="null"/> to accept only the current one.</param>
    public SignatureVerifier(string currentSigningKey, string? nextSigningKey)
        : this(currentSigningKey, nextSigningKey, TimeProvider.System, TimeSpan.Zero)
    {
    }

    /// <summary>Creates a verifier.</summary>
    /// <param name="currentSigningKey">The current signing key (<c>QSTASH_CURRENT_SIGNING_KEY</c>).</param>
    /// <param name="nextSigningKey">The next signing key (<c>QSTASH_NEXT_SIGNING_KEY</c>); <see langword="null"/> to accept only the current one.</param>
    /// <param name="timeProvider">The clock <c>exp</c> and <c>nbf</c> are checked against.</param>
    /// <param name="clockTolerance">How far the sender's and this clock may disagree (zero or more).</param>
    public SignatureVerifier(string currentSigningKey, string? nextSigningKey, TimeProvider timeProvider, TimeSpan clockTolerance)
    {
        ArgumentException.ThrowIfNullOrEmpty(currentSigningKey);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentOutOfRangeException.ThrowIfLessThan(clockTolerance, TimeSpan.Zero);
        _keys = string.IsNullOrEmpty(nextSigningKey)
            ? [Encoding.UTF8.GetBytes(currentSigningKey)]
            : [Encoding.UTF8.GetBytes(currentSigningKey), Encoding.UTF8.GetBytes(nextSigningKey)];
        _timeProvider = timeProvider;
        _clockTolerance = clockTolerance;
    }

    /// <summary>The name of the header that carries the signature.</summary>
    public const string HeaderName = UpstashHeaders.Signature;

    /// <summary>Verifies a signature over a body.</summary>
    /// <param name="signature">The <c>Upstash-Signature</c> header value.</param>
    /// <param name="body">The raw request body, exactly as received.</param>
    /// <param name="url">The URL the request was sent to, to check <c>sub</c>; <see langword="null"/> to skip that check.</param>
    /// <returns>Valid, or why not.</returns>
    public SignatureVerificationResult Verify(string? signature, ReadOnlySpan<byte> body, string? url = null)
    {
        if (string.IsNullOrEmpty(signature))
        {
            return SignatureVerificationResult.Fail(SignatureFailure.Missing, "no Upstash-Signature");
        }

        var parts = signature.Trim().Split('.');
        if (parts.Length != 3 || parts[0].Length == 0 || parts[1].Length == 0)
        {
            return SignatureVerificationResult.Fail(SignatureFailure.Malformed, "the signature is not a JWT (three base64url parts)");
        }

        // The header first: alg must be HS256 before the token is trusted with anything (no "none", no other HMAC).
        if (Decode(parts[0]) is not { } header || ReadHeader(header) is not ({ } algorithm, var critical))
        {
            return SignatureVerificationResult.Fail(SignatureFailure.Malformed, "the JWT header is not a JSON object with an alg");
        }

        // RFC 7515 §4.1.11: extensions a verifier does not understand must be refused, and none are understood here.
        if (critical)
        {
            return SignatureVerificationResult.Fail(SignatureFailure.Malformed, "the JWT header has critical extensions (crit)");
        }

        if (!ConstantTimeEquals(algorithm, Algorithm))
        {
            return SignatureVerificationResult.Fail(SignatureFailure.UnsupportedAlgorithm, $"alg '{algorithm}' is not {Algorithm}");
        }

        if (Decode(parts[2]) is not { Length: HMACSHA256.HashSizeInBytes } mac)
        {
            return SignatureVerificationResult.Fail(SignatureFailure.InvalidSignature, "the JWT signature is not an HMAC-SHA256");
        }

        if (MatchingKey(parts[0], parts[1], mac) is not { } keyIndex)
        {
            return SignatureVerificationResult.Fail(SignatureFailure.InvalidSignature, "no signing key produced this signature");
        }

        // Signed by a key we hold: the claims can be read.
        return Decode(parts[1]) is { } payload
            ? CheckClaims(payload, body, url, keyIndex)
            : SignatureVerificationResult.Fail(SignatureFailure.Malformed, "the JWT payload is not base64url");
    }

    /// <summary>Verifies a signature over a text body (its UTF-8 bytes).</summary>
    /// <param name="signature">The <c>Upstash-Signature</c> header value.</param>
    /// <param name="body">The request body as text.</param>
    /// <param name="url">The URL the request was sent to, to check <c>sub</c>; <see langword="null"/> to skip that check.</param>
    /// <returns>Valid, or why not.</returns>
    public SignatureVerificationResult Verify(string? signature, string body, string? url = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        return Verify(signature, Encoding.UTF8.GetBytes(body), url);
    }

    /// <summary>Verifies a signature over a body and throws when it is not valid.</summary>
    /// <param name="signature">The <c>Upstash-Signature</c> header value.</param>
    /// <param name="body">The raw request body, exactly as received.</param>
    /// <param name="url">The URL the request was sent to, to check <c>sub</c>; <see langword="null"/> to skip that check.</param>
    /// <returns>The valid result (which key, the claims).</returns>
    /// <exception cref="SignatureVerificationException">The signature is not valid.</exception>
    public SignatureVerificationResult VerifyOrThrow(string? signature, ReadOnlySpan<byte> body, string? url = null)
    {
        var result = Verify(signature, body, url);
        return result.IsValid ? result : throw new SignatureVerificationException(result);
    }

    /// <summary>Verifies a signature over a text body and throws when it is not valid.</summary>
    /// <param name="signature">The <c>Upstash-Signature</c> header value.</param>
    /// <param name="body">The request body as text.</param>
    /// <param name="url">The URL the request was sent to, to check <c>sub</c>; <see langword="null"/> to skip that check.</param>
    /// <returns>The valid result (which key, the claims).</returns>
    /// <exception cref="SignatureVerificationException">The signature is not valid.</exception>
    public SignatureVerificationResult VerifyOrThrow(string? signature, string body, string? url = null)
    {
        var result = Verify(signature, body, url);
        return result.IsValid ? result : throw new SignatureVerificationException(result);
    }

    /// <summary>Which key signed <c>header.payload</c>; every key is tried so the time taken does not tell which.</summary>
    private int? MatchingKey(string encodedHeader, string encodedPayload, byte[] mac)
    {
        var input = Encoding.ASCII.GetBytes(encodedHeader + "." + encodedPayload);
        Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
        int? match = null;
        for (var i = 0; i < _keys.Length; i++)
        {
            HMACSHA256.HashData(_keys[i], input, expected);
            if (CryptographicOperations.FixedTimeEquals(expected, mac) && match is null)
            {
                match = i;
            }
        }

        return match;
    }

    private SignatureVerificationResult CheckClaims(byte[] payload, ReadOnlySpan<byte> body, string? url, int keyIndex)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(payload);
        }
        catch (JsonException)
        {
            return SignatureVerificationResult.Fail(SignatureFailure.Malformed, "the JWT payload is not JSON");
        }

        using (document)
        {
            var claims = document.RootElement;
            if (claims.ValueKind != JsonValueKind.Object)
            {
                return SignatureVerificationResult.Fail(SignatureFailure.Malformed, "the JWT payload is not a JSON object");
            }

            if (String(claims, "iss") is not { } issuer || !ConstantTimeEquals(issuer, QStashSignature.Issuer))
            {
                return SignatureVerificationResult.Fail(SignatureFailure.InvalidIssuer, $"iss is not {QStashSignature.Issuer}");
            }

            if (!TryTime(claims, "exp", out var expiresAt) || expiresAt is null)
            {
                return SignatureVerificationResult.Fail(SignatureFailure.Malformed, "exp is missing or not a Unix time");
            }

            if (!TryTime(claims, "nbf", out var notBefore) || !TryTime(claims, "iat", out var issuedAt))
            {
                return SignatureVerificationResult.Fail(SignatureFailure.Malformed, "nbf or iat is not a Unix time");
            }

            var now = _timeProvider.GetUtcNow();
            if (now >= expiresAt.Value + _clockTolerance)
            {
                return SignatureVerificationResult.Fail(SignatureFailure.Expired, $"the token expired at {expiresAt.Value:O}");
            }

            if (notBefore is { } nbf && now + _clockTolerance < nbf)
            {
                return SignatureVerificationResult.Fail(SignatureFailure.NotYetValid, $"the token is not valid before {nbf:O}");
            }

            var subject = String(claims, "sub");
            if (url is not null && (subject is null || !ConstantTimeEquals(subject, url)))
            {
                return SignatureVerificationResult.Fail(SignatureFailure.UrlMismatch, "the token was issued for another URL");
            }

            if (String(claims, "body") is not { } bodyClaim
                || !ConstantTimeEquals(bodyClaim.TrimEnd('='), QStashSignature.BodyHash(body).TrimEnd('=')))
            {
                return SignatureVerificationResult.Fail(SignatureFailure.BodyMismatch, "the body is not the one that was signed");
            }

            return SignatureVerificationResult.Valid(keyIndex, subject, String(claims, "jti"), issuedAt, expiresAt);
        }
    }

    private static (string? Algorithm, bool Critical) ReadHeader(byte[] header)
    {
        try
        {
            using var document = JsonDocument.Parse(header);
            var root = document.RootElement;
            return root.ValueKind == JsonValueKind.Object ? (String(root, "alg"), root.TryGetProperty("crit", out _)) : (null, false);
        }
        catch (JsonException)
        {
            return (null, false);
        }
    }

    private static string? String(JsonElement claims, string name) =>
        claims.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>A NumericDate claim; absent is fine (null), present but not a usable number is not.</summary>
    private static bool TryTime(JsonElement claims, string name, out DateTimeOffset? time)
    {
        time = null;
        if (!claims.TryGetProperty(name, out var value))
        {
            return true;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var seconds) || !double.IsFinite(seconds))
        {
            return false;
        }

        var whole = Math.Floor(seconds);
        if (whole < DateTimeOffset.MinValue.ToUnixTimeSeconds() || whole > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return false;
        }

        time = DateTimeOffset.FromUnixTimeSeconds((long)whole);
        return true;
    }

    private static byte[]? Decode(string base64Url)
    {
        try
        {
            return Base64Url.DecodeFromChars(base64Url);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static bool ConstantTimeEquals(string actual, string expected) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(actual), Encoding.UTF8.GetBytes(expected));
}
