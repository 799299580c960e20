using Herald.Core.Messages;

namespace Herald.Core.Storage;

/// <summary>A message claimed for one attempt, with the lease token that fences its completion.</summary>
public sealed record ClaimedMessage(Message Message, long LeaseToken, DateTimeOffset LeaseExpiresAt);
