namespace Herald.Bench.Load;

/// <summary>What the load generator reads from a successful response.</summary>
internal enum ResponseField
{
    /// <summary>Nothing: the body is drained and dropped.</summary>
    None,

    /// <summary><c>messageId</c> of a publish answer.</summary>
    MessageId,

    /// <summary><c>notBefore</c> (Unix ms) of a <c>GET /v2/messages/{id}</c> answer.</summary>
    NotBefore,
}
