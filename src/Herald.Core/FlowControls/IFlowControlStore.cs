namespace Herald.Core.FlowControls;

/// <summary>
/// Flow-control keys. Every message with a key counts against the key's parallelism (attempts in flight) and rate
/// (attempts started per period); messages over the limit wait. Each publish with the key sets its limits unless
/// they are pinned.
/// </summary>
public interface IFlowControlStore
{
    Task<FlowControlState?> GetAsync(string tenantId, string key, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Keys of the tenant, optionally only those containing <paramref name="search"/>.</summary>
    Task<IReadOnlyList<FlowControlState>> ListAsync(string tenantId, string? search, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Pauses (new and waiting messages wait) or resumes. False when unknown.</summary>
    Task<bool> SetPausedAsync(string tenantId, string key, bool paused, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Pins the given limits (others unchanged) so publishes no longer change them; resets the rate window. False when unknown.</summary>
    Task<bool> PinAsync(string tenantId, string key, int? parallelism, int? rate, TimeSpan? period, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Unpins; the pinned values stay until a publish brings new ones. False when unknown.</summary>
    Task<bool> UnpinAsync(string tenantId, string key, bool parallelism, bool rate, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Starts a new rate window now with a count of zero. False when unknown.</summary>
    Task<bool> ResetRateAsync(string tenantId, string key, DateTimeOffset now, CancellationToken cancellationToken);
}
