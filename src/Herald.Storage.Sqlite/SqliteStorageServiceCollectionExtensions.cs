using Herald.Core.Storage;
using Herald.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

public static class SqliteStorageServiceCollectionExtensions
{
    /// <summary>Uses the embedded SQLite store.</summary>
    public static IServiceCollection AddSqliteStorage(this IServiceCollection services, Action<SqliteStorageOptions>? configure = null)
    {
        var options = services.AddOptions<SqliteStorageOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton<IHeraldStore, SqliteHeraldStore>();
        return services;
    }
}
