using Microsoft.Extensions.Options;

namespace Herald.Core.Configuration;

public sealed class RetentionOptionsValidator : IValidateOptions<RetentionOptions>
{
    public ValidateOptionsResult Validate(string? name, RetentionOptions options)
    {
        var errors = new OptionsErrors();
        errors.Check(options.DeliveredMessages >= TimeSpan.Zero, "Retention:DeliveredMessages must not be negative");
        errors.Check(options.Events > TimeSpan.Zero, "Retention:Events must be positive");
        errors.Check(options.Dlq > TimeSpan.Zero, "Retention:Dlq must be positive");
        errors.Check(options.PruneInterval > TimeSpan.Zero, "Retention:PruneInterval must be positive");
        errors.Check(options.PruneBatchSize is >= 1 and <= 1_000_000, "Retention:PruneBatchSize must be from 1 to 1000000");
        return errors.Result();
    }
}
