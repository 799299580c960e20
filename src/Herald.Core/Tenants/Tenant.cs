namespace Herald.Core.Tenants;

/// <summary>
/// A tenant: who owns messages, keys and logs, the token that authenticates as it, and optionally the Standard
/// Webhooks secrets every one of its deliveries is also signed with (current first).
/// </summary>
public sealed record Tenant(string Id, string Token, IReadOnlyList<string>? StandardWebhooksSecrets = null);
