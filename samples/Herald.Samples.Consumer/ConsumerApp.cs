namespace Herald.Samples.Consumer;

/// <summary>Builds the consumer: a minimal API whose webhook route only runs for verified, new messages.</summary>
public static class ConsumerApp
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        var config = builder.Configuration;

        // Verify Upstash-Signature (and Standard Webhooks, if the URL group turns it on and a secret is configured).
        builder.Services.AddHeraldReceiver(o =>
        {
            o.CurrentSigningKey = config["QSTASH_CURRENT_SIGNING_KEY"];
            o.NextSigningKey = config["QSTASH_NEXT_SIGNING_KEY"];
        });

        // Remember processed message ids for 24 hours: in Redis if configured, else in memory.
        var idempotency = builder.Services.AddHeraldIdempotency();
        if (config["REDIS_URL"] is { Length: > 0 } redis)
        {
            idempotency.UseRedis(redis);
        }
        else
        {
            idempotency.UseMemory();
        }

        builder.Services.Configure<ConsumerOptions>(config.GetSection("Consumer"));
        builder.Services.AddSingleton<OrderBook>();

        var app = builder.Build();
        app.MapPost("/webhooks/orders", OrderWebhook.Handle)
            .RequireHeraldSignature()
            .WithIdempotency();
        return app;
    }
}
