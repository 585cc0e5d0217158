using System.Linq.Expressions;
using ContextMemory.VectorStore.Failures;
using ContextMemory.VectorStore.Storage;
using Microsoft.Extensions.VectorData.ProviderServices;

namespace ContextMemory.VectorStore.Filters;

/// <summary>
/// Operands of a translated filter: the stored value an expression reads (a record property or a collection element, seen
/// through value-preserving conversions), and the bound parameter of a value compared with one.
/// </summary>
internal sealed class FilterOperands
{
    private readonly FilterContext _context;

    public FilterOperands(FilterContext context) => _context = context;

    /// <summary>
    /// Resolves an expression that reads a stored value: a property of the record (<c>r.Name</c>, <c>r["Name"]</c>) or an
    /// element in scope, seen through value-preserving conversions and <c>.Value</c>. Returns null for any other shape;
    /// throws when the shape is right but the property is unknown, a vector, or converted lossily.
    /// </summary>
    public FilterColumn? FindColumn(Expression node)
    {
        var conversions = new Stack<Expression>();
        var core = node;
        while (true)
        {
            if (core is UnaryExpression { NodeType: ExpressionType.Convert or ExpressionType.ConvertChecked or ExpressionType.TypeAs } conversion)
            {
                conversions.Push(conversion);
                core = conversion.Operand;
            }
            else if (core is MemberExpression { Member.Name: "Value", Expression: { } nullable } && Nullable.GetUnderlyingType(nullable.Type) is not null)
            {
                conversions.Push(core);
                core = nullable;
            }
            else
            {
                break;
            }
        }

        FilterColumn column;
        if (core is ParameterExpression parameter && _context.TryGetElement(parameter, out var element))
        {
            column = element;
        }
        else if (IsRecordAccess(core))
        {
            var property = BindProperty(core);
            column = new FilterColumn(_context.ColumnOf(property.ModelName), property.Type, core.Type, IsElement: false);
        }
        else
        {
            return null;
        }

        var viewType = core.Type;
        Type? convertedType = null;
        var requiresValue = false;
        while (conversions.TryPop(out var conversion))
        {
            var isUserDefined = conversion is UnaryExpression { Method: not null };
            if (isUserDefined || !ExactConversions.Preserves(viewType, conversion.Type, column.StoredType))
            {
                throw FilterContext.Unsupported(conversion, VectorStoreErrors.FilterLossyConversion(viewType, conversion.Type));
            }

            requiresValue |= CanBeNull(viewType) && !CanBeNull(conversion.Type) && CanBeNull(column.StoredType);
            viewType = conversion.Type;
            if (viewType.IsValueType)
            {
                convertedType = Nullable.GetUnderlyingType(viewType) ?? viewType;
            }
        }

        return column with { ViewType = viewType, ConvertedType = convertedType, RequiresValue = requiresValue };
    }

    private static bool CanBeNull(Type type) => !type.IsValueType || Nullable.GetUnderlyingType(type) is not null;

    private bool IsRecordAccess(Expression node) => node switch
    {
        MemberExpression { Expression: var target } => target == _context.Record,
        MethodCallExpression { Method.Name: "get_Item", Object: var target, Arguments: [_] } => target == _context.Record,
        _ => false,
    };

    private PropertyModel BindProperty(Expression access)
    {
        if (!PropertyBinder.TryBind(_context.Model, access, _context.Record, out var property))
        {
            var name = access switch
            {
                MemberExpression member => member.Member.Name,
                MethodCallExpression { Arguments: [var key] } when _context.IsIndependent(key) => FilterContext.Evaluate(key)?.ToString(),
                _ => null,
            };
            throw name is null ? FilterContext.UnsupportedOperand(access) : FilterContext.Unsupported(access, VectorStoreErrors.FilterUnknownProperty(name));
        }

        return property is VectorPropertyModel
            ? throw FilterContext.Unsupported(access, VectorStoreErrors.FilterVectorProperty(property.ModelName))
            : property;
    }

    /// <summary>Binds a non-null value compared with <paramref name="column"/>; returns the SQL that reads it.</summary>
    public string ValueSql(object value, FilterColumn column)
    {
        if (column.IsParsedFloatingPoint && value is double or float)
        {
            var number = Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture);
            if (double.IsFinite(number))
            {
                // Written by the converter's JSON writer and read by SQLite's JSON parser, exactly like the stored elements.
                return $"({_context.AddParameter(SqliteValueConverter.ToStorage(new List<object?> { number }))} ->> 0)";
            }
        }

        return _context.AddParameter(column.IsElement ? SqliteValueConverter.ElementToStorage(value) : SqliteValueConverter.ToStorage(value));
    }
}
