namespace Herald.Testing.Receivers;

/// <summary>How a <see cref="ToxicServer"/> treats every request it reads.</summary>
public enum ToxicBehaviour
{
    /// <summary>Reads the request and never answers.</summary>
    Silent,

    /// <summary>Sends a 200 status line and headers announcing 1,000 bytes of body, sends 10, then stalls.</summary>
    StallBody,

    /// <summary>Sends a 200 without a length (the body ends when the connection closes), a few bytes, and never closes.</summary>
    NeverClose,

    /// <summary>Sends a 500 with a chunked body that never ends (a chunk every millisecond).</summary>
    EndlessBody,

    /// <summary>Sends a 200 whose headers go on for megabytes.</summary>
    HugeHeaders,

    /// <summary>Reads the request and resets the connection (RST) without answering.</summary>
    Reset,

    /// <summary>Sends headers announcing 1,000 bytes of body, sends 10, then resets the connection.</summary>
    ResetMidBody,

    /// <summary>Sends a 200 with a 10 KiB body at about 10 KiB/s (1 KiB every 100 ms), then keeps the connection.</summary>
    SlowBody,
}
