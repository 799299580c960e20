namespace Herald.Core.Diagnostics;

/// <summary>Log event ids by area: 1000s API, 2000s delivery, 3000s storage, 4000s hosting, 5000s schedules.</summary>
public static class HeraldEventIds
{
    public const int ApiRequestFailed = 1000;
    public const int PublishStorageUnavailable = 1001;

    public const int DeliveryEngineStarted = 2000;
    public const int DeliveryEngineStopped = 2001;
    public const int AttemptFailed = 2002;
    public const int CompletionStale = 2003;
    public const int CompletionWriteFailed = 2004;
    public const int LeasesRescued = 2005;
    public const int LeasesReleased = 2006;
    public const int DispatcherFailed = 2007;
    public const int DeadLettered = 2008;

    public const int StorageOpened = 3000;
    public const int StorageWriteFailed = 3001;
    public const int StorageFaulted = 3002;
    public const int Pruned = 3003;
    public const int PruneFailed = 3004;
    public const int MigrationApplied = 3005;
    public const int ShutdownCheckpointFailed = 3006;

    public const int ServerListening = 4000;

    public const int ScheduleRunnerStarted = 5000;
    public const int ScheduleFired = 5001;
    public const int ScheduleTickFailed = 5002;
    public const int ScheduleRunnerFailed = 5003;
}
