namespace Herald.Core.Storage;

/// <summary>
/// The store cannot take writes right now (disk full, I/O error, database unreachable). Nothing was acknowledged;
/// the API answers 503.
/// </summary>
public sealed class StorageUnavailableException : Exception
{
    public StorageUnavailableException()
    {
    }

    public StorageUnavailableException(string message)
        : base(message)
    {
    }

    public StorageUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
