namespace Herald.Contracts.Wire;

/// <summary>The body of every error response: <c>{"error": "..."}</c>.</summary>
/// <param name="Error">What went wrong, for a human.</param>
public sealed record ErrorResponse(string Error);
