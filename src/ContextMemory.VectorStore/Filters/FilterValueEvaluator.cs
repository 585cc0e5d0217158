using System.Linq.Expressions;
using System.Reflection;

namespace ContextMemory.VectorStore.Filters;

/// <summary>
/// Evaluates a sub-expression that does not depend on the record (constants, captured variables, static members,
/// arithmetic on them) once, at translation time, so that its result can be bound as a parameter.
/// </summary>
internal static class FilterValueEvaluator
{
    public static object? Evaluate(Expression expression)
    {
        switch (expression)
        {
            case ConstantExpression constant:
                return constant.Value;

            // Captured locals are fields of a closure object: read them without compiling anything.
            case MemberExpression { Member: FieldInfo field, Expression: null }:
                return field.GetValue(null);
            case MemberExpression { Member: FieldInfo field, Expression: ConstantExpression { Value: { } closure } }:
                return field.GetValue(closure);
        }

        // Interpretation avoids emitting IL for code that runs once, but the interpreter cannot hold span values,
        // which C# 14 puts into trees for array.Contains(x).
        var body = expression.Type == typeof(object) ? expression : Expression.Convert(expression, typeof(object));
        return Expression.Lambda<Func<object?>>(body).Compile(preferInterpretation: !SpanFinder.Contains(expression))();
    }

    private sealed class SpanFinder : ExpressionVisitor
    {
        private bool _found;

        public static bool Contains(Expression expression)
        {
            var finder = new SpanFinder();
            finder.Visit(expression);
            return finder._found;
        }

        public override Expression? Visit(Expression? node)
        {
            _found |= node is not null && node.Type.IsByRefLike;
            return _found ? node : base.Visit(node);
        }
    }
}
