namespace Herald.Core.Retry.Expressions;

/// <summary>The <c>retried</c> variable.</summary>
internal sealed class RetriedNode : ExpressionNode
{
    public static RetriedNode Instance { get; } = new();

    private RetriedNode()
    {
    }

    public override double Evaluate(double retried) => retried;
}
