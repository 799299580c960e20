namespace Herald.Contracts.Headers;

/// <summary>Header-name helpers shared by the server and the SDK.</summary>
public static class HeaderName
{
    /// <summary>
    /// Returns the canonical (Go <c>textproto</c>) form of a header name: the first letter and every letter after
    /// a hyphen upper case, the rest lower case (<c>content-type</c> becomes <c>Content-Type</c>). A name with a
    /// character that is not a token character is returned unchanged, as Go does.
    /// </summary>
    /// <param name="name">The header name.</param>
    /// <returns>The canonical name.</returns>
    public static string Canonicalize(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var alreadyCanonical = true;
        var upper = true;
        foreach (var c in name)
        {
            if (!IsTokenChar(c))
            {
                return name;
            }

            if (upper ? char.IsAsciiLetterLower(c) : char.IsAsciiLetterUpper(c))
            {
                alreadyCanonical = false;
            }

            upper = c == '-';
        }

        if (alreadyCanonical)
        {
            return name;
        }

        return string.Create(name.Length, name, static (span, source) =>
        {
            var upperNext = true;
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                span[i] = upperNext ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c);
                upperNext = c == '-';
            }
        });
    }

    /// <summary>Whether <paramref name="name"/> is a valid HTTP header name (an RFC 9110 token).</summary>
    /// <param name="name">The header name.</param>
    /// <returns><see langword="true"/> when every character is a token character and the name is not empty.</returns>
    public static bool IsValid(string name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!IsTokenChar(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether a header value may be sent as is: no control characters except horizontal tab.</summary>
    /// <param name="value">The header value.</param>
    /// <returns><see langword="true"/> when the value carries no CR, LF, NUL or other control character.</returns>
    public static bool IsValidValue(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        foreach (var c in value)
        {
            if ((c < 0x20 && c != '\t') || c == 0x7F)
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsTokenChar(char c) =>
        char.IsAsciiLetterOrDigit(c) || c is '!' or '#' or '$' or '%' or '&' or '\'' or '*' or '+' or '-' or '.' or '^'
            or '_' or '`' or '|' or '~';
}
