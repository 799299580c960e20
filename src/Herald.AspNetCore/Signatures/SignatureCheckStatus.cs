namespace Herald.AspNetCore.Signatures;

/// <summary>What the signature check concluded about a request.</summary>
internal enum SignatureCheckStatus
{
    /// <summary>A configured scheme verified the request.</summary>
    Verified,

    /// <summary>No configured scheme verified it: answer 401.</summary>
    Rejected,

    /// <summary>The body is larger than the limit: answer 413.</summary>
    TooLarge,
}
