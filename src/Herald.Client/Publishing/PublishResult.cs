using Herald.Contracts.Wire;

namespace Herald.Client.Publishing;

/// <summary>
/// What a publish stored: one message for a URL destination, one per endpoint for a URL group. For a deduplicated
/// publish the ids are the original messages' and <see cref="PublishResponse.Deduplicated"/> is set.
/// </summary>
public sealed class PublishResult
{
    internal PublishResult(IReadOnlyList<PublishResponse> messages, bool isUrlGroup)
    {
        Messages = messages;
        IsUrlGroup = isUrlGroup;
    }

    /// <summary>Whether the destination was a URL group (the server answered an array).</summary>
    public bool IsUrlGroup { get; }

    /// <summary>Every stored message: exactly one for a URL destination, one per endpoint for a URL group.</summary>
    public IReadOnlyList<PublishResponse> Messages { get; }

    /// <summary>The message of a URL publish.</summary>
    /// <exception cref="InvalidOperationException">The destination was a URL group; read <see cref="Messages"/>.</exception>
    public PublishResponse Message => IsUrlGroup
        ? throw new InvalidOperationException($"a URL-group publish stored {Messages.Count} messages; read Messages")
        : Messages[0];

    /// <summary>The message id of a URL publish.</summary>
    /// <exception cref="InvalidOperationException">The destination was a URL group; read <see cref="Messages"/>.</exception>
    public string MessageId => Message.MessageId;
}
