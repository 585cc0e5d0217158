using System.Linq.Expressions;
using System.Reflection;

namespace ContextMemory.VectorStore.Tests.Filters.Support;

internal sealed partial class RandomFilterGenerator
{
    private static readonly MethodInfo ObjectEquals = typeof(object).GetMethod(nameof(object.Equals), [typeof(object), typeof(object)])!;

    private Expression StringPredicate()
    {
        if (_random.Next(6) == 0)
        {
            return Expression.Call(typeof(string).GetMethod(nameof(string.IsNullOrEmpty))!, Property("Name"));
        }

        if (_random.Next(2) == 0)
        {
            return StringMethod(Property("Category"));
        }

        var name = Property("Name");
        return Expression.AndAlso(Expression.NotEqual(name, Expression.Constant(null, typeof(string))), StringMethod(name));
    }

    /// <summary>StartsWith, EndsWith or Contains with a pattern likely to match: a pool string or a piece of one.</summary>
    private Expression StringMethod(Expression target)
    {
        var method = ScalarSpec.Pick(_random, new[] { "StartsWith", "EndsWith", "Contains" });
        var source = ScalarSpec.Pick(_random, FilterValues.Strings) ?? "";
        var start = _random.Next(source.Length + 1);
        var pattern = _random.Next(3) switch
        {
            0 => source,
            1 => source[..start],
            _ => source[start..],
        };

        if (pattern.Length == 1 && _random.Next(2) == 0)
        {
            return Expression.Call(target, typeof(string).GetMethod(method, [typeof(char)])!, Value(pattern[0], typeof(char)));
        }

        return Expression.Call(
            target,
            typeof(string).GetMethod(method, [typeof(string), typeof(StringComparison)])!,
            Value(pattern, typeof(string)),
            Expression.Constant(StringComparison.Ordinal));
    }

    /// <summary>Two properties of comparable types, converted the way C# would.</summary>
    private Expression PropertyPair()
    {
        (string Left, string Right, Type Common, bool Ordered)[] pairs =
        [
            ("Count", "Rank", typeof(int?), true),
            ("Score", "Weight", typeof(double?), true),
            ("Created", "Due", typeof(DateTime?), true),
            ("Owner", "Parent", typeof(Guid?), true),
            ("Name", "Category", typeof(string), false),
            ("Small", "Count", typeof(int), true),
            ("Count", "Score", typeof(double), true),
            ("Ratio", "Weight", typeof(double?), true),
            ("IsActive", "Flag", typeof(bool?), false),
            ("Key", "Big", typeof(long), true),
        ];
        var (left, right, common, ordered) = ScalarSpec.Pick(_random, pairs);
        return Compare(Convert(Property(left), common), Convert(Property(right), common), ordered);
    }

    private static Expression Convert(Expression expression, Type type) =>
        expression.Type == type ? expression : Expression.Convert(expression, type);

    /// <summary><c>Equals(a, b)</c> over object (values of other types never equal) or the typed instance Equals.</summary>
    private Expression EqualsCall()
    {
        var spec = ScalarSpec.Pick(_random, ScalarSpec.All);
        var property = Property(spec.Name);
        if (spec.Type.IsValueType && Nullable.GetUnderlyingType(spec.Type) is null && _random.Next(2) == 0)
        {
            var typed = spec.Type.GetMethod(nameof(Equals), [spec.Type]);
            if (typed is not null && typed.GetParameters()[0].ParameterType == spec.Type)
            {
                return Expression.Call(property, typed, ValueOf(spec, allowNull: false));
            }
        }

        var value = _random.Next(4) == 0 && spec.ValueType == typeof(int) ? 42L : spec.Sample(_random);
        return Expression.Call(ObjectEquals, Expression.Convert(property, typeof(object)), Expression.Convert(Value(value, value?.GetType() ?? typeof(object)), typeof(object)));
    }
}
