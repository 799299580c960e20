namespace Herald.AspNetCore.Diagnostics;

/// <summary>Log event ids of the receiver: the 6000s (Herald's server uses 1000-5999).</summary>
internal static class ReceiverEventIds
{
    public const int SignatureRejected = 6000;
    public const int BodyTooLarge = 6001;
    public const int DuplicateSkipped = 6010;
    public const int DuplicateInProgress = 6011;
    public const int MessageIdMissing = 6012;
    public const int ClaimReleased = 6013;
    public const int StoreUnavailable = 6020;
    public const int CompleteFailed = 6021;
    public const int ReleaseFailed = 6022;
}
