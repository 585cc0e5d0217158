using System.Linq.Expressions;
using System.Reflection;

namespace ContextMemory.Storage;

/// <summary>
/// Builds the LINQ filters every query runs under. Each filter is one lambda over one parameter, built from plain
/// equality, comparisons, null checks, <c>Enumerable.Contains</c> and <c>&amp;&amp;</c>, the subset every VectorData
/// connector translates. Values are constants in the tree (connectors bind them as parameters, never as query text).
/// </summary>
internal static class MemoryFilters
{
    private static readonly MethodInfo ContainsString = ContainsOf<string>();

    /// <summary>Memories the scope selects (the match rule: every part the scope sets is equal).</summary>
    public static Expression<Func<MemoryEntity, bool>> InScope(MemoryScope scope) => Build<MemoryEntity>(p => ScopeParts(p, scope));

    /// <summary>Memories stored under exactly this scope (unset parts must be unset): where merges and connections look.</summary>
    public static Expression<Func<MemoryEntity, bool>> ExactScope(MemoryScope scope, MemoryKind kind) => Build<MemoryEntity>(p =>
    [
        Part(p, nameof(MemoryEntity.UserId), scope.UserId),
        Part(p, nameof(MemoryEntity.AgentId), scope.AgentId),
        Part(p, nameof(MemoryEntity.ConversationId), scope.ConversationId),
        Expression.Equal(Expression.Property(p, nameof(MemoryEntity.Kind)), Expression.Constant((int)kind)),
    ]);

    /// <summary>Memories of the scope that pass the filter.</summary>
    public static Expression<Func<MemoryEntity, bool>> Matching(
        MemoryScope scope, IReadOnlyList<MemoryKind>? kinds, DateTimeOffset? from, DateTimeOffset? to, IReadOnlyList<string>? tags, string? source) =>
        Build<MemoryEntity>(p =>
        {
            var terms = ScopeParts(p, scope);
            var distinctKinds = kinds?.Distinct().ToArray() ?? [];
            if (distinctKinds.Length == 1)
            {
                terms.Add(Expression.Equal(Expression.Property(p, nameof(MemoryEntity.Kind)), Expression.Constant((int)distinctKinds[0])));
            }

            if (from is { } start)
            {
                terms.Add(Expression.GreaterThanOrEqual(Expression.Property(p, nameof(MemoryEntity.OccurredAt)), Expression.Constant(start.UtcTicks)));
            }

            if (to is { } end)
            {
                terms.Add(Expression.LessThanOrEqual(Expression.Property(p, nameof(MemoryEntity.OccurredAt)), Expression.Constant(end.UtcTicks)));
            }

            foreach (var tag in tags?.Distinct(StringComparer.Ordinal) ?? [])
            {
                terms.Add(Expression.Call(ContainsString, Expression.Property(p, nameof(MemoryEntity.Tags)), Expression.Constant(tag)));
            }

            if (source is not null)
            {
                terms.Add(Expression.Equal(Expression.Property(p, nameof(MemoryEntity.Source)), Expression.Constant(source)));
            }

            return terms;
        });

    /// <summary>History rows of the scope, optionally of one memory.</summary>
    public static Expression<Func<HistoryEntity, bool>> History(MemoryScope scope, Guid? memoryId) => Build<HistoryEntity>(p =>
    {
        var terms = ScopeParts(p, scope);
        if (memoryId is { } id)
        {
            terms.Add(Expression.Equal(Expression.Property(p, nameof(HistoryEntity.MemoryId)), Expression.Constant(id)));
        }

        return terms;
    });

    /// <summary>History rows of one memory, whatever its scope (used only after the memory's scope was checked).</summary>
    public static Expression<Func<HistoryEntity, bool>> HistoryOf(Guid memoryId) => Build<HistoryEntity>(p =>
        [Expression.Equal(Expression.Property(p, nameof(HistoryEntity.MemoryId)), Expression.Constant(memoryId))]);

    /// <summary>Every memory (for host-level export and statistics): kinds are never negative.</summary>
    public static Expression<Func<MemoryEntity, bool>> All() => Build<MemoryEntity>(p =>
        [Expression.GreaterThanOrEqual(Expression.Property(p, nameof(MemoryEntity.Kind)), Expression.Constant(0))]);

    /// <summary>Every history row.</summary>
    public static Expression<Func<HistoryEntity, bool>> AllHistory() => Build<HistoryEntity>(p =>
        [Expression.GreaterThanOrEqual(Expression.Property(p, nameof(HistoryEntity.Sequence)), Expression.Constant(0L))]);

    private static List<Expression> ScopeParts(ParameterExpression p, MemoryScope scope)
    {
        List<Expression> terms = [];
        AddIfSet(terms, p, nameof(MemoryEntity.UserId), scope.UserId);
        AddIfSet(terms, p, nameof(MemoryEntity.AgentId), scope.AgentId);
        AddIfSet(terms, p, nameof(MemoryEntity.ConversationId), scope.ConversationId);
        return terms;
    }

    private static void AddIfSet(List<Expression> terms, ParameterExpression p, string property, string? value)
    {
        if (value is not null)
        {
            terms.Add(Part(p, property, value));
        }
    }

    private static BinaryExpression Part(ParameterExpression p, string property, string? value) =>
        Expression.Equal(Expression.Property(p, property), Expression.Constant(value, typeof(string)));

    private static Expression<Func<T, bool>> Build<T>(Func<ParameterExpression, List<Expression>> terms)
    {
        var parameter = Expression.Parameter(typeof(T), "r");
        var all = terms(parameter);
        var body = all.Count == 0 ? throw new InvalidOperationException(MemoryErrors.ScopeRequired) : all.Aggregate(Expression.AndAlso);
        return Expression.Lambda<Func<T, bool>>(body, parameter);
    }

    private static MethodInfo ContainsOf<T>() =>
        typeof(Enumerable).GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Single(m => m.Name == nameof(Enumerable.Contains) && m.GetParameters().Length == 2)
            .MakeGenericMethod(typeof(T));
}
