using System.Reflection;

namespace Herald.Client.Tests;

/// <summary>Rules of the public surface that reflection can check: sealed types, and a cancellation token on every async call.</summary>
public sealed class PublicApiTests
{
    private static readonly Assembly Sdk = typeof(HeraldClient).Assembly;

    [Fact]
    public void PublicTypes_AreSealedStaticOrEnums()
    {
        var open = Sdk.GetExportedTypes()
            .Where(t => t.IsClass && !t.IsSealed && !(t.IsAbstract && t.IsSealed))
            .Select(t => t.FullName)
            .ToList();

        Assert.Empty(open);
        Assert.Contains(typeof(HeraldClient), Sdk.GetExportedTypes());
    }

    [Fact]
    public void AsyncMethods_TakeADefaultedCancellationTokenLast()
    {
        var asyncMethods = Sdk.GetExportedTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(m => typeof(Task).IsAssignableFrom(m.ReturnType)
                || (m.ReturnType.IsGenericType && m.ReturnType.GetGenericTypeDefinition() == typeof(IAsyncEnumerable<>)))
            .ToList();

        var wrong = asyncMethods
            .Where(m => m.GetParameters() is not [.., { } last] || last.ParameterType != typeof(CancellationToken) || !last.HasDefaultValue)
            .Select(m => m.DeclaringType!.Name + "." + m.Name)
            .ToList();

        Assert.True(asyncMethods.Count > 40, $"only {asyncMethods.Count} async methods found");
        Assert.Empty(wrong);
    }
}
