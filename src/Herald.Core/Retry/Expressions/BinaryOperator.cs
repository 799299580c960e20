namespace Herald.Core.Retry.Expressions;

/// <summary>The binary arithmetic operators.</summary>
internal enum BinaryOperator
{
    Add,
    Subtract,
    Multiply,
    Divide,
}
