namespace Herald.Core.Tenants;

/// <summary>A tenant: who owns messages, keys and logs, and the token that authenticates as it.</summary>
public sealed record Tenant(string Id, string Token);
