using System.Runtime.InteropServices;
using Herald.Bench;

// Ctrl+C / SIGTERM cancel the runs, which then stop their Herald processes; a second signal terminates at once.
using var cancellation = new CancellationTokenSource();
void OnSignal(PosixSignalContext context)
{
    context.Cancel = !cancellation.IsCancellationRequested;
    cancellation.Cancel();
}

using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
return await BenchApp.RunAsync(args, Console.Out, Console.Error, cancellation.Token);
