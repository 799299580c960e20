namespace Herald.Core.Retry.Expressions;

/// <summary>The built-in functions of the retry-delay grammar.</summary>
internal enum BuiltinFunction
{
    Pow,
    Exp,
    Sqrt,
    Abs,
    Floor,
    Ceil,
    Round,
    Min,
    Max,
}
