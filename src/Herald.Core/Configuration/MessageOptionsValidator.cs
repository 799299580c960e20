using Microsoft.Extensions.Options;

namespace Herald.Core.Configuration;

public sealed class MessageOptionsValidator : IValidateOptions<MessageOptions>
{
    public ValidateOptionsResult Validate(string? name, MessageOptions options)
    {
        var errors = new OptionsErrors();
        errors.Check(options.MaxRetries is >= 0 and <= 1000, "Messages:MaxRetries must be from 0 to 1000");
        errors.Check(options.DefaultRetries >= 0 && options.DefaultRetries <= options.MaxRetries, "Messages:DefaultRetries must be from 0 to Messages:MaxRetries");
        errors.Check(options.DefaultTimeout > TimeSpan.Zero && options.DefaultTimeout <= options.MaxTimeout, "Messages:DefaultTimeout must be positive and at most Messages:MaxTimeout");
        errors.Check(options.MaxBodySize.Bytes > 0, "Messages:MaxBodySize must be positive");
        errors.Check(options.MaxDelay >= TimeSpan.Zero, "Messages:MaxDelay must not be negative");
        errors.Check(options.DeduplicationWindow > TimeSpan.Zero, "Messages:DeduplicationWindow must be positive");
        return errors.Result();
    }
}
