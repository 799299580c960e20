namespace Herald.Samples.DlqReview;

/// <summary>What to do with each dead-lettered message after printing it.</summary>
public enum DlqAction
{
    /// <summary>Only print (the default).</summary>
    List,

    /// <summary>Publish it again as a new message (<c>--retry</c>), for once the consumer is fixed.</summary>
    Retry,

    /// <summary>Drop it (<c>--delete</c>).</summary>
    Delete,
}
