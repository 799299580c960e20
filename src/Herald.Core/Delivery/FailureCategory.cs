namespace Herald.Core.Delivery;

/// <summary>Why an attempt failed. The wire names (<see cref="FailureCategories"/>) appear in logs and the DLQ.</summary>
public enum FailureCategory
{
    /// <summary>The destination answered with a non-2xx status.</summary>
    HttpStatus,

    /// <summary>No complete response within the message's timeout.</summary>
    Timeout,

    /// <summary>The destination refused the TCP connection.</summary>
    ConnectionRefused,

    /// <summary>The connection was reset or closed before a complete response.</summary>
    ConnectionReset,

    /// <summary>The destination host name did not resolve.</summary>
    Dns,

    /// <summary>The TLS handshake failed (untrusted, expired or mismatched certificate, protocol error).</summary>
    Tls,

    /// <summary>The destination resolves to an address the egress policy blocks (private, loopback, metadata...).</summary>
    BlockedAddress,

    /// <summary>Any other transport failure.</summary>
    ConnectionError,
}
