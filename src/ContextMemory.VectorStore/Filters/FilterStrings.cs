using System.Linq.Expressions;
using ContextMemory.VectorStore.Failures;
using ContextMemory.VectorStore.Storage;

namespace ContextMemory.VectorStore.Filters;

/// <summary>String methods of a translated filter: ordinal StartsWith, EndsWith and Contains over UTF-8 bytes, and IsNullOrEmpty.</summary>
internal sealed class FilterStrings
{
    private readonly FilterContext _context;
    private readonly FilterOperands _operands;

    public FilterStrings(FilterContext context, FilterOperands operands)
    {
        _context = context;
        _operands = operands;
    }

    /// <summary>
    /// StartsWith, EndsWith and Contains, ordinal and case-sensitive, and IsNullOrEmpty. They work on the UTF-8 bytes
    /// (<c>CAST(x AS BLOB)</c>): LIKE and GLOB fold ASCII case or treat characters as wildcards, and SQLite's character
    /// functions stop at an embedded NUL. A byte match of valid UTF-8 always falls on character boundaries, so it agrees
    /// with an ordinal match of the UTF-16 strings. Plain <c>StartsWith(string)</c> is culture-sensitive in .NET; the
    /// store matches it ordinally.
    /// </summary>
    public string StringCall(MethodCallExpression call)
    {
        var arguments = call.Arguments;
        if (call.Method.Name == "IsNullOrEmpty")
        {
            var text = StringOperand(arguments[0], call, allowNull: true);
            return $"IFNULL(length(CAST({text} AS BLOB)) = 0, 1)";
        }

        if (call.Object is null || arguments.Count is 0 or > 2 || arguments[0].Type != typeof(string) && arguments[0].Type != typeof(char)
            || (arguments.Count == 2 && arguments[1].Type != typeof(StringComparison)))
        {
            throw FilterContext.Unsupported(call, VectorStoreErrors.FilterMethod(FilterContext.MethodName(call)));
        }

        if (arguments.Count == 2)
        {
            _context.RequireOrdinal(call, arguments[1]);
        }

        var target = $"CAST({StringOperand(call.Object, call, allowNull: false)} AS BLOB)";
        var pattern = $"CAST({StringOperand(arguments[0], call, allowNull: false)} AS BLOB)";

        // substr of an empty blob is NULL, not empty: "".StartsWith("") needs its own term.
        var bothEmpty = $"IFNULL(length({target}) + length({pattern}) = 0, 0)";
        return call.Method.Name switch
        {
            "StartsWith" => $"IFNULL(substr({target}, 1, length({pattern})) = {pattern}, {bothEmpty})",

            // substr(x, -n, n) is the last n bytes, the whole of a shorter x, and empty for n = 0.
            "EndsWith" => $"IFNULL(substr({target}, -length({pattern}), length({pattern})) = {pattern}, {bothEmpty})",
            _ => $"IFNULL(instr({target}, {pattern}) > 0, 0)",
        };
    }

    /// <summary>A string property or element, or a bound string value (a char becomes a one-character string).</summary>
    private string StringOperand(Expression operand, Expression call, bool allowNull)
    {
        if (_context.IsIndependent(operand))
        {
            var value = FilterContext.Evaluate(operand);
            if (value is null && !allowNull)
            {
                throw FilterContext.Unsupported(call, VectorStoreErrors.FilterNullArgument);
            }

            return _context.AddParameter(SqliteValueConverter.ToStorage(value is char c ? c.ToString() : value));
        }

        var column = _operands.FindColumn(operand);
        return column is not null && column.ValueType == typeof(string) && operand.Type == typeof(string)
            ? column.Sql
            : throw FilterContext.UnsupportedOperand(operand);
    }
}
