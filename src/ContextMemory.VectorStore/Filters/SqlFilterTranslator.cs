using System.Linq.Expressions;
using ContextMemory.VectorStore.Failures;
using ContextMemory.VectorStore.Records;
using ContextMemory.VectorStore.Storage;

namespace ContextMemory.VectorStore.Filters;

/// <summary>
/// Translates a LINQ filter over records to a parameterised SQLite boolean expression with the same result as
/// running the filter with LINQ to objects over the stored records.
/// </summary>
/// <remarks>
/// <para>Every value the filter compares with (constants, captured variables, anything that does not depend on the
/// record) is evaluated once and bound as a parameter in its storage form (<see cref="SqliteValueConverter"/>);
/// the SQL text holds only column expressions from <c>columnOf</c>, generated parameter names and fixed SQL.
/// Parameter names are numbered in the order the expression is visited, so the same filter shape always gives
/// the same text, whatever the captured values.</para>
/// <para>Every translated predicate is two-valued (0 or 1, never NULL): C#'s <c>==</c> and <c>!=</c> are null-safe,
/// ordered comparisons involving null are false, and <c>!</c> is the exact complement. Where LINQ to objects would
/// throw (StartsWith or Any on a null, <c>.Value</c> of null), the predicate that would throw is false for that record.</para>
/// <para>A single-use instance holds the state of one translation (a <see cref="FilterContext"/>) and dispatches each construct
/// to a collaborator: <see cref="FilterOperands"/>, <see cref="FilterComparisons"/>, <see cref="FilterStrings"/>,
/// <see cref="FilterCollections"/>. The static entry point is thread-safe.</para>
/// </remarks>
internal sealed class SqlFilterTranslator
{
    private readonly FilterContext _context;
    private readonly FilterOperands _operands;
    private readonly FilterComparisons _comparisons;
    private readonly FilterStrings _strings;
    private readonly FilterCollections _collections;

    private SqlFilterTranslator(RecordModel model, Func<string, string> columnOf, string parameterPrefix, ParameterExpression record)
    {
        _context = new FilterContext(model, columnOf, parameterPrefix, record);
        _operands = new FilterOperands(_context);
        _comparisons = new FilterComparisons(_context, _operands, Predicate);
        _strings = new FilterStrings(_context, _operands);
        _collections = new FilterCollections(_context, _operands, _comparisons, Predicate);
    }

    /// <summary>Translates <paramref name="filter"/> to SQL.</summary>
    /// <param name="filter">A lambda taking one record of the model's record type and returning bool.</param>
    /// <param name="model">The collection's model.</param>
    /// <param name="columnOf">The SQL expression of a key or data property's column (by model name), such as <c>r.p3</c>.</param>
    /// <param name="parameterPrefix">Prefix of the generated parameter names (<c>$f0</c>, <c>$f1</c>, ...).</param>
    /// <returns>The SQL boolean expression and its parameters.</returns>
    /// <exception cref="ArgumentException">The filter is not a one-parameter predicate over the record type, or the prefix is not an identifier.</exception>
    /// <exception cref="NotSupportedException">
    /// The filter uses a construct that has no translation (the message names it), or nests deeper than
    /// <see cref="FilterDepth.MaxDepth"/> levels (checked first, without recursion).
    /// </exception>
    public static SqlFilter Translate(LambdaExpression filter, RecordModel model, Func<string, string> columnOf, string parameterPrefix = "f")
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(columnOf);
        ArgumentNullException.ThrowIfNull(parameterPrefix);
        if (!IsIdentifier(parameterPrefix))
        {
            throw new ArgumentException(VectorStoreErrors.FilterParameterPrefix, nameof(parameterPrefix));
        }

        if (filter.Parameters.Count != 1 || filter.ReturnType != typeof(bool) || !filter.Parameters[0].Type.IsAssignableFrom(model.RecordType))
        {
            throw new ArgumentException(VectorStoreErrors.FilterShape(model.RecordType), nameof(filter));
        }

        FilterDepth.ThrowIfTooDeep(filter);
        var translator = new SqlFilterTranslator(model, columnOf, parameterPrefix, filter.Parameters[0]);
        var sql = translator.Predicate(RecordParameterRebinder.Rebind(filter));
        return new SqlFilter(sql, [.. translator._context.Parameters]);
    }

    /// <summary>
    /// Translates a bool-typed expression to a two-valued SQL predicate: a parameter, a literal 0 or 1, a function call, or a
    /// parenthesised expression, so that it can be an operand of any operator (IS and &lt;&gt; share a precedence level in SQLite).
    /// </summary>
    private string Predicate(Expression node)
    {
        if (_context.IsIndependent(node))
        {
            return _context.AddParameter(SqliteValueConverter.ToStorage((bool)FilterContext.Evaluate(node)!));
        }

        switch (node)
        {
            case BinaryExpression { NodeType: ExpressionType.AndAlso or ExpressionType.And } both when both.Type == typeof(bool):
                return $"({Predicate(both.Left)} AND {Predicate(both.Right)})";
            case BinaryExpression { NodeType: ExpressionType.OrElse or ExpressionType.Or } either when either.Type == typeof(bool):
                return $"({Predicate(either.Left)} OR {Predicate(either.Right)})";
            case BinaryExpression { NodeType: ExpressionType.ExclusiveOr } xor when xor.Type == typeof(bool):
                return $"({Predicate(xor.Left)} <> {Predicate(xor.Right)})";
            case BinaryExpression
            {
                NodeType: ExpressionType.Equal or ExpressionType.NotEqual or ExpressionType.LessThan
                or ExpressionType.LessThanOrEqual or ExpressionType.GreaterThan or ExpressionType.GreaterThanOrEqual
            } comparison:
                return _comparisons.Comparison(comparison);
            case UnaryExpression { NodeType: ExpressionType.Not, Method: null } not when not.Type == typeof(bool):
                return $"(NOT {Predicate(not.Operand)})";
            case ConditionalExpression conditional when conditional.Type == typeof(bool):
                return $"(CASE WHEN {Predicate(conditional.Test)} THEN {Predicate(conditional.IfTrue)} ELSE {Predicate(conditional.IfFalse)} END)";
            case MethodCallExpression call:
                return Call(call);
            case MemberExpression { Member.Name: "HasValue", Expression: { } nullable } when Nullable.GetUnderlyingType(nullable.Type) is not null:
                var column = _operands.FindColumn(nullable) ?? throw FilterContext.UnsupportedOperand(nullable);
                return $"({column.Sql} IS NOT NULL)";
        }

        if (node.Type == typeof(bool) && _operands.FindColumn(node) is { } flag)
        {
            return $"({flag.Sql} IS {_operands.ValueSql(true, flag)})";
        }

        throw node is MethodCallExpression or BinaryExpression or UnaryExpression
            ? FilterContext.Unsupported(node, VectorStoreErrors.FilterOperation(node.NodeType.ToString()))
            : FilterContext.UnsupportedOperand(node);
    }

    private string Call(MethodCallExpression call)
    {
        var method = call.Method;
        if (ContainsCall.TryMatch(call, out var contains))
        {
            if (contains.Comparer is { } comparer && (!_context.IsIndependent(comparer) || FilterContext.Evaluate(comparer) is not null))
            {
                throw FilterContext.Unsupported(call, VectorStoreErrors.FilterCustomComparer);
            }

            return contains.Source is null
                ? throw FilterContext.Unsupported(call, VectorStoreErrors.FilterCollectionSource)
                : _context.IsIndependent(contains.Source)
                    ? _collections.CapturedContains(call, contains.Source, contains.Item, contains.ElementType)
                    : _collections.PropertyContains(call, contains.Source, contains.Item, contains.ElementType);
        }

        if (method.DeclaringType == typeof(Enumerable) && method.Name is "Any" or "All")
        {
            return _collections.Quantifier(call);
        }

        if (method.DeclaringType == typeof(string) && method.Name is "StartsWith" or "EndsWith" or "Contains" or "IsNullOrEmpty")
        {
            return _strings.StringCall(call);
        }

        return method.Name == "Equals"
            ? _comparisons.EqualsCall(call)
            : throw FilterContext.Unsupported(call, VectorStoreErrors.FilterMethod(FilterContext.MethodName(call)));
    }

    private static bool IsIdentifier(string text) =>
        text.Length > 0 && (char.IsAsciiLetter(text[0]) || text[0] == '_') && text.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
