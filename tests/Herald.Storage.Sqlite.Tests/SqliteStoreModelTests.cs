using Herald.Core.Messages;
using Herald.Core.Storage;
using Herald.Testing.Storage;

namespace Herald.Storage.Sqlite.Tests;

/// <summary>
/// R46: seeded random walks of publishes (some claimed at publish time), claims, outcomes (current and stale
/// tokens), cancels, lease expiry and rescue, shutdown releases and restarts, checked after every step against a
/// model of the lifecycle. A failure names its seed and step; rerun that seed to replay it.
/// </summary>
public sealed class SqliteStoreModelTests
{
    private const string Tenant = "tenant-model";
    private const int Seeds = 60;
    private const int Steps = 50;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(5);

    private enum Phase
    {
        Pending,
        Active,
        CancelRequested,
        Delivered,
        DeadLettered,
        Canceled,
    }

    [Fact]
    public async Task RandomWalks_AgreeWithTheModelAfterEveryStep()
    {
        for (var seed = 1; seed <= Seeds; seed++)
        {
            await RunAsync(seed);
        }
    }

    private static async Task RunAsync(int seed)
    {
        using var directory = new TemporaryDataDirectory();
        var random = new Random(seed);
        var model = new Dictionary<string, Model>(StringComparer.Ordinal);
        var order = 0L;
        var now = SqliteTestStores.Start;
        var store = await SqliteTestStores.OpenAsync(directory.Path);
        try
        {
            for (var step = 0; step < Steps; step++)
            {
                var action = random.Next(100);
                var label = $"seed {seed}, step {step}";
                if (action < 25)
                {
                    var batch = new List<NewMessage>();
                    for (var i = random.Next(1, 4); i > 0; i--)
                    {
                        var due = random.Next(2) == 0 ? now : now.AddSeconds(random.Next(1, 6));
                        var message = MessageFactory.Message(Tenant, now, MessageFactory.Spec(due) with { Timeout = Timeout, MaxRetries = 5 });
                        var claimNow = due <= now && random.Next(3) == 0;
                        if (claimNow)
                        {
                            message = message with { Claim = new PublishClaim(random.NextInt64(1, long.MaxValue), now + Timeout + Margin) };
                        }

                        batch.Add(message);
                        model[message.Id] = claimNow
                            ? new Model(message.Id, order++, due) { Phase = Phase.Active, Token = message.Claim!.Value.LeaseToken, Expiry = message.Claim.Value.LeaseExpiresAt }
                            : new Model(message.Id, order++, due);
                    }

                    var outcomes = await store.Messages.PublishAsync(batch, Ct);
                    Assert.True(outcomes.All(o => !o.Deduplicated), label);
                }
                else if (action < 45)
                {
                    var limit = random.Next(1, 5);
                    var expected = model.Values.Where(m => m.Phase == Phase.Pending && m.Due <= now)
                        .OrderBy(m => m.Due).ThenBy(m => m.Order).Take(limit).Select(m => m.Id).ToList();
                    var claim = await store.Messages.ClaimDueAsync(now, limit, Margin, Ct);
                    Assert.True(expected.SequenceEqual(claim.Messages.Select(c => c.Message.Id)), $"{label}: claimed [{string.Join(", ", claim.Messages.Select(c => c.Message.Id))}], expected [{string.Join(", ", expected)}]");
                    foreach (var claimed in claim.Messages)
                    {
                        var m = model[claimed.Message.Id];
                        Assert.True(claimed.Message.Retried == m.Attempts, $"{label}: {m.Id} claimed with retried {claimed.Message.Retried}, expected {m.Attempts}");
                        Assert.NotEqual(m.Token, claimed.LeaseToken);
                        Assert.Equal(now + Timeout + Margin, claimed.LeaseExpiresAt);
                        m.Phase = Phase.Active;
                        m.Token = claimed.LeaseToken;
                        m.Expiry = claimed.LeaseExpiresAt;
                    }
                }
                else if (action < 65)
                {
                    var leased = model.Values.Where(m => m.Phase is Phase.Active or Phase.CancelRequested).ToList();
                    if (leased.Count == 0)
                    {
                        continue;
                    }

                    var m = leased[random.Next(leased.Count)];
                    var stale = random.Next(5) == 0;
                    var claimed = new ClaimedMessage(await MessageOf(store, m), stale ? m.Token ^ 0x5A5A : m.Token, m.Expiry);
                    var outcome = random.Next(3);
                    var completion = outcome switch
                    {
                        0 => Completions.Delivered(claimed, now),
                        1 => Completions.Retry(claimed, now, now.AddSeconds(random.Next(1, 4))),
                        _ => Completions.Failed(claimed, now, MessageFactory.NewDlqId()),
                    };
                    var status = await store.Messages.CompleteAsync([completion], Ct);
                    Assert.True(status[0] == (stale ? CompletionStatus.Stale : CompletionStatus.Applied), $"{label}: completion of {m.Id} was {status[0]}");
                    if (!stale)
                    {
                        m.Attempts++;
                        m.Token = 0;
                        if (m.Phase == Phase.CancelRequested && outcome != 0)
                        {
                            m.Phase = Phase.Canceled;
                        }
                        else
                        {
                            (m.Phase, m.Due) = outcome switch
                            {
                                0 => (Phase.Delivered, m.Due),
                                1 => (Phase.Pending, completion.NextAttemptAt!.Value),
                                _ => (Phase.DeadLettered, m.Due),
                            };
                        }
                    }
                }
                else if (action < 75)
                {
                    now = now.AddSeconds(random.Next(1, 20));
                    var expected = model.Values.Where(m => m.Phase is Phase.Active or Phase.CancelRequested && m.Expiry <= now).ToList();
                    var rescued = await store.Messages.RescueExpiredLeasesAsync(now, Ct);
                    Assert.True(expected.Count == rescued, $"{label}: rescued {rescued}, expected {expected.Count}");
                    foreach (var m in expected)
                    {
                        m.Token = 0;
                        if (m.Phase == Phase.CancelRequested)
                        {
                            m.Phase = Phase.Canceled;
                            continue;
                        }

                        m.Attempts++;
                        m.Phase = Phase.Pending;
                        m.Due = now;
                    }
                }
                else if (action < 85)
                {
                    var open = model.Values.Where(m => m.Phase is Phase.Pending or Phase.Active).ToList();
                    if (open.Count == 0)
                    {
                        continue;
                    }

                    var m = open[random.Next(open.Count)];
                    var result = await store.Messages.CancelAsync(Tenant, new QueryFilter { MessageIds = [m.Id] }, null, now, Ct);
                    Assert.True(result.Cancelled == 1 && result.InFlight.Count == (m.Phase == Phase.Active ? 1 : 0), $"{label}: cancel of {m.Id} ({m.Phase}) gave {result.Cancelled}, in flight {result.InFlight.Count}");
                    m.Phase = m.Phase == Phase.Active ? Phase.CancelRequested : Phase.Canceled;
                }
                else if (action < 92)
                {
                    var leased = model.Values.Where(m => m.Phase is Phase.Active or Phase.CancelRequested).ToList();
                    var released = await store.Messages.ReleaseAsync(leased.Select(m => new LeaseRef(m.Id, m.Token)).ToList(), now, Ct);
                    Assert.True(leased.Count == released, $"{label}: released {released}, expected {leased.Count}");
                    foreach (var m in leased)
                    {
                        m.Token = 0;
                        (m.Phase, m.Due) = m.Phase == Phase.CancelRequested ? (Phase.Canceled, m.Due) : (Phase.Pending, now);
                    }
                }
                else
                {
                    // A crash and a new process: leases of the dead one are expired at startup.
                    await store.DisposeAsync();
                    store = await SqliteTestStores.OpenAsync(directory.Path);
                    foreach (var m in model.Values.Where(m => m.Phase is Phase.Active or Phase.CancelRequested))
                    {
                        m.Expiry = DateTimeOffset.FromUnixTimeMilliseconds(0);
                    }
                }

                await AssertAgreesAsync(store, model, label);
            }
        }
        finally
        {
            await store.DisposeAsync();
        }
    }

    private static async Task AssertAgreesAsync(SqliteHeraldStore store, Dictionary<string, Model> model, string label)
    {
        foreach (var m in model.Values)
        {
            var stored = await store.Messages.GetAsync(Tenant, m.Id, Ct);
            var actual = stored?.State;
            var agrees = m.Phase switch
            {
                Phase.Pending => actual is MessageState.Created or MessageState.Retry && stored!.NextAttemptAt == m.Due && stored.Retried == m.Attempts,
                Phase.Active => actual == MessageState.Active,
                Phase.CancelRequested => actual == MessageState.CancelRequested,
                Phase.Delivered => actual == MessageState.Delivered,
                _ => actual is null,
            };
            Assert.True(agrees, $"{label}: {m.Id} is {actual?.ToString() ?? "gone"} (retried {stored?.Retried}, next {stored?.NextAttemptAt:O}), the model says {m.Phase} (attempts {m.Attempts}, due {m.Due:O})");
        }

        var dlq = await store.Dlq.ListAsync(Tenant, new QueryFilter(), new PageRequest(null, 1000), Ct);
        var expectedDlq = model.Values.Where(m => m.Phase == Phase.DeadLettered).Select(m => m.Id).Order(StringComparer.Ordinal);
        Assert.True(expectedDlq.SequenceEqual(dlq.Items.Select(e => e.Message.Id).Order(StringComparer.Ordinal)), $"{label}: the DLQ disagrees with the model");
    }

    private static async Task<Message> MessageOf(SqliteHeraldStore store, Model m) =>
        await store.Messages.GetAsync(Tenant, m.Id, Ct) ?? throw new InvalidOperationException($"{m.Id} should be stored");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed class Model(string id, long order, DateTimeOffset due)
    {
        public string Id { get; } = id;

        public long Order { get; } = order;

        public DateTimeOffset Due { get; set; } = due;

        public Phase Phase { get; set; } = Phase.Pending;

        public int Attempts { get; set; }

        public long Token { get; set; }

        public DateTimeOffset Expiry { get; set; }
    }
}
