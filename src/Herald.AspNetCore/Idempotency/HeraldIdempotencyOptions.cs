namespace Herald.AspNetCore.Idempotency;

/// <summary>
/// How <c>WithIdempotency()</c> remembers message ids. Register with <c>services.AddHeraldIdempotency(o =&gt; ...)</c>;
/// the values are validated when the host starts.
/// </summary>
public sealed class HeraldIdempotencyOptions
{
    /// <summary>
    /// How long a processed message id is remembered: a duplicate within this time is answered <c>200</c> without
    /// running the handler. Keep it longer than the sender's whole retry schedule (and at least twice the signature
    /// tolerance, so an in-window replay is always caught). At least one second.
    /// </summary>
    /// <value>Default: 24 hours.</value>
    public TimeSpan Ttl { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// How long a delivery that is still running holds its message id. A claim older than this is considered abandoned
    /// (its process died) and the next delivery of the message runs the handler. Keep it longer than the handler can
    /// take (Herald's per-attempt timeout is 30 seconds by default). At least one second.
    /// </summary>
    /// <value>Default: 5 minutes.</value>
    public TimeSpan ClaimTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The <c>Retry-After</c> sent with the <c>409</c> that answers a duplicate arriving while the first delivery is still
    /// running (Herald schedules its next attempt by it). Whole seconds, from one second to one hour.
    /// </summary>
    /// <value>Default: 10 seconds.</value>
    public TimeSpan ConflictRetryAfter { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The prefix of every key written to the store (so several apps can share one Redis). At most 200 characters.</summary>
    /// <value>Default: <c>herald:idempotency:</c>.</value>
    public string KeyPrefix { get; set; } = "herald:idempotency:";
}
