using Microsoft.Extensions.Options;

namespace Herald.Core.Configuration;

/// <summary>Collects option errors so startup reports all of them at once.</summary>
internal sealed class OptionsErrors
{
    private readonly List<string> _errors = [];

    public void Check(bool condition, string error)
    {
        if (!condition)
        {
            _errors.Add(error);
        }
    }

    public ValidateOptionsResult Result() => _errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(_errors);
}
