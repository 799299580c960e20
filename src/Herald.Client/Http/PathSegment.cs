namespace Herald.Client.Http;

/// <summary>Escapes ids and names put into a path segment, after checking they are not empty.</summary>
internal static class PathSegment
{
    public static string Escape(string value, string parameterName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value, parameterName);
        return Uri.EscapeDataString(value);
    }
}
