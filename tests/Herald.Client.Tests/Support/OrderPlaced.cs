namespace Herald.Client.Tests.Support;

/// <summary>A sample JSON body.</summary>
public sealed record OrderPlaced(int OrderId, string CustomerName);
