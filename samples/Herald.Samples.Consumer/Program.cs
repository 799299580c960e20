// Receives the producer's order-paid webhooks from Herald.
//
//   dotnet run --project samples/Herald.Samples.Consumer
//   REDIS_URL=127.0.0.1:6379 dotnet run --project samples/Herald.Samples.Consumer    (idempotency in Redis)
using Herald.Samples.Consumer;

ConsumerApp.Build(args).Run();
