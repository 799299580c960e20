// Lists the dead letter queue and says why each message failed; optionally retries or deletes them.
//
//   dotnet run --project samples/Herald.Samples.DlqReview -- [--retry | --delete]
using Herald.Client;
using Herald.Samples.DlqReview;

var action = args.Contains("--retry") ? DlqAction.Retry : args.Contains("--delete") ? DlqAction.Delete : DlqAction.List;

using var herald = new HeraldClient(new HeraldClientOptions
{
    BaseAddress = new Uri(Environment.GetEnvironmentVariable("QSTASH_URL") ?? "http://127.0.0.1:8080"),
    Token = Environment.GetEnvironmentVariable("QSTASH_TOKEN") ?? "eyJVc2VySUQiOiJkZWZhdWx0VXNlciIsIlBhc3N3b3JkIjoiZGVmYXVsdFBhc3N3b3JkIn0=",
});

await new DlqReviewer(herald, Console.Out).ReviewAsync(action);
