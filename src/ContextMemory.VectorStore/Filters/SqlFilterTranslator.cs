using System.Globalization;
using System.Linq.Expressions;
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
/// <para>A single-use instance holds the state of one translation; the static entry point is thread-safe.</para>
/// </remarks>
internal sealed partial class SqlFilterTranslator
{
    private readonly RecordModel _model;
    private readonly Func<string, string> _columnOf;
    private readonly string _parameterPrefix;
    private readonly ParameterExpression _record;
    private readonly List<SqlFilterParameter> _parameters = [];
    private readonly Dictionary<ParameterExpression, FilterColumn> _elements = [];
    private int _aliasCount;

    private SqlFilterTranslator(RecordModel model, Func<string, string> columnOf, string parameterPrefix, ParameterExpression record)
    {
        _model = model;
        _columnOf = columnOf;
        _parameterPrefix = parameterPrefix;
        _record = record;
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
        return new SqlFilter(sql, [.. translator._parameters]);
    }

    /// <summary>
    /// Translates a bool-typed expression to a two-valued SQL predicate: a parameter, a literal 0 or 1, a function call, or a
    /// parenthesised expression, so that it can be an operand of any operator (IS and &lt;&gt; share a precedence level in SQLite).
    /// </summary>
    private string Predicate(Expression node)
    {
        if (IsIndependent(node))
        {
            return AddParameter(SqliteValueConverter.ToStorage((bool)Evaluate(node)!));
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
                return Comparison(comparison);
            case UnaryExpression { NodeType: ExpressionType.Not, Method: null } not when not.Type == typeof(bool):
                return $"(NOT {Predicate(not.Operand)})";
            case ConditionalExpression conditional when conditional.Type == typeof(bool):
                return $"(CASE WHEN {Predicate(conditional.Test)} THEN {Predicate(conditional.IfTrue)} ELSE {Predicate(conditional.IfFalse)} END)";
            case MethodCallExpression call:
                return Call(call);
            case MemberExpression { Member.Name: "HasValue", Expression: { } nullable } when Nullable.GetUnderlyingType(nullable.Type) is not null:
                var column = FindColumn(nullable) ?? throw UnsupportedOperand(nullable);
                return $"({column.Sql} IS NOT NULL)";
        }

        if (node.Type == typeof(bool) && FindColumn(node) is { } flag)
        {
            return $"({flag.Sql} IS {ValueSql(true, flag)})";
        }

        throw node is MethodCallExpression or BinaryExpression or UnaryExpression
            ? Unsupported(node, VectorStoreErrors.FilterOperation(node.NodeType.ToString()))
            : UnsupportedOperand(node);
    }

    private bool IsIndependent(Expression node) =>
        !ParameterUsage.Uses(node, parameter => parameter == _record || _elements.ContainsKey(parameter));

    private static object? Evaluate(Expression node) => FilterValueEvaluator.Evaluate(node);

    /// <summary>Adds a parameter holding a value already in storage form; returns its name.</summary>
    private string AddParameter(object storageValue)
    {
        var name = "$" + _parameterPrefix + _parameters.Count.ToString(CultureInfo.InvariantCulture);
        _parameters.Add(new SqlFilterParameter(name, storageValue));
        return name;
    }

    private string NextAlias() => "j" + (_aliasCount++).ToString(CultureInfo.InvariantCulture);

    private static NotSupportedException Unsupported(Expression node, string reason) =>
        new(VectorStoreErrors.FilterNotSupported(node.ToString(), reason));

    private static NotSupportedException UnsupportedOperand(Expression node) => node is MethodCallExpression call
        ? Unsupported(node, VectorStoreErrors.FilterMethod(MethodName(call)))
        : Unsupported(node, VectorStoreErrors.FilterOperand);

    private static string MethodName(MethodCallExpression call) => $"{call.Method.DeclaringType?.Name}.{call.Method.Name}";

    private static bool IsIdentifier(string text) =>
        text.Length > 0 && (char.IsAsciiLetter(text[0]) || text[0] == '_') && text.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
