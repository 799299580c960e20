namespace Herald.Core.Retry.Expressions;

/// <summary>A call of one of the built-in functions; <paramref name="second"/> is null for unary functions.</summary>
internal sealed class FunctionNode(BuiltinFunction function, ExpressionNode first, ExpressionNode? second) : ExpressionNode
{
    public override double Evaluate(double retried)
    {
        var x = first.Evaluate(retried);
        var y = second?.Evaluate(retried) ?? 0d;
        return function switch
        {
            BuiltinFunction.Pow => Math.Pow(x, y),
            BuiltinFunction.Exp => Math.Exp(x),
            BuiltinFunction.Sqrt => Math.Sqrt(x),
            BuiltinFunction.Abs => Math.Abs(x),
            BuiltinFunction.Floor => Math.Floor(x),
            BuiltinFunction.Ceil => Math.Ceiling(x),
            BuiltinFunction.Round => Math.Round(x, MidpointRounding.AwayFromZero),
            BuiltinFunction.Min => Math.Min(x, y),
            _ => Math.Max(x, y),
        };
    }
}
