using Herald.Core.Schedules;
using Microsoft.Extensions.Hosting;

namespace Herald.Server.Hosting;

/// <summary>Runs the schedule runner for the lifetime of the host: it fires cron schedules as ordinary messages.</summary>
internal sealed class ScheduleService(ScheduleRunner runner) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => runner.RunAsync(stoppingToken);
}
