namespace Herald.Core.Storage;

public enum CompletionStatus
{
    /// <summary>The outcome was recorded.</summary>
    Applied,

    /// <summary>The lease token no longer matched (the lease expired and the message moved on); nothing changed.</summary>
    Stale,
}
