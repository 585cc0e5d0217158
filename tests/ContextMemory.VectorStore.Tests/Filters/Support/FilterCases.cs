namespace ContextMemory.VectorStore.Tests.Filters.Support;

/// <summary>The hand-written filters: every supported construct, on POCO and dynamic records.</summary>
internal static partial class FilterCases
{
    private static readonly Lazy<Dictionary<string, FilterCase>> ByName = new(() =>
        Scalars().Concat(Temporal()).Concat(Logic()).Concat(CapturedCollections()).Concat(CollectionProperties())
            .Concat(Strings()).Concat(ColumnPairs()).Concat(DynamicOnly())
            .ToDictionary(c => c.Name, StringComparer.Ordinal));

    public static IReadOnlyCollection<FilterCase> All => ByName.Value.Values;

    public static FilterCase Get(string name) => ByName.Value[name];

    public static TheoryData<string> PocoNames() => [.. All.Where(c => c.Poco is not null).Select(c => c.Name)];

    public static TheoryData<string> DynamicNames() => [.. All.Where(c => c.Dynamic is not null).Select(c => c.Name)];
}
