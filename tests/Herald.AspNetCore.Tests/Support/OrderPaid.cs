namespace Herald.AspNetCore.Tests.Support;

/// <summary>A delivery payload bound as a typed handler parameter.</summary>
public sealed record OrderPaid(int OrderId, decimal Amount);
