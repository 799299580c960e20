using System.Reflection;
using Herald.AspNetCore.Idempotency;

namespace Herald.AspNetCore.Tests;

/// <summary>The public surface is exactly what the docs describe, sealed, with a cancellation token on every async call.</summary>
public sealed class PublicApiTests
{
    private static readonly Assembly Library = typeof(HeraldReceiverOptions).Assembly;

    [Fact]
    public void ExportedTypes_AreTheDocumentedOnes()
    {
        var exported = Library.GetExportedTypes().Select(t => t.FullName).Order(StringComparer.Ordinal);

        Assert.Equal(
            [
                "Herald.AspNetCore.HeraldReceiverOptions",
                "Herald.AspNetCore.HeraldSignatureScheme",
                "Herald.AspNetCore.Idempotency.HeraldIdempotencyBuilder",
                "Herald.AspNetCore.Idempotency.HeraldIdempotencyOptions",
                "Herald.AspNetCore.Idempotency.IIdempotencyStore",
                "Herald.AspNetCore.Idempotency.IdempotencyClaim",
                "Herald.AspNetCore.Idempotency.IdempotencyClaimStatus",
                "Herald.AspNetCore.Idempotency.MemoryIdempotencyStore",
                "Herald.AspNetCore.Idempotency.RedisIdempotencyStore",
                "Microsoft.AspNetCore.Builder.HeraldEndpointConventionBuilderExtensions",
                "Microsoft.Extensions.DependencyInjection.HeraldReceiverServiceCollectionExtensions",
            ],
            exported);
    }

    [Fact]
    public void PublicClasses_AreSealedOrStatic()
    {
        var open = Library.GetExportedTypes()
            .Where(t => t.IsClass && !t.IsSealed)
            .Select(t => t.FullName)
            .ToList();

        Assert.Empty(open);
    }

    [Fact]
    public void AsyncMethods_TakeADefaultedCancellationTokenLast()
    {
        var asyncMethods = Library.GetExportedTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(m => typeof(Task).IsAssignableFrom(m.ReturnType) || (m.ReturnType.IsGenericType && m.ReturnType.GetGenericTypeDefinition() == typeof(ValueTask<>)))
            .ToList();

        var wrong = asyncMethods
            .Where(m => m.GetParameters() is not [.., { } last] || last.ParameterType != typeof(CancellationToken) || !last.HasDefaultValue)
            .Select(m => m.DeclaringType!.Name + "." + m.Name)
            .ToList();

        Assert.Equal(9, asyncMethods.Count);
        Assert.Empty(wrong);
        Assert.True(typeof(IIdempotencyStore).IsInterface);
    }
}
