namespace Herald.Core.Messages;

/// <summary>Wire names of <see cref="MessageState"/>.</summary>
public static class MessageStateNames
{
    /// <summary>Filter-only pseudo state matching ACTIVE, RETRY and ERROR.</summary>
    public const string InProgress = "IN_PROGRESS";

    public static string ToWire(MessageState state) => state switch
    {
        MessageState.Created => "CREATED",
        MessageState.Active => "ACTIVE",
        MessageState.Retry => "RETRY",
        MessageState.Error => "ERROR",
        MessageState.Delivered => "DELIVERED",
        MessageState.Failed => "FAILED",
        MessageState.CancelRequested => "CANCEL_REQUESTED",
        MessageState.Canceled => "CANCELED",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    /// <summary>Parses a state filter value; <c>CANCELLED</c> is accepted for <c>CANCELED</c>, <c>IN_PROGRESS</c> expands.</summary>
    public static bool TryParseFilter(string text, out MessageState[] states)
    {
        states = text.Trim().ToUpperInvariant() switch
        {
            "CREATED" => [MessageState.Created],
            "ACTIVE" => [MessageState.Active],
            "RETRY" => [MessageState.Retry],
            "ERROR" => [MessageState.Error],
            "DELIVERED" => [MessageState.Delivered],
            "FAILED" => [MessageState.Failed],
            "CANCEL_REQUESTED" => [MessageState.CancelRequested],
            "CANCELED" or "CANCELLED" => [MessageState.Canceled],
            InProgress => [MessageState.Active, MessageState.Retry, MessageState.Error],
            _ => [],
        };
        return states.Length > 0;
    }
}
