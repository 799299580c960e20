namespace Herald.Core.Publishing;

/// <summary>Why a publish was refused; <see cref="Exception.Message"/> is what the client reads in <c>{"error": ...}</c>.</summary>
public sealed class PublishRejectedException(string message) : Exception(message)
{
    public PublishRejectedException()
        : this("invalid publish request")
    {
    }

    public PublishRejectedException(string message, Exception innerException)
        : this(message + ": " + innerException.Message)
    {
    }
}
