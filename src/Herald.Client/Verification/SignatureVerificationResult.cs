namespace Herald.Client.Verification;

/// <summary>The outcome of verifying a signature: valid, or the reason it is not.</summary>
public sealed class SignatureVerificationResult
{
    private SignatureVerificationResult(SignatureFailure failure, string? reason)
    {
        Failure = failure;
        Reason = reason;
    }

    /// <summary>Whether the signature is valid; when it is not, <see cref="Failure"/> and <see cref="Reason"/> say why.</summary>
    public bool IsValid => Failure == SignatureFailure.None;

    /// <summary>Why the signature was refused; <see cref="SignatureFailure.None"/> when it is valid.</summary>
    public SignatureFailure Failure { get; }

    /// <summary>A sentence on why the signature was refused; <see langword="null"/> when it is valid.</summary>
    public string? Reason { get; }

    /// <summary>
    /// Which key verified the signature: 0 for the current key (or the first secret), 1 for the next key (or the
    /// second secret), and so on; <see langword="null"/> when none did.
    /// </summary>
    public int? KeyIndex { get; private init; }

    /// <summary>QStash: the URL the token was issued for (<c>sub</c>); Standard Webhooks: <see langword="null"/>.</summary>
    public string? Subject { get; private init; }

    /// <summary>QStash: the token id (<c>jti</c>); Standard Webhooks: the <c>webhook-id</c>.</summary>
    public string? Id { get; private init; }

    /// <summary>QStash: when the token was issued (<c>iat</c>); Standard Webhooks: the <c>webhook-timestamp</c>.</summary>
    public DateTimeOffset? IssuedAt { get; private init; }

    /// <summary>QStash: when the token expires (<c>exp</c>); Standard Webhooks: <see langword="null"/>.</summary>
    public DateTimeOffset? ExpiresAt { get; private init; }

    internal static SignatureVerificationResult Fail(SignatureFailure failure, string reason) => new(failure, reason);

    internal static SignatureVerificationResult Valid(int keyIndex, string? subject, string? id, DateTimeOffset? issuedAt, DateTimeOffset? expiresAt) =>
        new(SignatureFailure.None, null) { KeyIndex = keyIndex, Subject = subject, Id = id, IssuedAt = issuedAt, ExpiresAt = expiresAt };
}
