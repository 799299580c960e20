using System.Diagnostics;

namespace Herald.Core.Diagnostics;

/// <summary>The one <see cref="ActivitySource"/> and meter name Herald reports under.</summary>
public static class HeraldTelemetry
{
    public const string Name = "Herald";

    public static readonly ActivitySource ActivitySource = new(Name);
}
