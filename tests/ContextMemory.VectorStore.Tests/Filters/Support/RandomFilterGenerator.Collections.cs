using System.Collections;
using System.Linq.Expressions;
using System.Reflection;

namespace ContextMemory.VectorStore.Tests.Filters.Support;

internal sealed partial class RandomFilterGenerator
{
    /// <summary><c>captured.Contains(r.X)</c> over an array (in the C# 14 span form when it applies), List, HashSet or lazy sequence.</summary>
    private Expression CapturedContains()
    {
        var spec = ScalarSpec.Pick(_random, ScalarSpec.All);
        var item = Property(spec.Name);
        var type = spec.Type;
        if (spec.Name == "Count" && _random.Next(3) == 0)
        {
            (item, type) = (Expression.Convert(item, typeof(long)), typeof(long));
        }

        var values = Array.CreateInstance(type, _random.Next(7));
        for (var i = 0; i < values.Length; i++)
        {
            var sample = spec.Sample(_random);
            values.SetValue(type == typeof(long) && sample is int count ? (long)count : sample, i);
        }

        return ContainsOver(values, type, item);
    }

    private Expression ContainsOver(Array values, Type elementType, Expression item)
    {
        var kind = _random.Next(4);
        if (kind == 0 && typeof(IEquatable<>).MakeGenericType(elementType).IsAssignableFrom(elementType))
        {
            var span = typeof(ReadOnlySpan<>).MakeGenericType(elementType);
            var array = Value(values, values.GetType());
            return Expression.Call(SpanContains(elementType), Expression.Call(span.GetMethod("op_Implicit", [values.GetType()])!, array), item);
        }

        var (collection, collectionType) = kind switch
        {
            1 => (Activator.CreateInstance(typeof(List<>).MakeGenericType(elementType), values)!, typeof(List<>).MakeGenericType(elementType)),
            2 => (Activator.CreateInstance(typeof(HashSet<>).MakeGenericType(elementType), values)!, typeof(HashSet<>).MakeGenericType(elementType)),
            _ => (Lazy(values, elementType), typeof(IEnumerable<>).MakeGenericType(elementType)),
        };
        var source = Value(collection, collectionType);
        return kind is 1 or 2
            ? Expression.Call(source, collectionType.GetMethod("Contains", [elementType])!, item)
            : Expression.Call(typeof(Enumerable), nameof(Enumerable.Contains), [elementType], source, item);
    }

    /// <summary>A sequence that is not a collection (enumerated, not asked Contains).</summary>
    private static object Lazy(Array values, Type elementType)
    {
        var cast = typeof(Enumerable).GetMethod(nameof(Enumerable.Cast))!.MakeGenericMethod(elementType);
        var select = typeof(Enumerable).GetMethods().First(m => m.Name == nameof(Enumerable.Skip)).MakeGenericMethod(elementType);
        return select.Invoke(null, [cast.Invoke(null, [(IEnumerable)values]), 0])!;
    }

    private static MethodInfo SpanContains(Type elementType) => typeof(MemoryExtensions).GetMethods()
        .Single(m => m.Name == nameof(MemoryExtensions.Contains) && m.IsGenericMethodDefinition && m.GetParameters() is [var span, _]
            && span.ParameterType.IsGenericType && span.ParameterType.GetGenericTypeDefinition() == typeof(ReadOnlySpan<>))
        .MakeGenericMethod(elementType);

    /// <summary>Contains, Any or All over a collection property, guarded by a null check as C# needs.</summary>
    private Expression CollectionPredicate()
    {
        var name = ScalarSpec.Pick(_random, Collections);
        var property = Property(name);
        var elementType = property.Type.IsArray ? property.Type.GetElementType()! : property.Type.GetGenericArguments()[0];
        var element = Expression.Parameter(elementType, "t");
        var body = _random.Next(6) switch
        {
            0 => ElementContains(property, elementType),
            1 => Expression.Call(typeof(Enumerable), nameof(Enumerable.Any), [elementType], property),
            2 => Quantify(nameof(Enumerable.All), property, element, ElementPredicate(element, name)),
            _ => Quantify(nameof(Enumerable.Any), property, element, ElementPredicate(element, name)),
        };
        return Expression.AndAlso(Expression.NotEqual(property, Expression.Constant(null, property.Type)), body);
    }

    private Expression ElementContains(Expression property, Type elementType)
    {
        var item = Value(ElementSample(elementType), elementType);
        if (property.Type.IsArray)
        {
            var span = typeof(ReadOnlySpan<>).MakeGenericType(elementType);
            return Expression.Call(SpanContains(elementType), Expression.Call(span.GetMethod("op_Implicit", [property.Type])!, property), item);
        }

        return _random.Next(2) == 0
            ? Expression.Call(property, property.Type.GetMethod("Contains", [elementType])!, item)
            : Expression.Call(typeof(Enumerable), nameof(Enumerable.Contains), [elementType], property, item);
    }

    private static MethodCallExpression Quantify(string method, Expression property, ParameterExpression element, Expression body) =>
        Expression.Call(typeof(Enumerable), method, [element.Type], property, Expression.Lambda(body, element));

    private Expression ElementPredicate(ParameterExpression element, string collection)
    {
        var type = element.Type;
        switch (_random.Next(4))
        {
            case 0:
                var values = Array.CreateInstance(type, _random.Next(5));
                for (var i = 0; i < values.Length; i++)
                {
                    values.SetValue(ElementSample(type), i);
                }

                return ContainsOver(values, type, element);
            case 1 when type == typeof(string):
                return Expression.AndAlso(Expression.NotEqual(element, Expression.Constant(null, type)), StringMethod(element));
            case 1 when collection == "Levels":
                // float elements compared in the double domain, like C#'s x > 0.1
                return Compare(Expression.Convert(element, typeof(double)), Value(ScalarSpec.Get("Score").Sample(_random), typeof(double)), true);
            case 2 when collection == "Numbers":
                return Compare(element, Property("Count"), true);
            default:
                var ordered = type != typeof(string);
                return Compare(element, Value(ElementSample(type), type), ordered);
        }
    }

    private object? ElementSample(Type type) => type switch
    {
        _ when type == typeof(string) => ScalarSpec.Pick(_random, FilterValues.TagStrings),
        _ when type == typeof(int) => ScalarSpec.Pick(_random, FilterValues.Ints),
        _ when type == typeof(double) => ScalarSpec.Pick(_random, FilterValues.Doubles),
        _ when type == typeof(float) => ScalarSpec.Pick(_random, FilterValues.Floats),
        _ => ScalarSpec.Pick(_random, FilterValues.Guids),
    };
}
