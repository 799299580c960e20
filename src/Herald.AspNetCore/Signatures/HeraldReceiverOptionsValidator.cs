using Herald.Client.Verification;
using Microsoft.Extensions.Options;

namespace Herald.AspNetCore.Signatures;

/// <summary>Checks <see cref="HeraldReceiverOptions"/> when the host starts; messages name the option, never a key.</summary>
internal sealed class HeraldReceiverOptionsValidator : IValidateOptions<HeraldReceiverOptions>
{
    public ValidateOptionsResult Validate(string? name, HeraldReceiverOptions options)
    {
        var errors = new List<string>();
        var hasQStash = !string.IsNullOrEmpty(options.CurrentSigningKey);
        var hasStandardWebhooks = options.StandardWebhooksSecrets is { Count: > 0 };

        if (!Enum.IsDefined(options.Scheme))
        {
            errors.Add("HeraldReceiverOptions.Scheme must be Either, QStash or StandardWebhooks");
        }
        else if (options.Scheme == HeraldSignatureScheme.QStash && !hasQStash)
        {
            errors.Add("HeraldReceiverOptions.CurrentSigningKey is required when Scheme is QStash (QSTASH_CURRENT_SIGNING_KEY)");
        }
        else if (options.Scheme == HeraldSignatureScheme.StandardWebhooks && !hasStandardWebhooks)
        {
            errors.Add("HeraldReceiverOptions.StandardWebhooksSecrets needs a secret when Scheme is StandardWebhooks");
        }
        else if (!hasQStash && !hasStandardWebhooks)
        {
            errors.Add("HeraldReceiverOptions needs CurrentSigningKey (QSTASH_CURRENT_SIGNING_KEY) or a Standard Webhooks secret");
        }

        if (!hasQStash && !string.IsNullOrEmpty(options.NextSigningKey))
        {
            errors.Add("HeraldReceiverOptions.NextSigningKey is set without CurrentSigningKey");
        }

        if (options.StandardWebhooksSecrets is null)
        {
            errors.Add("HeraldReceiverOptions.StandardWebhooksSecrets must not be null");
        }
        else
        {
            for (var i = 0; i < options.StandardWebhooksSecrets.Count; i++)
            {
                if (!IsSecret(options.StandardWebhooksSecrets[i]))
                {
                    errors.Add($"HeraldReceiverOptions.StandardWebhooksSecrets[{i}] is not a Standard Webhooks secret ('whsec_' followed by base64)");
                }
            }
        }

        if (options.ClockTolerance < TimeSpan.Zero || options.ClockTolerance > HeraldReceiverOptions.MaxClockTolerance)
        {
            errors.Add($"HeraldReceiverOptions.ClockTolerance must be from zero to {HeraldReceiverOptions.MaxClockTolerance}");
        }

        if (options.MaxBodySize is < 1 or > HeraldReceiverOptions.MaxBodySizeLimit)
        {
            errors.Add($"HeraldReceiverOptions.MaxBodySize must be from 1 to {HeraldReceiverOptions.MaxBodySizeLimit} bytes");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static bool IsSecret(string? secret)
    {
        if (string.IsNullOrEmpty(secret))
        {
            return false;
        }

        try
        {
            _ = new StandardWebhooksVerifier(secret);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
