namespace Herald.Core.Retry.Expressions;

/// <summary>A binary arithmetic operation with IEEE 754 semantics (division by zero yields infinity or NaN).</summary>
internal sealed class BinaryNode(BinaryOperator op, ExpressionNode left, ExpressionNode right) : ExpressionNode
{
    public override double Evaluate(double retried)
    {
        var a = left.Evaluate(retried);
        var b = right.Evaluate(retried);
        return op switch
        {
            BinaryOperator.Add => a + b,
            BinaryOperator.Subtract => a - b,
            BinaryOperator.Multiply => a * b,
            _ => a / b,
        };
    }
}
