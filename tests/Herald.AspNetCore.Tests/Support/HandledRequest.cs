namespace Herald.AspNetCore.Tests.Support;

/// <summary>One run of a protected handler: what it was given.</summary>
public sealed record HandledRequest(string Path, string? MessageId, string Body);
