namespace Herald.Core.Storage;

/// <summary>
/// A lease taken at publish time: the message is stored already ACTIVE under this lease (CREATED then ACTIVE events,
/// one transaction) and handed to this node's delivery engine in memory, without a claim round trip.
/// </summary>
public readonly record struct PublishClaim(long LeaseToken, DateTimeOffset LeaseExpiresAt);
