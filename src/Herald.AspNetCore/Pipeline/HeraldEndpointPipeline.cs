using Herald.AspNetCore.Idempotency;
using Herald.AspNetCore.Signatures;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Herald.AspNetCore.Pipeline;

/// <summary>
/// Wraps an endpoint's request delegate with the receiver: signature check, then idempotency, then the endpoint. It runs
/// before parameter binding (unlike an <see cref="IEndpointFilter"/>, which sees arguments already bound from a body it
/// can no longer read), so handlers may take the body as a typed parameter. Installed by a <c>Finally</c> convention,
/// once per endpoint, after every convention has added its metadata: the order of <c>RequireHeraldSignature()</c> and
/// <c>WithIdempotency()</c>, and whether they were put on a route or on its group, does not matter.
/// </summary>
internal static class HeraldEndpointPipeline
{
    public static void Install(EndpointBuilder builder)
    {
        var metadata = builder.Metadata;
        if (metadata.Contains(HeraldEndpointMarker.Installed))
        {
            return;
        }

        var signature = metadata.Contains(HeraldEndpointMarker.Signature);
        var idempotency = metadata.Contains(HeraldEndpointMarker.Idempotency);
        if (!signature && !idempotency)
        {
            return;
        }

        var endpoint = builder.DisplayName ?? "an endpoint";
        if (!signature)
        {
            throw new InvalidOperationException(
                $"{endpoint}: WithIdempotency() needs RequireHeraldSignature() on the endpoint or its group. "
                + "Without it anyone could send a message id and make the real delivery look like a duplicate.");
        }

        var next = builder.RequestDelegate
            ?? throw new InvalidOperationException($"{endpoint}: RequireHeraldSignature() found no request delegate to protect.");
        var services = builder.ApplicationServices;
        var checker = services.GetService<HeraldSignatureChecker>()
            ?? throw new InvalidOperationException($"{endpoint}: RequireHeraldSignature() needs services.AddHeraldReceiver(...).");
        var gate = idempotency
            ? services.GetService<IdempotencyGate>()
                ?? throw new InvalidOperationException($"{endpoint}: WithIdempotency() needs services.AddHeraldIdempotency() (then .UseMemory() or .UseRedis(...)).")
            : null;

        metadata.Add(HeraldEndpointMarker.Installed);
        builder.RequestDelegate = gate is null
            ? context => VerifyAsync(context, checker, next)
            : context => VerifyOnceAsync(context, checker, gate, next);
    }

    private static async Task VerifyAsync(HttpContext context, HeraldSignatureChecker checker, RequestDelegate next)
    {
        var check = await checker.CheckAsync(context).ConfigureAwait(false);
        if (await RefusedAsync(context, check).ConfigureAwait(false))
        {
            return;
        }

        await next(context).ConfigureAwait(false);
    }

    private static async Task VerifyOnceAsync(HttpContext context, HeraldSignatureChecker checker, IdempotencyGate gate, RequestDelegate next)
    {
        var check = await checker.CheckAsync(context).ConfigureAwait(false);
        if (await RefusedAsync(context, check).ConfigureAwait(false))
        {
            return;
        }

        await gate.InvokeAsync(context, check.MessageId, next).ConfigureAwait(false);
    }

    private static async Task<bool> RefusedAsync(HttpContext context, SignatureCheckResult check)
    {
        switch (check.Status)
        {
            case SignatureCheckStatus.Verified:
                return false;
            case SignatureCheckStatus.TooLarge:
                await ReceiverResponses.TooLargeAsync(context).ConfigureAwait(false);
                return true;
            default:
                await ReceiverResponses.UnauthorizedAsync(context).ConfigureAwait(false);
                return true;
        }
    }
}
