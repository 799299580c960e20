namespace Herald.AspNetCore.Pipeline;

/// <summary>Endpoint metadata that says what the receiver does on an endpoint.</summary>
internal sealed class HeraldEndpointMarker
{
    private HeraldEndpointMarker(string name) => Name = name;

    /// <summary>The endpoint (or its group) asked for <c>RequireHeraldSignature()</c>.</summary>
    public static HeraldEndpointMarker Signature { get; } = new("RequireHeraldSignature");

    /// <summary>The endpoint (or its group) asked for <c>WithIdempotency()</c>.</summary>
    public static HeraldEndpointMarker Idempotency { get; } = new("WithIdempotency");

    /// <summary>The receiver is wrapped around the endpoint's request delegate (done once, however often it was asked).</summary>
    public static HeraldEndpointMarker Installed { get; } = new("Installed");

    public string Name { get; }

    public override string ToString() => "Herald " + Name;
}
