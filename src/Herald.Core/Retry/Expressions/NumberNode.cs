namespace Herald.Core.Retry.Expressions;

/// <summary>A numeric literal.</summary>
internal sealed class NumberNode(double value) : ExpressionNode
{
    public override double Evaluate(double retried) => value;
}
