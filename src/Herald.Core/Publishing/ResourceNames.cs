namespace Herald.Core.Publishing;

/// <summary>Names of URL groups, queues and schedules: letters, digits, <c>-</c>, <c>_</c>, <c>.</c>; at most 256.</summary>
public static class ResourceNames
{
    public const int MaxLength = 256;

    public static bool IsValid(string? name) =>
        !string.IsNullOrEmpty(name) && name.Length <= MaxLength && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    /// <summary>Returns <paramref name="name"/> or throws a 400-style rejection naming <paramref name="what"/>.</summary>
    public static string Validate(string? name, string what) =>
        IsValid(name)
            ? name!
            : throw new PublishRejectedException($"invalid {what} '{name}': use 1 to {MaxLength} letters, digits, '-', '_' or '.'");
}
