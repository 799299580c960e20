using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Herald.Server.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Herald.Server.Tests.Delivery;

/// <summary>
/// R11: connection-level failures are classified, never counted as success, and retried on schedule. TLS is
/// verified: a self-signed certificate fails the attempt even on a destination the egress policy allows.
/// </summary>
public sealed class ConnectionFailureTests : HeraldTestBase
{
    [Theory]
    [InlineData(ToxicBehaviour.Reset)]
    [InlineData(ToxicBehaviour.ResetMidBody)]
    public async Task ResetConnections_AreConnectionResetAndRetried(ToxicBehaviour behaviour)
    {
        await using var server = new ToxicServer(behaviour);

        var id = await Herald.PublishAsync(server.Url("/reset"), "x", ("Upstash-Retries", "1"), ("Upstash-Retry-Delay", "200"));

        var logs = await Herald.WaitForStateAsync(id, "FAILED");
        var errors = logs.Where(e => e.State == "ERROR").ToList();
        Assert.Equal(2, errors.Count);
        Assert.All(errors, e => Assert.Equal("connection_reset", e.ErrorCategory));
        Assert.DoesNotContain(logs, e => e.State == "DELIVERED");
        Assert.Equal(2, server.Requests);
    }

    [Fact]
    public async Task SelfSignedCertificate_IsATlsFailureAndTheRequestIsNeverSent()
    {
        var received = 0;
        using var certificate = SelfSigned();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.UseHttps(certificate)));
        await using var app = builder.Build();
        app.Run(context =>
        {
            Interlocked.Increment(ref received);
            return context.Response.WriteAsync("ok");
        });
        await app.StartAsync(Ct);
        var url = app.Urls.First().Replace("[::1]", "127.0.0.1", StringComparison.Ordinal) + "/tls";

        var id = await Herald.PublishAsync(url, "x", ("Upstash-Retries", "0"));

        var logs = await Herald.WaitForStateAsync(id, "FAILED");
        Assert.Equal("tls", logs.Single(e => e.State == "ERROR").ErrorCategory);
        Assert.Equal(0, received);
    }

    private static X509Certificate2 SelfSigned()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        var now = TimeProvider.System.GetUtcNow();
        using var created = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
    }
}
