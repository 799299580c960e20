namespace Herald.Client.Verification;

/// <summary>Why a signature was not accepted.</summary>
public enum SignatureFailure
{
    /// <summary>The signature is valid.</summary>
    None,

    /// <summary>No signature (or, for Standard Webhooks, a missing <c>webhook-id</c>, <c>-timestamp</c> or <c>-signature</c> header).</summary>
    Missing,

    /// <summary>The token or header is not well formed (not three base64url parts, not JSON, a claim of the wrong type).</summary>
    Malformed,

    /// <summary>The token's <c>alg</c> is not <c>HS256</c> (<c>none</c>, <c>HS512</c>, anything else).</summary>
    UnsupportedAlgorithm,

    /// <summary>No key produced the signature: a wrong key, or a changed header or payload.</summary>
    InvalidSignature,

    /// <summary>The issuer (<c>iss</c>) is not <c>Upstash</c>.</summary>
    InvalidIssuer,

    /// <summary>The token expired (<c>exp</c>), beyond the clock tolerance.</summary>
    Expired,

    /// <summary>The token is not valid yet (<c>nbf</c>), beyond the clock tolerance.</summary>
    NotYetValid,

    /// <summary>The token was issued for another URL (<c>sub</c>).</summary>
    UrlMismatch,

    /// <summary>The body is not the one signed (<c>body</c> claim, or the Standard Webhooks signed content).</summary>
    BodyMismatch,

    /// <summary>Standard Webhooks: <c>webhook-timestamp</c> is not a Unix time in seconds.</summary>
    InvalidTimestamp,

    /// <summary>Standard Webhooks: <c>webhook-timestamp</c> is further from now than the tolerance (a replay, or a skewed clock).</summary>
    TimestampOutOfTolerance,
}
