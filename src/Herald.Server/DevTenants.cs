using Herald.Core.Tenants;

namespace Herald.Server;

/// <summary>
/// QStash's published local-development users. Dev-mode SDKs hard-code the first one's token and keys, so a Herald
/// dev server on 127.0.0.1:8080 is picked up by them unchanged.
/// </summary>
public static class DevTenants
{
    public static readonly IReadOnlyList<TenantConfiguration> All =
    [
        Tenant("defaultUser", "eyJVc2VySUQiOiJkZWZhdWx0VXNlciIsIlBhc3N3b3JkIjoiZGVmYXVsdFBhc3N3b3JkIn0=", "sig_7kYjw48mhY7kAjqNGcy6cr29RJ6r", "sig_5ZB6DVzB1wjE8S6rZ7eenA8Pdnhs"),
        Tenant("testUser1", "eyJVc2VySUQiOiJ0ZXN0VXNlcjEiLCJQYXNzd29yZCI6InRlc3RQYXNzd29yZCJ9", "sig_7GVPjvuwsfqF65iC8fSrs1dfYruM", "sig_5NoELc3EFnZn4DVS5bDs2Nk4b7Ua"),
        Tenant("testUser2", "eyJVc2VySUQiOiJ0ZXN0VXNlcjIiLCJQYXNzd29yZCI6InRlc3RQYXNzd29yZCJ9", "sig_6jWGaWRxHsw4vMSPJprXadyvrybF", "sig_7qHbvhmahe5GwfePDiS5Lg3pi6Qx"),
        Tenant("testUser3", "eyJVc2VySUQiOiJ0ZXN0VXNlcjMiLCJQYXNzd29yZCI6InRlc3RQYXNzd29yZCJ9", "sig_5T8FcSsynBjn9mMLBsXhpacRovJf", "sig_7GFR4YaDshFcqsxWRZpRB161jguD"),
    ];

    private static TenantConfiguration Tenant(string id, string token, string current, string next) =>
        new() { Id = id, Token = token, CurrentSigningKey = current, NextSigningKey = next };
}
