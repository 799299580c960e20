namespace Herald.AspNetCore;

/// <summary>
/// How <c>RequireHeraldSignature()</c> verifies deliveries. Register with
/// <c>services.AddHeraldReceiver(o =&gt; ...)</c>; the values are validated when the host starts.
/// </summary>
/// <example>
/// <code>
/// builder.Services.AddHeraldReceiver(o =&gt;
/// {
///     o.CurrentSigningKey = builder.Configuration["QSTASH_CURRENT_SIGNING_KEY"];
///     o.NextSigningKey = builder.Configuration["QSTASH_NEXT_SIGNING_KEY"];
/// });
/// </code>
/// </example>
public sealed class HeraldReceiverOptions
{
    /// <summary>The longest <see cref="ClockTolerance"/> accepted: a wider one widens the replay window.</summary>
    public static readonly TimeSpan MaxClockTolerance = TimeSpan.FromMinutes(10);

    /// <summary>The largest <see cref="MaxBodySize"/> accepted (the body is buffered to be verified).</summary>
    public const long MaxBodySizeLimit = 256L * 1024 * 1024;

    /// <summary>
    /// The Standard Webhooks replay window before <see cref="ClockTolerance"/> is added: a <c>webhook-timestamp</c> may be
    /// this far from now either way, as the Standard Webhooks libraries do (and as long as a QStash token lives).
    /// </summary>
    public static readonly TimeSpan StandardWebhooksWindow = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The current <c>Upstash-Signature</c> signing key (<c>QSTASH_CURRENT_SIGNING_KEY</c>, the whole <c>sig_...</c>
    /// string). Required unless <see cref="Scheme"/> is <see cref="HeraldSignatureScheme.StandardWebhooks"/>.
    /// </summary>
    /// <value>Default: <see langword="null"/>.</value>
    public string? CurrentSigningKey { get; set; }

    /// <summary>
    /// The next signing key (<c>QSTASH_NEXT_SIGNING_KEY</c>): tokens signed with it verify too, so deliveries keep being
    /// accepted across a key rotation (<c>POST /v2/keys/rotate</c> makes the next key current).
    /// </summary>
    /// <value>Default: <see langword="null"/> (only the current key).</value>
    public string? NextSigningKey { get; set; }

    /// <summary>
    /// Standard Webhooks secrets (<c>whsec_</c> followed by base64), current first; a delivery whose
    /// <c>webhook-signature</c> matches any of them is accepted (several while rotating). Required when
    /// <see cref="Scheme"/> is <see cref="HeraldSignatureScheme.StandardWebhooks"/>.
    /// </summary>
    /// <value>Default: empty.</value>
    public IList<string> StandardWebhooksSecrets { get; set; } = new List<string>();

    /// <summary>Which signatures are accepted.</summary>
    /// <value>Default: <see cref="HeraldSignatureScheme.Either"/>, of those whose keys are configured.</value>
    public HeraldSignatureScheme Scheme { get; set; } = HeraldSignatureScheme.Either;

    /// <summary>
    /// How far the sender's clock and this one may disagree: added to the token's <c>exp</c> (QStash) and to the
    /// <see cref="StandardWebhooksWindow"/> (Standard Webhooks). From zero to <see cref="MaxClockTolerance"/>.
    /// </summary>
    /// <value>Default: zero (what QStash's own <c>Receiver</c> does).</value>
    public TimeSpan ClockTolerance { get; set; } = TimeSpan.Zero;

    /// <summary>
    /// The largest body read for verification, in bytes; a larger request is answered <c>413</c> without running the
    /// handler. From 1 to <see cref="MaxBodySizeLimit"/>.
    /// </summary>
    /// <value>Default: 1 MiB (Herald's own <c>Messages:MaxBodySize</c>).</value>
    public long MaxBodySize { get; set; } = 1024 * 1024;

    /// <summary>
    /// Whether the token's <c>sub</c> must equal the URL of this request as ASP.NET Core sees it (scheme, host, path
    /// base, path and query). Off by default because proxies and load balancers change the URL; behind one, turn it on
    /// only with <c>UseForwardedHeaders()</c>. Applies to <c>Upstash-Signature</c> only: Standard Webhooks signatures do
    /// not cover the URL.
    /// </summary>
    /// <value>Default: <see langword="false"/>.</value>
    public bool VerifyUrl { get; set; }
}
