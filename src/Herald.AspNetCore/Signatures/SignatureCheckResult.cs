namespace Herald.AspNetCore.Signatures;

/// <summary>
/// The outcome of checking a request's signature; when verified, the message id to deduplicate on: <c>webhook-id</c>
/// when a Standard Webhooks signature verified (the signature covers it), else <c>Upstash-Message-Id</c>.
/// </summary>
internal readonly record struct SignatureCheckResult(SignatureCheckStatus Status, string? MessageId)
{
    public static SignatureCheckResult Rejected => new(SignatureCheckStatus.Rejected, null);

    public static SignatureCheckResult TooLarge => new(SignatureCheckStatus.TooLarge, null);

    public static SignatureCheckResult Verified(string? messageId) => new(SignatureCheckStatus.Verified, messageId);
}
