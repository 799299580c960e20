using System.Net;
using Herald.Contracts.Signing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Herald.AspNetCore.Tests.Signatures;

/// <summary>Registration: options are validated when the host starts, and misuse is reported, not silently allowed.</summary>
public sealed class HeraldReceiverRegistrationTests
{
    private const string Key = "sig_7kYjw48mhY7kAjqNGcy6cr29RJ6r";

    public static TheoryData<string, Action<HeraldReceiverOptions>> InvalidOptions => new()
    {
        { "needs CurrentSigningKey", static _ => { } },
        { "CurrentSigningKey is required when Scheme is QStash", static o => { o.Scheme = HeraldSignatureScheme.QStash; o.StandardWebhooksSecrets = [StandardWebhooksSignature.NewSecret()]; } },
        { "needs a secret when Scheme is StandardWebhooks", static o => { o.Scheme = HeraldSignatureScheme.StandardWebhooks; o.CurrentSigningKey = Key; } },
        { "NextSigningKey is set without CurrentSigningKey", static o => { o.NextSigningKey = Key; o.StandardWebhooksSecrets = [StandardWebhooksSignature.NewSecret()]; } },
        { "StandardWebhooksSecrets[0] is not a Standard Webhooks secret", static o => { o.CurrentSigningKey = Key; o.StandardWebhooksSecrets = ["whsec_%%%not-base64"]; } },
        { "ClockTolerance must be from zero", static o => { o.CurrentSigningKey = Key; o.ClockTolerance = TimeSpan.FromMinutes(-1); } },
        { "ClockTolerance must be from zero", static o => { o.CurrentSigningKey = Key; o.ClockTolerance = TimeSpan.FromHours(1); } },
        { "MaxBodySize must be from 1", static o => { o.CurrentSigningKey = Key; o.MaxBodySize = 0; } },
        { "Scheme must be Either, QStash or StandardWebhooks", static o => { o.CurrentSigningKey = Key; o.Scheme = (HeraldSignatureScheme)7; } },
    };

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public async Task StartAsync_InvalidReceiverOptions_FailsNamingTheOption(string expected, Action<HeraldReceiverOptions> configure)
    {
        await using var app = Build(services => services.AddHeraldReceiver(configure));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("%%%not-base64", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Ttl")]
    [InlineData("ClaimTimeout")]
    [InlineData("ConflictRetryAfter")]
    public async Task StartAsync_InvalidIdempotencyOptions_FailsNamingTheOption(string option)
    {
        await using var app = Build(services =>
        {
            services.AddHeraldReceiver(o => o.CurrentSigningKey = Key);
            services.AddHeraldIdempotency(o =>
            {
                o.Ttl = option == "Ttl" ? TimeSpan.Zero : o.Ttl;
                o.ClaimTimeout = option == "ClaimTimeout" ? TimeSpan.FromMilliseconds(10) : o.ClaimTimeout;
                o.ConflictRetryAfter = option == "ConflictRetryAfter" ? TimeSpan.FromDays(1) : o.ConflictRetryAfter;
            });
        });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("HeraldIdempotencyOptions." + option, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithIdempotency_WithoutRequireHeraldSignature_AnswersNothingAndSaysWhy()
    {
        await using var app = Build(services =>
        {
            services.AddHeraldReceiver(o => o.CurrentSigningKey = Key);
            services.AddHeraldIdempotency();
        });
        app.MapPost("/hooks", () => Results.Ok()).WithIdempotency();
        await app.StartAsync(TestContext.Current.CancellationToken);
        var endpoints = app.Services.GetRequiredService<Microsoft.AspNetCore.Routing.EndpointDataSource>();

        var error = Assert.Throws<InvalidOperationException>(() => endpoints.Endpoints);

        Assert.Contains("WithIdempotency() needs RequireHeraldSignature()", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RequireHeraldSignature_WithoutAddHeraldReceiver_SaysWhatToRegister()
    {
        await using var app = Build(static _ => { });
        app.MapPost("/hooks", () => Results.Ok()).RequireHeraldSignature();
        await app.StartAsync(TestContext.Current.CancellationToken);
        var endpoints = app.Services.GetRequiredService<Microsoft.AspNetCore.Routing.EndpointDataSource>();

        var error = Assert.Throws<InvalidOperationException>(() => endpoints.Endpoints);

        Assert.Contains("AddHeraldReceiver", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RequireHeraldSignature_TwiceOnRouteAndGroup_VerifiesOnce()
    {
        await using var app = Build(services => services.AddHeraldReceiver(o => o.CurrentSigningKey = Key));
        var group = app.MapGroup("/g").RequireHeraldSignature();
        group.MapPost("/hooks", () => Results.Ok()).RequireHeraldSignature().RequireHeraldSignature();
        await app.StartAsync(TestContext.Current.CancellationToken);
        var endpoint = Assert.Single(app.Services.GetRequiredService<Microsoft.AspNetCore.Routing.EndpointDataSource>().Endpoints);
        var context = new DefaultHttpContext { RequestServices = app.Services };
        context.Request.Method = "POST";
        context.Response.Body = new MemoryStream();

        await endpoint.RequestDelegate!(context);

        Assert.Equal((int)HttpStatusCode.Unauthorized, context.Response.StatusCode);
        Assert.Equal(1, endpoint.Metadata.Count(m => m.ToString() == "Herald Installed"));
    }

    private static WebApplication Build(Action<IServiceCollection> services)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        services(builder.Services);
        return builder.Build();
    }
}
