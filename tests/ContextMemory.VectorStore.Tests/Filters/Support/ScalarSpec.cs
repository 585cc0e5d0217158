namespace ContextMemory.VectorStore.Tests.Filters.Support;

/// <summary>A scalar property of <see cref="FilterRecord"/> for the generator: its type, sample values, and whether it has &lt;.</summary>
internal sealed record ScalarSpec(string Name, Type Type, bool Ordered, Func<Random, object?> Sample)
{
    public static readonly IReadOnlyList<ScalarSpec> All =
    [
        new("Key", typeof(long), true, r => (long)r.Next(-2, 330)),
        new("Name", typeof(string), false, r => Nullable(r, Pick(r, FilterValues.Strings))),
        new("Category", typeof(string), false, r => Pick(r, FilterValues.Strings) ?? "a"),
        new("Count", typeof(int), true, r => r.Next(3) == 0 ? r.Next(-5, 50) : Pick(r, FilterValues.Ints)),
        new("Rank", typeof(int?), true, r => Nullable(r, Pick(r, FilterValues.Ints))),
        new("Big", typeof(long), true, r => Pick(r, FilterValues.Longs)),
        new("Score", typeof(double), true, r => Pick(r, FilterValues.Doubles)),
        new("Weight", typeof(double?), true, r => Nullable(r, Pick(r, FilterValues.Doubles))),
        new("Ratio", typeof(float), true, r => Pick(r, FilterValues.Floats)),
        new("IsActive", typeof(bool), false, r => r.Next(2) == 0),
        new("Flag", typeof(bool?), false, r => Nullable(r, r.Next(2) == 0)),
        new("Created", typeof(DateTime), true, r => FilterValue(Pick(r, FilterValues.DateTimes))),
        new("Due", typeof(DateTime?), true, r => Nullable(r, FilterValue(Pick(r, FilterValues.DateTimes)))),
        new("Stamp", typeof(DateTimeOffset), true, r => Pick(r, FilterValues.Offsets)),
        new("Day", typeof(DateOnly), true, r => Pick(r, FilterValues.Days)),
        new("Time", typeof(TimeOnly), true, r => Pick(r, FilterValues.Times)),
        new("Owner", typeof(Guid), true, r => Pick(r, FilterValues.Guids)),
        new("Parent", typeof(Guid?), true, r => Nullable(r, Pick(r, FilterValues.Guids))),
    ];

    public bool IsNullable => !Type.IsValueType || System.Nullable.GetUnderlyingType(Type) is not null;

    public Type ValueType => System.Nullable.GetUnderlyingType(Type) ?? Type;

    public static ScalarSpec Get(string name) => All.Single(s => s.Name == name);

    public static T Pick<T>(Random random, IReadOnlyList<T> pool) => pool[random.Next(pool.Count)];

    private static object? Nullable(Random random, object? value) => random.Next(6) == 0 ? null : value;

    /// <summary>
    /// The store compares DateTimes as instants (Local converted to UTC), C# by ticks; a Local filter value is given as its
    /// UTC equivalent so both agree in any time zone. A dedicated test covers Local filter values.
    /// </summary>
    private static DateTime FilterValue(DateTime value) => value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value;
}
