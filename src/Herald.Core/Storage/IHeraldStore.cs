namespace Herald.Core.Storage;

/// <summary>
/// Herald's storage, shaped by what the domain does (publish, claim, complete, cancel, dead-letter), not a generic
/// repository. Every state change writes its event in the same transaction. Implementations: SQLite (embedded,
/// single writer with group commit) and PostgreSQL (scale-out). Both pass the compliance suite in Herald.Testing.
/// </summary>
public interface IHeraldStore : IAsyncDisposable
{
    /// <summary>Creates or migrates the schema and checks durability settings; called once before any other member.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    IMessageStore Messages { get; }

    IDlqStore Dlq { get; }

    IEventStore Events { get; }

    ISigningKeyStore SigningKeys { get; }

    IMaintenanceStore Maintenance { get; }

    UrlGroups.IUrlGroupStore UrlGroups { get; }

    Queues.IQueueStore Queues { get; }

    FlowControls.IFlowControlStore FlowControl { get; }

    Schedules.IScheduleStore Schedules { get; }

    /// <summary>
    /// Raised once when the store can no longer take writes safely (an I/O or sync error): the host stops, and a
    /// restart recovers from the log. Acknowledged messages are never lost by this.
    /// </summary>
    event Action<Exception>? Faulted;
}
