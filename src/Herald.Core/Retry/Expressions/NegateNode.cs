namespace Herald.Core.Retry.Expressions;

/// <summary>Unary minus.</summary>
internal sealed class NegateNode(ExpressionNode operand) : ExpressionNode
{
    public override double Evaluate(double retried) => -operand.Evaluate(retried);
}
