namespace Herald.Core;

/// <summary>Something the request names does not exist for this tenant (URL group, queue, schedule, key...).</summary>
public sealed class NotFoundException : Exception
{
    public NotFoundException()
    {
    }

    public NotFoundException(string message)
        : base(message)
    {
    }

    public NotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
