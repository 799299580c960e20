namespace Herald.Core.Storage;

/// <summary>Housekeeping that keeps the hot tables small.</summary>
public interface IMaintenanceStore
{
    /// <summary>Deletes one batch of what retention no longer keeps; callers repeat while a batch comes back full.</summary>
    Task<PruneResult> PruneAsync(PruneRequest request, CancellationToken cancellationToken);

    /// <summary>Counts for health and metrics.</summary>
    Task<StoreStatistics> GetStatisticsAsync(CancellationToken cancellationToken);
}
