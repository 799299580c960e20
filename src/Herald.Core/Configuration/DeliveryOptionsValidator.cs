using Microsoft.Extensions.Options;

namespace Herald.Core.Configuration;

public sealed class DeliveryOptionsValidator : IValidateOptions<DeliveryOptions>
{
    public ValidateOptionsResult Validate(string? name, DeliveryOptions options)
    {
        var errors = new OptionsErrors();
        errors.Check(options.MaxConcurrency is >= 1 and <= 100_000, "Delivery:MaxConcurrency must be from 1 to 100000");
        errors.Check(options.ClaimBatchSize is >= 1 and <= 10_000, "Delivery:ClaimBatchSize must be from 1 to 10000");
        // The lease must outlast the HTTP timeout, or a slow but healthy attempt would be delivered twice.
        errors.Check(options.LeaseMargin >= TimeSpan.FromSeconds(1), "Delivery:LeaseMargin must be at least 1s: a lease must outlast the attempt's timeout");
        errors.Check(options.LeaseRescueInterval > TimeSpan.Zero, "Delivery:LeaseRescueInterval must be positive");
        errors.Check(options.MaxIdleInterval > TimeSpan.Zero, "Delivery:MaxIdleInterval must be positive");
        errors.Check(options.ConnectTimeout > TimeSpan.Zero, "Delivery:ConnectTimeout must be positive");
        errors.Check(options.MaxResponseBodySize.Bytes is > 0 and <= int.MaxValue, "Delivery:MaxResponseBodySize must be from 1 byte to 2GiB");
        errors.Check(options.ShutdownGracePeriod >= TimeSpan.Zero, "Delivery:ShutdownGracePeriod must not be negative");
        errors.Check(options.MaxConnectionsPerServer >= 1, "Delivery:MaxConnectionsPerServer must be at least 1");
        return errors.Result();
    }
}
