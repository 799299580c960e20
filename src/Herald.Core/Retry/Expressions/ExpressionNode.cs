namespace Herald.Core.Retry.Expressions;

/// <summary>A node of a parsed retry-delay expression tree.</summary>
internal abstract class ExpressionNode
{
    /// <summary>Evaluates the node for the given value of the <c>retried</c> variable.</summary>
    public abstract double Evaluate(double retried);
}
