using Herald.AspNetCore.Idempotency;
using Herald.AspNetCore.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Herald.AspNetCore.Tests.Idempotency;

/// <summary><c>WithIdempotency()</c> on <see cref="MemoryIdempotencyStore"/>; its TTL passes on a <see cref="FakeTimeProvider"/>.</summary>
public sealed class MemoryWithIdempotencyTests : WithIdempotencyTests
{
    private readonly FakeTimeProvider _clock = new(TimeProvider.System.GetUtcNow());

    protected override void UseStore(HeraldIdempotencyBuilder builder) => builder.UseMemory();

    protected override Task<ReceiverApp> StartWithShortTtlAsync() => StartAsync(o => o.Ttl = TimeSpan.FromMinutes(1), _clock);

    protected override Task LetTheTtlPassAsync(ReceiverApp app, string messageId)
    {
        // Still inside the token's five minutes: only the idempotency TTL has passed.
        _clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        return Task.CompletedTask;
    }
}
