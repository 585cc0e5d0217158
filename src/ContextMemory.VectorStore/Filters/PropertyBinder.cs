using System.Diagnostics.CodeAnalysis;
using System.Linq.Expressions;
using System.Reflection;
using ContextMemory.VectorStore.Records;
using Microsoft.Extensions.VectorData.ProviderServices;

namespace ContextMemory.VectorStore.Filters;

/// <summary>
/// Resolves an expression that reads a record property: <c>r.Name</c> on a .NET record, <c>r["Name"]</c> with a constant
/// or captured key on a dynamic record, seen through casts and through the implicit array-to-span conversion C# 14
/// inserts when it binds <c>r.Tags.Contains(x)</c> on an array to <c>MemoryExtensions.Contains(op_Implicit(r.Tags), x)</c>.
/// </summary>
internal static class PropertyBinder
{
    /// <summary>The property <paramref name="expression"/> reads from <paramref name="record"/>, if it reads one.</summary>
    public static bool TryBind(RecordModel model, Expression expression, ParameterExpression record, [NotNullWhen(true)] out PropertyModel? property)
    {
        property = null;
        return NameOf(model, StripConversions(expression), record) is { } name && model.Model.PropertyMap.TryGetValue(name, out property);
    }

    /// <summary>The property name <paramref name="access"/> refers to (known to the model or not); null for other shapes.</summary>
    public static string? NameOf(RecordModel model, Expression access, ParameterExpression record) => access switch
    {
        MemberExpression { Member: PropertyInfo member, Expression: var target } when !model.IsDynamic && target == record => member.Name,
        MethodCallExpression { Method.Name: "get_Item", Object: var target, Arguments: [var key] } when model.IsDynamic && target == record => KeyOf(key),
        _ => null,
    };

    private static Expression StripConversions(Expression expression)
    {
        while (true)
        {
            switch (expression)
            {
                case UnaryExpression { NodeType: ExpressionType.Convert or ExpressionType.ConvertChecked } convert:
                    expression = convert.Operand;
                    break;
                case MethodCallExpression { Method: { Name: "op_Implicit", IsStatic: true } method, Arguments: [var operand] } when IsSpan(method.ReturnType):
                    expression = operand;
                    break;
                default:
                    return expression;
            }
        }
    }

    private static bool IsSpan(Type type) =>
        type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(ReadOnlySpan<>) || type.GetGenericTypeDefinition() == typeof(Span<>));

    private static string? KeyOf(Expression key) => key switch
    {
        ConstantExpression { Value: string text } => text,

        // A captured local is a field of a compiler-generated closure object.
        MemberExpression { Expression: ConstantExpression { Value: var closure }, Member: FieldInfo field } => field.GetValue(closure) as string,
        _ => null,
    };
}
