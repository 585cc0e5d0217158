using System.Diagnostics.CodeAnalysis;
using System.Linq.Expressions;
using System.Reflection;

namespace ContextMemory.VectorData.ProviderServices;

public sealed partial class CollectionModel
{
    /// <summary>
    /// Gets the vector property chosen by <see cref="VectorSearchOptions{TRecord}.VectorProperty"/>, or the only vector property when none is chosen.
    /// </summary>
    /// <typeparam name="TRecord">The record type.</typeparam>
    /// <param name="options">The search options, or <see langword="null"/>.</param>
    /// <returns>The vector property to search.</returns>
    /// <exception cref="ArgumentException">The selector is not a supported property access, or does not select a vector property.</exception>
    /// <exception cref="InvalidOperationException">None is chosen and the record has no vector property, or several.</exception>
    public VectorPropertyModel GetVectorPropertyOrSingle<TRecord>(VectorSearchOptions<TRecord>? options)
        => GetVectorPropertyOrSingle(options?.VectorProperty);

    /// <summary>
    /// Gets the vector property chosen by <see cref="HybridSearchOptions{TRecord}.VectorProperty"/>, or the only vector property when none is chosen.
    /// </summary>
    /// <typeparam name="TRecord">The record type.</typeparam>
    /// <param name="options">The hybrid search options, or <see langword="null"/>.</param>
    /// <returns>The vector property to search.</returns>
    /// <exception cref="ArgumentException">The selector is not a supported property access, or does not select a vector property.</exception>
    /// <exception cref="InvalidOperationException">None is chosen and the record has no vector property, or several.</exception>
    public VectorPropertyModel GetVectorPropertyOrSingle<TRecord>(HybridSearchOptions<TRecord>? options)
        => GetVectorPropertyOrSingle(options?.VectorProperty);

    /// <summary>
    /// Gets the full-text-indexed data property chosen by <paramref name="selector"/> (hybrid search's <c>AdditionalProperty</c>), or the
    /// only full-text-indexed <see cref="string"/> data property when none is chosen.
    /// </summary>
    /// <typeparam name="TRecord">The record type.</typeparam>
    /// <param name="selector">The selector, or <see langword="null"/>.</param>
    /// <returns>The property to match keywords against.</returns>
    /// <exception cref="ArgumentException">The selector is invalid, or selects a property that is not a full-text-indexed data property.</exception>
    /// <exception cref="InvalidOperationException">None is chosen and the record has no full-text-indexed string property, or several.</exception>
    public DataPropertyModel GetFullTextDataPropertyOrSingle<TRecord>(Expression<Func<TRecord, object?>>? selector)
    {
        if (selector is not null)
        {
            var selected = GetSelectedProperty<DataPropertyModel>(selector, "data");
            return selected.IsFullTextIndexed
                ? selected
                : throw new ArgumentException(VectorDataStrings.FullTextPropertyNotIndexed(selected.ModelName), nameof(selector));
        }

        var candidates = DataProperties.Where(p => p.IsFullTextIndexed && p.Type == typeof(string)).Take(2).ToList();
        return candidates.Count switch
        {
            1 => candidates[0],
            0 => throw new InvalidOperationException(VectorDataStrings.NoFullTextProperty(RecordType)),
            _ => throw new InvalidOperationException(VectorDataStrings.MultipleFullTextProperties(RecordType)),
        };
    }

    /// <summary>
    /// Gets the data or key property chosen by <paramref name="selector"/>, as used by ordering (<see cref="FilteredRecordRetrievalOptions{TRecord}.OrderByDefinition"/>).
    /// </summary>
    /// <typeparam name="TRecord">The record type.</typeparam>
    /// <param name="selector">A selector such as <c>r =&gt; r.Title</c> or, for dynamic records, <c>r =&gt; r["Title"]</c>.</param>
    /// <returns>The property.</returns>
    /// <exception cref="ArgumentException">The selector is invalid, or selects a vector property.</exception>
    public PropertyModel GetDataOrKeyProperty<TRecord>(Expression<Func<TRecord, object?>> selector)
    {
        ArgumentNullException.ThrowIfNull(selector);
        var property = GetSelectedProperty<PropertyModel>(selector, "data or key");
        return property is VectorPropertyModel
            ? throw new ArgumentException(VectorDataStrings.PropertyIsWrongKind(property.ModelName, "data or key"), nameof(selector))
            : property;
    }

    /// <summary>
    /// Resolves an expression that reads a record property: <c>r.Name</c> on a .NET record, or <c>r["Name"]</c> with a constant or
    /// captured string on a dynamic record. Casts around it and the implicit array-to-span conversion are ignored (C# 14 binds
    /// <c>r.Tags.Contains(x)</c> on an array to <c>MemoryExtensions.Contains(op_Implicit(r.Tags), x)</c>). Filter translators use it on sub-expressions.
    /// </summary>
    /// <param name="expression">The expression to resolve.</param>
    /// <param name="recordParameter">The lambda parameter that stands for the record.</param>
    /// <param name="property">The property, when resolved.</param>
    /// <returns><see langword="true"/> if <paramref name="expression"/> reads a property of this model.</returns>
    public bool TryBindProperty(Expression expression, ParameterExpression recordParameter, [NotNullWhen(true)] out PropertyModel? property)
    {
        property = null;
        return TryGetSelectedName(expression, recordParameter, out var name) && PropertyMap.TryGetValue(name, out property);
    }

    private VectorPropertyModel GetVectorPropertyOrSingle(LambdaExpression? selector)
    {
        if (selector is not null)
        {
            return GetSelectedProperty<VectorPropertyModel>(selector, "vector");
        }

        return VectorProperties.Count switch
        {
            1 => VectorProperties[0],
            0 => throw new InvalidOperationException(VectorDataStrings.NoVectorProperties(RecordType)),
            _ => throw new InvalidOperationException(VectorDataStrings.MultipleVectorPropertiesSpecifyOne(RecordType)),
        };
    }

    private TProperty GetSelectedProperty<TProperty>(LambdaExpression selector, string kind)
        where TProperty : PropertyModel
    {
        if (selector.Parameters.Count != 1 || !TryGetSelectedName(selector.Body, selector.Parameters[0], out var name))
        {
            throw new ArgumentException(VectorDataStrings.InvalidPropertySelector(selector.ToString()), nameof(selector));
        }

        if (!PropertyMap.TryGetValue(name, out var property))
        {
            throw new ArgumentException(VectorDataStrings.PropertyNotFound(name), nameof(selector));
        }

        return property as TProperty
            ?? throw new ArgumentException(VectorDataStrings.PropertyIsWrongKind(name, kind), nameof(selector));
    }

    private bool TryGetSelectedName(Expression expression, ParameterExpression recordParameter, [NotNullWhen(true)] out string? name)
    {
        ArgumentNullException.ThrowIfNull(expression);
        ArgumentNullException.ThrowIfNull(recordParameter);

        expression = StripConversions(expression);

        name = expression switch
        {
            MemberExpression { Member: PropertyInfo member, Expression: var target } when !IsDynamic && target == recordParameter => member.Name,
            MethodCallExpression { Method.Name: "get_Item", Object: var target, Arguments: [var key] } when IsDynamic && target == recordParameter => EvaluateKey(key),
            _ => null,
        };
        return name is not null;
    }

    /// <summary>
    /// Removes conversions that do not change which property is read: the boxing conversion of selectors typed
    /// <c>Func&lt;TRecord, object?&gt;</c>, and the implicit array-to-span conversion C# 14 inserts when <c>r.Tags.Contains(x)</c>
    /// binds to <see cref="MemoryExtensions"/>.
    /// </summary>
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

        static bool IsSpan(Type type)
            => type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(ReadOnlySpan<>) || type.GetGenericTypeDefinition() == typeof(Span<>));
    }

    private static string? EvaluateKey(Expression key) => key switch
    {
        ConstantExpression { Value: string text } => text,

        // A local variable captured by the lambda is a field (or property) of a compiler-generated closure object.
        MemberExpression { Expression: ConstantExpression { Value: var closure }, Member: FieldInfo field } => field.GetValue(closure) as string,
        MemberExpression { Expression: ConstantExpression { Value: var closure }, Member: PropertyInfo property } => property.GetValue(closure) as string,
        _ => null,
    };
}
