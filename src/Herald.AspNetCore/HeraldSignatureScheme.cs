namespace Herald.AspNetCore;

/// <summary>Which signatures <c>RequireHeraldSignature()</c> accepts.</summary>
public enum HeraldSignatureScheme
{
    /// <summary>
    /// Either scheme: a valid <c>Upstash-Signature</c> (when <see cref="HeraldReceiverOptions.CurrentSigningKey"/> is set)
    /// or valid Standard Webhooks headers (when <see cref="HeraldReceiverOptions.StandardWebhooksSecrets"/> has a secret).
    /// </summary>
    Either,

    /// <summary>Only <c>Upstash-Signature</c> (the QStash JWT); Standard Webhooks headers are ignored.</summary>
    QStash,

    /// <summary>Only Standard Webhooks (<c>webhook-id</c>, <c>webhook-timestamp</c>, <c>webhook-signature</c>); <c>Upstash-Signature</c> is ignored.</summary>
    StandardWebhooks,
}
