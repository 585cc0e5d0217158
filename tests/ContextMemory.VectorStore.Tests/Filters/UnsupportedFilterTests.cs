// The filters call these overloads on purpose: their rejection is what is tested.
#pragma warning disable CA1304, CA1309, CA1311, CA1862, CA1866

using System.Linq.Expressions;
using ContextMemory.VectorStore.Failures;
using ContextMemory.VectorStore.Filters;
using ContextMemory.VectorStore.Records;
using ContextMemory.VectorStore.Tests.Filters.Support;

namespace ContextMemory.VectorStore.Tests.Filters;

/// <summary>Constructs without a translation throw NotSupportedException naming the construct and what is supported.</summary>
public sealed class UnsupportedFilterTests
{
    private static readonly string?[] Captured = ["a"];

    [Fact]
    public void A_method_on_a_property_is_named()
    {
        AssertUnsupported(r => r.Name!.ToUpper() == "X", "r.Name.ToUpper()", VectorStoreErrors.FilterMethod("String.ToUpper"));
    }

    [Fact]
    public void Arithmetic_on_a_property_is_rejected()
    {
        AssertUnsupported(r => r.Count + 1 > 5, "(r.Count + 1)", VectorStoreErrors.FilterOperand);
    }

    [Fact]
    public void A_member_of_a_property_is_rejected()
    {
        AssertUnsupported(r => r.Created.Year == 2024, "r.Created.Year", VectorStoreErrors.FilterOperand);
        AssertUnsupported(r => r.Name!.Length == 3, "r.Name.Length", VectorStoreErrors.FilterOperand);
    }

    [Fact]
    public void A_lossy_conversion_of_a_property_is_rejected()
    {
        AssertUnsupported(r => (int)r.Score == 3, "Convert(r.Score, Int32)", VectorStoreErrors.FilterLossyConversion(typeof(double), typeof(int)));
        AssertUnsupported(r => (double)r.Big > 1.5, "Convert(r.Big, Double)", VectorStoreErrors.FilterLossyConversion(typeof(long), typeof(double)));
        AssertUnsupported(r => (short)r.Count == 3, "Convert(r.Count, Int16)", VectorStoreErrors.FilterLossyConversion(typeof(int), typeof(short)));
    }

    [Fact]
    public void A_user_defined_conversion_of_a_property_is_rejected()
    {
        var stamp = DateTimeOffset.UnixEpoch;
        AssertUnsupported(r => r.Created == stamp, "Convert(r.Created, DateTimeOffset)", VectorStoreErrors.FilterLossyConversion(typeof(DateTime), typeof(DateTimeOffset)));
    }

    [Fact]
    public void Unboxing_a_dynamic_value_as_another_type_is_rejected()
    {
        AssertUnsupportedDynamic(d => (long)d["Count"]! == 5, "Convert(d.get_Item(\"Count\"), Int64)", VectorStoreErrors.FilterLossyConversion(typeof(object), typeof(long)));
    }

    [Fact]
    public void Unknown_properties_are_named()
    {
        AssertUnsupported(r => r.NotStored == "x", "r.NotStored", VectorStoreErrors.FilterUnknownProperty("NotStored"));
        AssertUnsupportedDynamic(d => (string?)d["Nope"] == "x", "d.get_Item(\"Nope\")", VectorStoreErrors.FilterUnknownProperty("Nope"));
    }

    [Fact]
    public void Vector_properties_cannot_be_filtered_on()
    {
        AssertUnsupported(r => (object)r.Embedding != null, "r.Embedding", VectorStoreErrors.FilterVectorProperty("Embedding"));
        AssertUnsupportedDynamic(d => d["Embedding"] != null, "d.get_Item(\"Embedding\")", VectorStoreErrors.FilterVectorProperty("Embedding"));
    }

    [Fact]
    public void Comparing_a_collection_with_a_value_is_rejected()
    {
        string?[] other = ["a"];
        AssertUnsupported(r => r.Tags == other, "(r.Tags == value(" + ClosureName(() => other) + ").other)", VectorStoreErrors.FilterCollectionEquality);
    }

    [Fact]
    public void A_non_ordinal_string_comparison_is_rejected()
    {
        AssertUnsupported(
            r => r.Name!.StartsWith("a", StringComparison.OrdinalIgnoreCase),
            "r.Name.StartsWith(\"a\", OrdinalIgnoreCase)",
            VectorStoreErrors.FilterStringComparison(StringComparison.OrdinalIgnoreCase));
        AssertUnsupported(
            r => string.Equals(r.Name, "a", StringComparison.CurrentCulture),
            "Equals(r.Name, \"a\", CurrentCulture)",
            VectorStoreErrors.FilterStringComparison(StringComparison.CurrentCulture));
    }

    [Fact]
    public void A_culture_overload_of_StartsWith_is_rejected()
    {
        AssertUnsupported(
            r => r.Name!.StartsWith("a", true, null),
            "r.Name.StartsWith(\"a\", True, null)",
            VectorStoreErrors.FilterMethod("String.StartsWith"));
    }

    [Fact]
    public void A_null_pattern_is_rejected()
    {
        string? nothing = null;
        AssertUnsupported(r => r.Category.Contains(nothing!), $"r.Category.Contains(value({ClosureName(() => nothing)}).nothing)", VectorStoreErrors.FilterNullArgument);
    }

    [Fact]
    public void An_element_member_inside_Any_is_named()
    {
        AssertUnsupported(r => r.Tags!.Any(t => t!.Length > 1), "t.Length", VectorStoreErrors.FilterOperand);
    }

    [Fact]
    public void Any_over_a_captured_collection_is_rejected()
    {
        AssertUnsupported(
            r => Captured.Any(c => c == r.Name),
            "UnsupportedFilterTests.Captured.Any(c => (c == r.Name))",
            VectorStoreErrors.FilterCollectionSource);
    }

    [Fact]
    public void Any_with_a_delegate_instead_of_a_lambda_is_rejected()
    {
        Func<string?, bool> predicate = t => t == "a";
        AssertUnsupported(
            r => r.Tags!.Any(predicate),
            $"r.Tags.Any(value({ClosureName(() => predicate)}).predicate)",
            VectorStoreErrors.FilterCollectionSource);
    }

    [Fact]
    public void Floating_point_elements_compared_with_a_property_are_rejected()
    {
        AssertUnsupported(r => r.Readings!.Any(x => x == r.Score), "(x == r.Score)", VectorStoreErrors.FilterFloatingElement);
    }

    [Fact]
    public void A_captured_set_with_a_custom_comparer_is_rejected()
    {
        var set = new HashSet<string?>(StringComparer.OrdinalIgnoreCase) { "a" };
        AssertUnsupported(r => set.Contains(r.Name), $"value({ClosureName(() => set)}).set", VectorStoreErrors.FilterCustomComparer);
    }

    [Fact]
    public void Other_methods_are_named()
    {
        AssertUnsupported(r => r.Count.CompareTo(5) > 0, "r.Count.CompareTo(5)", VectorStoreErrors.FilterMethod("Int32.CompareTo"));
        AssertUnsupported(r => string.Compare(r.Name, "a", StringComparison.Ordinal) > 0, "Compare(r.Name, \"a\", Ordinal)", VectorStoreErrors.FilterMethod("String.Compare"));
        AssertUnsupported(r => r.Tags!.Count() > 1, "r.Tags.Count()", VectorStoreErrors.FilterMethod("Enumerable.Count"));
    }

    [Fact]
    public void Bitwise_operations_on_properties_are_rejected()
    {
        AssertUnsupported(r => (r.Count & 1) == 0, "(r.Count & 1)", VectorStoreErrors.FilterOperand);
    }

    [Fact]
    public void A_filter_of_the_wrong_shape_is_an_argument_error()
    {
        Expression<Func<FilterRecord, FilterRecord, bool>> twoRecords = (a, b) => a.Count == b.Count;
        Expression<Func<string, bool>> otherType = s => s.Length > 0;

        var two = Assert.Throws<ArgumentException>(() => SqlFilterTranslator.Translate(twoRecords, FilterModels.Poco, FilterModels.ColumnOf));
        var other = Assert.Throws<ArgumentException>(() => SqlFilterTranslator.Translate(otherType, FilterModels.Poco, FilterModels.ColumnOf));
        var prefix = Assert.Throws<ArgumentException>(() => SqlFilterTranslator.Translate(
            (Expression<Func<FilterRecord, bool>>)(r => r.Count == 1), FilterModels.Poco, FilterModels.ColumnOf, "f; DROP"));

        Assert.Equal(new ArgumentException(VectorStoreErrors.FilterShape(typeof(FilterRecord)), "filter").Message, two.Message);
        Assert.Equal(two.Message, other.Message);
        Assert.Equal(new ArgumentException(VectorStoreErrors.FilterParameterPrefix, "parameterPrefix").Message, prefix.Message);
    }

    private static void AssertUnsupported(Expression<Func<FilterRecord, bool>> filter, string construct, string reason) =>
        AssertUnsupported(filter, FilterModels.Poco, construct, reason);

    private static void AssertUnsupportedDynamic(Expression<Func<Dictionary<string, object?>, bool>> filter, string construct, string reason) =>
        AssertUnsupported(filter, FilterModels.Dynamic, construct, reason);

    private static void AssertUnsupported(LambdaExpression filter, RecordModel model, string construct, string reason)
    {
        var exception = Assert.Throws<NotSupportedException>(() => SqlFilterTranslator.Translate(filter, model, FilterModels.ColumnOf));
        Assert.Equal(VectorStoreErrors.FilterNotSupported(construct, reason), exception.Message);
        Assert.Contains(VectorStoreErrors.FilterSupportedConstructs, exception.Message, StringComparison.Ordinal);
    }

    /// <summary>The compiler-generated closure type's name, as expression text shows captured variables.</summary>
    private static string ClosureName<T>(Expression<Func<T>> capture) =>
        ((MemberExpression)capture.Body).Expression!.Type.ToString();
}
