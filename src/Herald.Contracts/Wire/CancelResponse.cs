namespace Herald.Contracts.Wire;

/// <summary>The answer to a message cancel: how many messages were cancelled.</summary>
/// <param name="Cancelled">The number of cancelled messages.</param>
public sealed record CancelResponse(int Cancelled);
