using System.Linq.Expressions;

namespace ContextMemory.VectorStore.Tests.Filters.Support;

/// <summary>A named filter written twice: over the POCO record and over the equivalent dynamic record (either may be absent).</summary>
internal sealed record FilterCase(
    string Name,
    Expression<Func<FilterRecord, bool>>? Poco,
    Expression<Func<Dictionary<string, object?>, bool>>? Dynamic);
