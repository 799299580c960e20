using Microsoft.Extensions.Options;

namespace Herald.AspNetCore.Idempotency;

/// <summary>Checks <see cref="HeraldIdempotencyOptions"/> when the host starts.</summary>
internal sealed class HeraldIdempotencyOptionsValidator : IValidateOptions<HeraldIdempotencyOptions>
{
    private const int MaxKeyPrefixLength = 200;

    public ValidateOptionsResult Validate(string? name, HeraldIdempotencyOptions options)
    {
        var errors = new List<string>();
        if (options.Ttl < TimeSpan.FromSeconds(1))
        {
            errors.Add("HeraldIdempotencyOptions.Ttl must be at least one second");
        }

        if (options.ClaimTimeout < TimeSpan.FromSeconds(1))
        {
            errors.Add("HeraldIdempotencyOptions.ClaimTimeout must be at least one second");
        }

        if (options.ConflictRetryAfter < TimeSpan.FromSeconds(1) || options.ConflictRetryAfter > TimeSpan.FromHours(1))
        {
            errors.Add("HeraldIdempotencyOptions.ConflictRetryAfter must be from one second to one hour");
        }

        if (options.KeyPrefix is null || options.KeyPrefix.Length > MaxKeyPrefixLength)
        {
            errors.Add($"HeraldIdempotencyOptions.KeyPrefix must be set (it may be empty) and at most {MaxKeyPrefixLength} characters");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
