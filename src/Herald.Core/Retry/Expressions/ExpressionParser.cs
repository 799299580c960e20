using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Herald.Core.Retry.Expressions;

/// <summary>
/// Recursive-descent parser for the <c>Upstash-Retry-Delay</c> grammar:
/// <code>
/// expression := term (('+' | '-') term)*
/// term       := unary (('*' | '/') unary)*
/// unary      := '-' unary | primary
/// primary    := number | 'retried' | function '(' arguments ')' | '(' expression ')'
/// </code>
/// Positions in error messages are 1-based character offsets into the original text.
/// </summary>
internal sealed class ExpressionParser
{
    public const int MaxLength = 1024;
    public const int MaxDepth = 64;

    private const string EndOfInput = "unexpected end of expression";

    private readonly string _text;
    private int _position;
    private int _depth;
    private string? _error;

    private ExpressionParser(string text) => _text = text;

    public static bool TryParse(string text, [NotNullWhen(true)] out ExpressionNode? root, [NotNullWhen(false)] out string? error)
    {
        root = null;
        if (text.Length > MaxLength)
        {
            error = $"expression is longer than {MaxLength} characters";
            return false;
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            error = "expression is empty";
            return false;
        }

        var parser = new ExpressionParser(text);
        var node = parser.ParseExpression();
        if (node is not null)
        {
            parser.SkipWhitespace();
            if (parser._position < text.Length)
            {
                node = parser.Unexpected();
            }
        }

        root = node;
        error = parser._error;
        return root is not null;
    }

    private ExpressionNode? ParseExpression()
    {
        var left = ParseTerm();
        while (left is not null)
        {
            SkipWhitespace();
            var op = Peek() switch
            {
                '+' => BinaryOperator.Add,
                '-' => BinaryOperator.Subtract,
                _ => (BinaryOperator?)null,
            };
            if (op is null)
            {
                return left;
            }

            _position++;
            var right = ParseTerm();
            left = right is null ? null : new BinaryNode(op.Value, left, right);
        }

        return null;
    }

    private ExpressionNode? ParseTerm()
    {
        var left = ParseUnary();
        while (left is not null)
        {
            SkipWhitespace();
            var op = Peek() switch
            {
                '*' => BinaryOperator.Multiply,
                '/' => BinaryOperator.Divide,
                _ => (BinaryOperator?)null,
            };
            if (op is null)
            {
                return left;
            }

            _position++;
            var right = ParseUnary();
            left = right is null ? null : new BinaryNode(op.Value, left, right);
        }

        return null;
    }

    private ExpressionNode? ParseUnary()
    {
        SkipWhitespace();
        if (Peek() != '-')
        {
            return ParsePrimary();
        }

        _position++;
        if (!Enter())
        {
            return null;
        }

        var operand = ParseUnary();
        _depth--;
        return operand is null ? null : new NegateNode(operand);
    }

    private ExpressionNode? ParsePrimary()
    {
        SkipWhitespace();
        var c = Peek();
        if (char.IsAsciiDigit(c))
        {
            return ParseNumber();
        }

        if (char.IsAsciiLetter(c) || c == '_')
        {
            return ParseIdentifier();
        }

        if (c != '(')
        {
            return Unexpected();
        }

        _position++;
        if (!Enter())
        {
            return null;
        }

        var inner = ParseExpression();
        _depth--;
        return inner is not null && Expect(')') ? inner : null;
    }

    private ExpressionNode? ParseNumber()
    {
        var start = _position;
        SkipDigits();
        if (Peek() == '.')
        {
            _position++;
            if (!char.IsAsciiDigit(Peek()))
            {
                return Fail($"invalid number '{_text[start.._position]}' at position {start + 1}");
            }

            SkipDigits();
        }

        var value = double.Parse(_text.AsSpan(start, _position - start), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        return new NumberNode(value);
    }

    private ExpressionNode? ParseIdentifier()
    {
        var start = _position;
        while (char.IsAsciiLetterOrDigit(Peek()) || Peek() == '_')
        {
            _position++;
        }

        var name = _text[start.._position];
        SkipWhitespace();
        if (Peek() == '(')
        {
            return ParseCall(name, start);
        }

        if (name == "retried")
        {
            return RetriedNode.Instance;
        }

        return TryGetFunction(name, out _, out _)
            ? Fail($"function '{name}' at position {start + 1} must be called with arguments")
            : Fail($"unknown variable '{name}' at position {start + 1}");
    }

    private ExpressionNode? ParseCall(string name, int start)
    {
        if (!TryGetFunction(name, out var function, out var arity))
        {
            return Fail($"unknown function '{name}' at position {start + 1}");
        }

        _position++;
        if (!Enter())
        {
            return null;
        }

        var arguments = new List<ExpressionNode>(2);
        SkipWhitespace();
        if (Peek() == ')')
        {
            _position++;
        }
        else if (!ParseArguments(arguments))
        {
            return null;
        }

        _depth--;
        if (arguments.Count != arity)
        {
            var noun = arity == 1 ? "argument" : "arguments";
            return Fail($"function '{name}' takes {arity} {noun} but got {arguments.Count} at position {start + 1}");
        }

        return new FunctionNode(function, arguments[0], arity == 2 ? arguments[1] : null);
    }

    private bool ParseArguments(List<ExpressionNode> arguments)
    {
        while (true)
        {
            var argument = ParseExpression();
            if (argument is null)
            {
                return false;
            }

            arguments.Add(argument);
            SkipWhitespace();
            if (Peek() == ',')
            {
                _position++;
                continue;
            }

            return Expect(')');
        }
    }

    private static bool TryGetFunction(string name, out BuiltinFunction function, out int arity)
    {
        (function, arity) = name switch
        {
            "pow" => (BuiltinFunction.Pow, 2),
            "exp" => (BuiltinFunction.Exp, 1),
            "sqrt" => (BuiltinFunction.Sqrt, 1),
            "abs" => (BuiltinFunction.Abs, 1),
            "floor" => (BuiltinFunction.Floor, 1),
            "ceil" => (BuiltinFunction.Ceil, 1),
            "round" => (BuiltinFunction.Round, 1),
            "min" => (BuiltinFunction.Min, 2),
            "max" => (BuiltinFunction.Max, 2),
            _ => (default, 0),
        };
        return arity != 0;
    }

    private bool Enter()
    {
        if (++_depth <= MaxDepth)
        {
            return true;
        }

        Fail($"expression is nested more than {MaxDepth} levels deep at position {_position}");
        return false;
    }

    private bool Expect(char expected)
    {
        if (Peek() == expected)
        {
            _position++;
            return true;
        }

        if (_position >= _text.Length)
        {
            Fail($"{EndOfInput}, expected '{expected}'");
        }
        else
        {
            Fail($"expected '{expected}' but found '{_text[_position]}' at position {_position + 1}");
        }

        return false;
    }

    private ExpressionNode? Unexpected() => _position >= _text.Length
        ? Fail(EndOfInput)
        : Fail($"unexpected character '{_text[_position]}' at position {_position + 1}");

    private ExpressionNode? Fail(string message)
    {
        _error ??= message;
        return null;
    }

    private char Peek() => _position < _text.Length ? _text[_position] : '\0';

    private void SkipDigits()
    {
        while (char.IsAsciiDigit(Peek()))
        {
            _position++;
        }
    }

    private void SkipWhitespace()
    {
        while (_position < _text.Length && char.IsWhiteSpace(_text[_position]))
        {
            _position++;
        }
    }
}
