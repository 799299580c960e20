using Herald.Core.Configuration;
using Herald.Core.Delivery;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Herald.Server.Hosting;

/// <summary>Runs the delivery engine for the lifetime of the host (unless this node is API-only).</summary>
internal sealed class DeliveryWorkerService(DeliveryEngine engine, IOptions<DeliveryOptions> options) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        options.Value.Enabled ? engine.RunAsync(stoppingToken) : Task.CompletedTask;
}
