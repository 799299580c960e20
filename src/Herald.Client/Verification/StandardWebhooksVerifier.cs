using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Herald.Contracts.Signing;

namespace Herald.Client.Verification;

/// <summary>
/// Verifies a <see href="https://www.standardwebhooks.com/">Standard Webhooks</see> delivery: the
/// <c>webhook-signature</c> header holds space-separated <c>v1,&lt;base64&gt;</c> signatures, each an HMAC-SHA256 of
/// <c>{webhook-id}.{webhook-timestamp}.{body}</c> keyed with the base64-decoded <c>whsec_</c> secret; the timestamp must
/// be within <see cref="Tolerance"/> of now. Several secrets may be given (rotation); any of them may match. Every
/// comparison runs in constant time. Thread-safe. (Senders sign with <see cref="StandardWebhooksSignature"/>.)
/// </summary>
public sealed class StandardWebhooksVerifier
{
    /// <summary>The header with the message id.</summary>
    public const string IdHeader = StandardWebhooksSignature.IdHeader;

    /// <summary>The header with the send time, Unix seconds.</summary>
    public const string TimestampHeader = StandardWebhooksSignature.TimestampHeader;

    /// <summary>The header with the signatures.</summary>
    public const string SignatureHeader = StandardWebhooksSignature.SignatureHeader;

    private const string VersionPrefix = "v1,";

    private readonly byte[][] _secrets;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates a verifier on the system clock with a five-minute tolerance.</summary>
    /// <param name="secrets">The secrets (<c>whsec_</c> followed by base64); the first is the current one.</param>
    public StandardWebhooksVerifier(params string[] secrets)
        : this(secrets, TimeProvider.System)
    {
    }

    /// <summary>Creates a verifier with a five-minute tolerance.</summary>
    /// <param name="secrets">The secrets (<c>whsec_</c> followed by base64); the first is the current one.</param>
    /// <param name="timeProvider">The clock the timestamp is checked against.</param>
    public StandardWebhooksVerifier(IEnumerable<string> secrets, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _secrets = secrets.Select(DecodeSecret).ToArray();
        if (_secrets.Length == 0)
        {
            throw new ArgumentException("give at least one secret", nameof(secrets));
        }

        _timeProvider = timeProvider;
    }

    /// <summary>How far the timestamp may be from now, either way.</summary>
    /// <value>Default: five minutes.</value>
    public TimeSpan Tolerance
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero);
            field = value;
        }
    } = TimeSpan.FromMinutes(5);

    /// <summary>Verifies a delivery.</summary>
    /// <param name="webhookId">The <c>webhook-id</c> header.</param>
    /// <param name="webhookTimestamp">The <c>webhook-timestamp</c> header.</param>
    /// <param name="webhookSignature">The <c>webhook-signature</c> header.</param>
    /// <param name="body">The raw request body, exactly as received.</param>
    /// <returns>Valid, or why not.</returns>
    public SignatureVerificationResult Verify(string? webhookId, string? webhookTimestamp, string? webhookSignature, ReadOnlySpan<byte> body)
    {
        if (string.IsNullOrEmpty(webhookId) || string.IsNullOrEmpty(webhookTimestamp) || string.IsNullOrEmpty(webhookSignature))
        {
            return SignatureVerificationResult.Fail(SignatureFailure.Missing, "webhook-id, webhook-timestamp and webhook-signature are all required");
        }

        if (!long.TryParse(webhookTimestamp.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return SignatureVerificationResult.Fail(SignatureFailure.InvalidTimestamp, "webhook-timestamp is not a Unix time in seconds");
        }

        var timestamp = DateTimeOffset.FromUnixTimeSeconds(seconds);
        var now = _timeProvider.GetUtcNow();
        if (now - timestamp > Tolerance)
        {
            return SignatureVerificationResult.Fail(SignatureFailure.TimestampOutOfTolerance, "webhook-timestamp is too old");
        }

        if (timestamp - now > Tolerance)
        {
            return SignatureVerificationResult.Fail(SignatureFailure.TimestampOutOfTolerance, "webhook-timestamp is too far in the future");
        }

        var content = SignedContent(webhookId, webhookTimestamp.Trim(), body);
        Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
        Span<byte> given = stackalloc byte[HMACSHA256.HashSizeInBytes];
        int? match = null;
        for (var i = 0; i < _secrets.Length; i++)
        {
            HMACSHA256.HashData(_secrets[i], content, expected);
            foreach (var candidate in webhookSignature.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (!candidate.StartsWith(VersionPrefix, StringComparison.Ordinal)
                    || !Convert.TryFromBase64String(candidate[VersionPrefix.Length..], given, out var written)
                    || written != HMACSHA256.HashSizeInBytes)
                {
                    continue;
                }

                if (CryptographicOperations.FixedTimeEquals(expected, given) && match is null)
                {
                    match = i;
                }
            }
        }

        return match is { } keyIndex
            ? SignatureVerificationResult.Valid(keyIndex, subject: null, webhookId, timestamp, expiresAt: null)
            : SignatureVerificationResult.Fail(SignatureFailure.BodyMismatch, "no v1 signature matches the id, timestamp and body with any secret");
    }

    /// <summary>Verifies a delivery with a text body (its UTF-8 bytes).</summary>
    /// <param name="webhookId">The <c>webhook-id</c> header.</param>
    /// <param name="webhookTimestamp">The <c>webhook-timestamp</c> header.</param>
    /// <param name="webhookSignature">The <c>webhook-signature</c> header.</param>
    /// <param name="body">The request body as text.</param>
    /// <returns>Valid, or why not.</returns>
    public SignatureVerificationResult Verify(string? webhookId, string? webhookTimestamp, string? webhookSignature, string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return Verify(webhookId, webhookTimestamp, webhookSignature, Encoding.UTF8.GetBytes(body));
    }

    /// <summary>Verifies a delivery and throws when it is not valid.</summary>
    /// <param name="webhookId">The <c>webhook-id</c> header.</param>
    /// <param name="webhookTimestamp">The <c>webhook-timestamp</c> header.</param>
    /// <param name="webhookSignature">The <c>webhook-signature</c> header.</param>
    /// <param name="body">The raw request body, exactly as received.</param>
    /// <returns>The valid result.</returns>
    /// <exception cref="SignatureVerificationException">The delivery is not valid.</exception>
    public SignatureVerificationResult VerifyOrThrow(string? webhookId, string? webhookTimestamp, string? webhookSignature, ReadOnlySpan<byte> body)
    {
        var result = Verify(webhookId, webhookTimestamp, webhookSignature, body);
        return result.IsValid ? result : throw new SignatureVerificationException(result);
    }

    /// <summary>Verifies a delivery with a text body (its UTF-8 bytes) and throws when it is not valid.</summary>
    /// <param name="webhookId">The <c>webhook-id</c> header.</param>
    /// <param name="webhookTimestamp">The <c>webhook-timestamp</c> header.</param>
    /// <param name="webhookSignature">The <c>webhook-signature</c> header.</param>
    /// <param name="body">The request body as text.</param>
    /// <returns>The valid result.</returns>
    /// <exception cref="SignatureVerificationException">The delivery is not valid.</exception>
    public SignatureVerificationResult VerifyOrThrow(string? webhookId, string? webhookTimestamp, string? webhookSignature, string body)
    {
        var result = Verify(webhookId, webhookTimestamp, webhookSignature, body);
        return result.IsValid ? result : throw new SignatureVerificationException(result);
    }

    private static byte[] SignedContent(string id, string timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes(id + "." + timestamp + ".");
        var content = new byte[prefix.Length + body.Length];
        prefix.CopyTo(content, 0);
        body.CopyTo(content.AsSpan(prefix.Length));
        return content;
    }

    private static byte[] DecodeSecret(string secret)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        try
        {
            var bytes = StandardWebhooksSignature.SecretBytes(secret);
            return bytes.Length > 0 ? bytes : throw new ArgumentException("the secret is empty", nameof(secret));
        }
        catch (FormatException ex)
        {
            throw new ArgumentException("a Standard Webhooks secret is 'whsec_' followed by base64", nameof(secret), ex);
        }
    }
}
