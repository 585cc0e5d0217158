using System.Linq.Expressions;
using ContextMemory.VectorStore.Records;

namespace ContextMemory.VectorStore.Tests.Filters.Support;

/// <summary>Runs a filter both ways (translated SQL over the database, compiled LINQ over the records) and compares the keys.</summary>
internal static class EquivalenceAssert
{
    /// <summary>Asserts equal selections; returns how many records were selected.</summary>
    public static int Same(FilterDatabase database, Expression<Func<FilterRecord, bool>> filter) =>
        Same(filter, FilterModels.Poco, database.ExpectedKeys(filter), database);

    public static int Same(FilterDatabase database, Expression<Func<Dictionary<string, object?>, bool>> filter) =>
        Same(filter, FilterModels.Dynamic, database.ExpectedKeys(filter), database);

    public static Expression<Func<T, bool>> Not<T>(Expression<Func<T, bool>> filter) =>
        Expression.Lambda<Func<T, bool>>(Expression.Not(filter.Body), filter.Parameters);

    private static int Same(LambdaExpression filter, RecordModel model, List<long> expected, FilterDatabase database)
    {
        var translated = FilterDatabase.Translate(filter, model);
        var actual = database.SelectKeys(translated);
        if (!actual.SequenceEqual(expected))
        {
            Assert.Fail(
                $"The SQL selects different records than LINQ for {filter}\nSQL: {translated.Sql}\n" +
                $"missing: [{string.Join(", ", expected.Except(actual).Take(20))}]\nextra: [{string.Join(", ", actual.Except(expected).Take(20))}]");
        }

        return actual.Count;
    }
}
