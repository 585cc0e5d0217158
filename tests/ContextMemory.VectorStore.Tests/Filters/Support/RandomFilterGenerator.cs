using System.Linq.Expressions;

namespace ContextMemory.VectorStore.Tests.Filters.Support;

/// <summary>
/// Generates random filters from a seed: comparisons, null checks, bool properties, Contains over captured collections and
/// collection properties, Any/All, string methods, property pairs and Equals, combined with &amp;&amp;, ||, !, ?:, ^ and ==.
/// The same seed gives the same filter over the POCO record and over the dynamic record.
/// </summary>
internal sealed partial class RandomFilterGenerator
{
    private static readonly string[] Collections = ["Tags", "Numbers", "Readings", "Levels", "Links"];
    private readonly Random _random;
    private readonly bool _dynamic;
    private readonly ParameterExpression _record;

    public RandomFilterGenerator(int seed, bool dynamic)
    {
        _random = new Random(seed);
        _dynamic = dynamic;
        _record = Expression.Parameter(dynamic ? typeof(Dictionary<string, object?>) : typeof(FilterRecord), "r");
    }

    public Expression<Func<FilterRecord, bool>> NextPoco() => Expression.Lambda<Func<FilterRecord, bool>>(Predicate(3), _record);

    public Expression<Func<Dictionary<string, object?>, bool>> NextDynamic() =>
        Expression.Lambda<Func<Dictionary<string, object?>, bool>>(Predicate(3), _record);

    private Expression Predicate(int depth)
    {
        if (depth <= 0 || _random.Next(10) < 3)
        {
            return Atom();
        }

        return _random.Next(10) switch
        {
            < 3 => Expression.AndAlso(Predicate(depth - 1), Predicate(depth - 1)),
            < 6 => Expression.OrElse(Predicate(depth - 1), Predicate(depth - 1)),
            < 8 => Expression.Not(Predicate(depth - 1)),
            8 => Expression.Condition(Predicate(depth - 1), Predicate(depth - 1), Predicate(depth - 1)),
            _ => _random.Next(3) switch
            {
                0 => Expression.Equal(Predicate(depth - 1), Predicate(depth - 1)),
                1 => Expression.NotEqual(Predicate(depth - 1), Predicate(depth - 1)),
                _ => Expression.ExclusiveOr(Predicate(depth - 1), Predicate(depth - 1)),
            },
        };
    }

    private Expression Atom() => _random.Next(13) switch
    {
        < 3 => ScalarComparison(),
        3 => WidenedComparison(),
        4 => NullCheck(),
        5 => BoolProperty(),
        6 or 7 => CapturedContains(),
        8 or 9 => CollectionPredicate(),
        10 => StringPredicate(),
        11 => PropertyPair(),
        _ => _random.Next(4) == 0 ? Value(_random.Next(2) == 0, typeof(bool)) : EqualsCall(),
    };

    /// <summary>A property read: <c>r.Name</c>, or <c>(T)r["Name"]</c> on a dynamic record.</summary>
    private Expression Property(string name)
    {
        var type = typeof(FilterRecord).GetProperty(name)!.PropertyType;
        if (!_dynamic)
        {
            return Expression.Property(_record, name);
        }

        var item = Expression.Call(_record, typeof(Dictionary<string, object?>).GetMethod("get_Item")!, Expression.Constant(name));
        return Expression.Convert(item, type);
    }

    /// <summary>A value as a constant or as a captured variable.</summary>
    private Expression Value(object? value, Type type)
    {
        if (_random.Next(2) == 0)
        {
            return Expression.Constant(value, type);
        }

        var box = Activator.CreateInstance(typeof(Box<>).MakeGenericType(type), value)!;
        return Expression.Property(Expression.Constant(box), "Value");
    }

    private Expression Compare(Expression left, Expression right, bool ordered)
    {
        if (_random.Next(2) == 0)
        {
            (left, right) = (right, left);
        }

        return (ordered ? _random.Next(6) : _random.Next(2)) switch
        {
            0 => Expression.Equal(left, right),
            1 => Expression.NotEqual(left, right),
            2 => Expression.LessThan(left, right),
            3 => Expression.LessThanOrEqual(left, right),
            4 => Expression.GreaterThan(left, right),
            _ => Expression.GreaterThanOrEqual(left, right),
        };
    }

    private Expression ScalarComparison()
    {
        var spec = ScalarSpec.Pick(_random, ScalarSpec.All);
        return Compare(Property(spec.Name), Value(spec.Sample(_random), spec.Type), spec.Ordered);
    }

    private Expression WidenedComparison()
    {
        var count = Property("Count");
        return _random.Next(5) switch
        {
            0 => Compare(Expression.Convert(count, typeof(long)), Value((long)ScalarSpec.Get("Big").Sample(_random)!, typeof(long)), true),
            1 => Compare(Expression.Convert(count, typeof(double)), Value(_random.Next(-3, 50) + (_random.Next(2) * 0.5), typeof(double)), true),
            2 => Compare(Expression.Convert(Property("Ratio"), typeof(double)), Value(ScalarSpec.Get("Score").Sample(_random), typeof(double)), true),
            3 => Compare(Expression.Convert(Property("Small"), typeof(int)), Value((int)ScalarSpec.Pick(_random, FilterValues.Shorts), typeof(int)), true),
            _ => Compare(Expression.Convert(Property("Rank"), typeof(long?)), Value((long?)(int?)ScalarSpec.Get("Rank").Sample(_random), typeof(long?)), true),
        };
    }

    private Expression NullCheck()
    {
        string[] nullable = ["Name", "Rank", "Weight", "Flag", "Due", "Parent", .. Collections];
        var name = ScalarSpec.Pick(_random, nullable);
        var property = Property(name);
        var isValueType = Nullable.GetUnderlyingType(property.Type) is not null;
        return _random.Next(isValueType ? 4 : 2) switch
        {
            0 => Expression.Equal(property, Expression.Constant(null, property.Type)),
            1 => Expression.NotEqual(property, Expression.Constant(null, property.Type)),
            2 => Expression.Property(property, "HasValue"),
            _ => Expression.AndAlso(
                Expression.Property(property, "HasValue"),
                Compare(Expression.Property(property, "Value"), ValueOf(ScalarSpec.Get(name), allowNull: false), ScalarSpec.Get(name).Ordered)),
        };
    }

    /// <summary>A non-null sample of a spec as a value of its underlying type.</summary>
    private Expression ValueOf(ScalarSpec spec, bool allowNull)
    {
        object? sample;
        do
        {
            sample = spec.Sample(_random);
        }
        while (sample is null && !allowNull);

        return Value(sample, allowNull ? spec.Type : spec.ValueType);
    }

    private Expression BoolProperty() => _random.Next(5) switch
    {
        0 => Property("IsActive"),
        1 => Expression.Not(Property("IsActive")),
        2 => Expression.Equal(Property("Flag"), Value(_random.Next(3) switch { 0 => null, 1 => true, _ => false }, typeof(bool?))),
        3 => Expression.NotEqual(Property("Flag"), Value(_random.Next(2) == 0, typeof(bool?))),
        _ => Expression.AndAlso(Expression.Property(Property("Flag"), "HasValue"), Expression.Property(Property("Flag"), "Value")),
    };
}
