using System.Globalization;
using System.Linq.Expressions;
using ContextMemory.VectorStore.Failures;
using ContextMemory.VectorStore.Records;
using ContextMemory.VectorStore.Storage;

namespace ContextMemory.VectorStore.Filters;

/// <summary>
/// The state of one filter translation, shared by <see cref="SqlFilterTranslator"/> and its collaborators
/// (<see cref="FilterOperands"/>, <see cref="FilterComparisons"/>, <see cref="FilterStrings"/>, <see cref="FilterCollections"/>):
/// the model and column mapping, the record parameter, the element scopes of collection lambdas, the parameters bound so
/// far, and the construct-independent helpers (evaluation, failures).
/// </summary>
/// <remarks>Single-use and not thread-safe, like the translation it belongs to.</remarks>
internal sealed class FilterContext
{
    private readonly string _parameterPrefix;
    private readonly List<SqlFilterParameter> _parameters = [];
    private readonly Dictionary<ParameterExpression, FilterColumn> _elements = [];
    private int _aliasCount;

    public FilterContext(RecordModel model, Func<string, string> columnOf, string parameterPrefix, ParameterExpression record)
    {
        Model = model;
        ColumnOf = columnOf;
        _parameterPrefix = parameterPrefix;
        Record = record;
    }

    public RecordModel Model { get; }

    /// <summary>The SQL operand of a key or data property's column, by model name.</summary>
    public Func<string, string> ColumnOf { get; }

    /// <summary>The filter's record parameter (after <see cref="RecordParameterRebinder"/>).</summary>
    public ParameterExpression Record { get; }

    /// <summary>The parameters bound so far, in order of first appearance.</summary>
    public IReadOnlyList<SqlFilterParameter> Parameters => _parameters;

    /// <summary>True when <paramref name="node"/> reads neither the record nor an element in scope: its value is a parameter.</summary>
    public bool IsIndependent(Expression node) =>
        !ParameterUsage.Uses(node, parameter => parameter == Record || _elements.ContainsKey(parameter));

    public static object? Evaluate(Expression node) => FilterValueEvaluator.Evaluate(node);

    /// <summary>Adds a parameter holding a value already in storage form; returns its name.</summary>
    public string AddParameter(object storageValue)
    {
        var name = "$" + _parameterPrefix + _parameters.Count.ToString(CultureInfo.InvariantCulture);
        _parameters.Add(new SqlFilterParameter(name, storageValue));
        return name;
    }

    /// <summary>A fresh alias for a <c>json_each</c> over a collection column.</summary>
    public string NextAlias() => "j" + (_aliasCount++).ToString(CultureInfo.InvariantCulture);

    /// <summary>The element column a collection lambda's parameter stands for, while its body is translated.</summary>
    public bool TryGetElement(ParameterExpression parameter, out FilterColumn element) => _elements.TryGetValue(parameter, out element!);

    public void EnterElement(ParameterExpression parameter, FilterColumn element) => _elements.Add(parameter, element);

    public void LeaveElement(ParameterExpression parameter) => _elements.Remove(parameter);

    /// <summary>Requires a <see cref="StringComparison"/> argument to be <see cref="StringComparison.Ordinal"/>.</summary>
    public void RequireOrdinal(Expression node, Expression comparison)
    {
        var value = IsIndependent(comparison) ? Evaluate(comparison) : null;
        if (value is not StringComparison.Ordinal)
        {
            throw Unsupported(node, VectorStoreErrors.FilterStringComparison(value));
        }
    }

    public static NotSupportedException Unsupported(Expression node, string reason) =>
        new(VectorStoreErrors.FilterNotSupported(node.ToString(), reason));

    public static NotSupportedException UnsupportedOperand(Expression node) => node is MethodCallExpression call
        ? Unsupported(node, VectorStoreErrors.FilterMethod(MethodName(call)))
        : Unsupported(node, VectorStoreErrors.FilterOperand);

    public static string MethodName(MethodCallExpression call) => $"{call.Method.DeclaringType?.Name}.{call.Method.Name}";
}
