using Herald.Core.Retention;
using Microsoft.Extensions.Hosting;

namespace Herald.Server.Hosting;

/// <summary>Runs the retention pruner for the lifetime of the host.</summary>
internal sealed class RetentionService(RetentionPruner pruner) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => pruner.RunAsync(stoppingToken);
}
