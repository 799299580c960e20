using Herald.AspNetCore.Diagnostics;
using Herald.Client.Verification;
using Herald.Contracts.Headers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Herald.AspNetCore.Signatures;

/// <summary>
/// Verifies a request against <see cref="HeraldReceiverOptions"/>: reads the raw body (bounded, rewound for the
/// handler), then tries <c>Upstash-Signature</c> and/or the Standard Webhooks headers as <see cref="HeraldReceiverOptions.Scheme"/>
/// allows. The verifiers are built once per options instance (a configuration reload rebuilds them).
/// </summary>
internal sealed class HeraldSignatureChecker
{
    private readonly IOptionsMonitor<HeraldReceiverOptions> _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private Verifiers? _verifiers;

    public HeraldSignatureChecker(IOptionsMonitor<HeraldReceiverOptions> options, TimeProvider timeProvider, ILoggerFactory loggerFactory)
    {
        _options = options;
        _timeProvider = timeProvider;
        _logger = loggerFactory.CreateLogger(ReceiverLog.Category);
    }

    public async Task<SignatureCheckResult> CheckAsync(HttpContext context)
    {
        var options = _options.CurrentValue;
        var request = context.Request;
        var body = await RequestBodyReader.ReadAsync(request, options.MaxBodySize, context.RequestAborted).ConfigureAwait(false);
        if (body is null)
        {
            ReceiverLog.BodyTooLarge(_logger, request.Path, options.MaxBodySize);
            return SignatureCheckResult.TooLarge;
        }

        var verifiers = VerifiersFor(options);
        SignatureVerificationResult? failed = null;
        var headers = request.Headers;
        if (verifiers.QStash is { } qstash && headers.TryGetValue(UpstashHeaders.Signature, out var token))
        {
            var url = options.VerifyUrl ? request.GetEncodedUrl() : null;
            var result = qstash.Verify(Single(token), body, url);
            if (result.IsValid)
            {
                return SignatureCheckResult.Verified(NonEmpty(Single(headers[UpstashHeaders.MessageId])));
            }

            failed = result;
        }

        if (verifiers.StandardWebhooks is { } standardWebhooks
            && (headers.ContainsKey(StandardWebhooksVerifier.SignatureHeader) || failed is null))
        {
            var result = standardWebhooks.Verify(
                Single(headers[StandardWebhooksVerifier.IdHeader]),
                Single(headers[StandardWebhooksVerifier.TimestampHeader]),
                string.Join(' ', headers[StandardWebhooksVerifier.SignatureHeader].ToArray()),
                body);
            if (result.IsValid)
            {
                return SignatureCheckResult.Verified(result.Id);
            }

            // Report the QStash failure when both were tried: it is the scheme Herald always sends.
            failed ??= result;
        }

        ReceiverLog.SignatureRejected(_logger, request.Path, failed?.Failure ?? SignatureFailure.Missing, failed?.Reason ?? "no signature of an accepted scheme");
        return SignatureCheckResult.Rejected;
    }

    /// <summary>A header that must appear once: several values are refused (a signed id or timestamp is one value).</summary>
    private static string? Single(StringValues values) => values.Count == 1 ? values[0] : null;

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private Verifiers VerifiersFor(HeraldReceiverOptions options)
    {
        var current = Volatile.Read(ref _verifiers);
        if (current is not null && ReferenceEquals(current.Options, options))
        {
            return current;
        }

        var qstash = options.Scheme != HeraldSignatureScheme.StandardWebhooks && !string.IsNullOrEmpty(options.CurrentSigningKey)
            ? new SignatureVerifier(options.CurrentSigningKey, options.NextSigningKey, _timeProvider, options.ClockTolerance)
            : null;
        var standardWebhooks = options.Scheme != HeraldSignatureScheme.QStash && options.StandardWebhooksSecrets.Count > 0
            ? new StandardWebhooksVerifier(options.StandardWebhooksSecrets, _timeProvider)
            {
                Tolerance = HeraldReceiverOptions.StandardWebhooksWindow + options.ClockTolerance,
            }
            : null;
        current = new Verifiers(options, qstash, standardWebhooks);
        Volatile.Write(ref _verifiers, current);
        return current;
    }

    /// <summary>The verifiers built from one options instance.</summary>
    private sealed record Verifiers(HeraldReceiverOptions Options, SignatureVerifier? QStash, StandardWebhooksVerifier? StandardWebhooks);
}
