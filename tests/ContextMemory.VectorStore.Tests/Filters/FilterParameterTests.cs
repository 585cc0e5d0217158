using System.Linq.Expressions;
using System.Text.RegularExpressions;
using ContextMemory.VectorStore.Filters;
using ContextMemory.VectorStore.Storage;
using ContextMemory.VectorStore.Tests.Filters.Support;

namespace ContextMemory.VectorStore.Tests.Filters;

/// <summary>User values only ever travel as bound parameters, and the SQL text depends on the filter's shape alone.</summary>
public sealed partial class FilterParameterTests(FilterDatabase database) : IClassFixture<FilterDatabase>
{
    private static readonly string[] Hostile =
    [
        "'", "''", "'; DROP TABLE t; --", "\" OR 1=1 --", "x'); DELETE FROM t; --", "a\0b", "\0", "ab\0", "$f0", "r.p0", "%", "_",
        "\\'", "' OR '1'='1", FilterValues.LongText,
    ];

    /// <summary>Everything the translator may write besides parameter names, columns and element aliases.</summary>
    private static readonly HashSet<string> Vocabulary =
    [
        "IS", "NOT", "NULL", "AND", "OR", "IN", "SELECT", "value", "FROM", "json_each", "AS", "EXISTS", "WHERE", "IFNULL", "CAST", "BLOB",
        "substr", "length", "instr", "CASE", "WHEN", "THEN", "ELSE", "END", "0", "1", "->>", "=", "<>", "<", "<=", ">", ">=", "(", ")", ",", "-", "+",
    ];

    public static TheoryData<string> HostileValues => [.. Hostile];

    [Theory]
    [MemberData(nameof(HostileValues))]
    public void Hostile_strings_are_bound_and_match_exactly(string hostile)
    {
        string?[] list = [hostile];
        Expression<Func<FilterRecord, bool>>[] filters =
        [
            r => r.Name == hostile,
            r => r.Category != hostile,
            r => r.Name != null && r.Name.StartsWith(hostile, StringComparison.Ordinal),
            r => r.Category.EndsWith(hostile, StringComparison.Ordinal),
            r => r.Category.Contains(hostile),
            r => list.Contains(r.Name),
            r => r.Tags != null && r.Tags.Contains(hostile),
            r => r.Tags != null && r.Tags.Any(t => t == hostile),
        ];

        foreach (var filter in filters)
        {
            var translated = FilterDatabase.Translate(filter, FilterModels.Poco);
            Assert.DoesNotContain("'", translated.Sql, StringComparison.Ordinal);
            Assert.DoesNotContain("DROP", translated.Sql, StringComparison.Ordinal);
            Assert.Contains(hostile, BoundStrings(translated));
            EquivalenceAssert.Same(database, filter);
        }

        Assert.Contains(database.PocoRecords, r => r.Name == hostile || r.Category == hostile);
        Assert.Equal(FilterRecords.Count, database.RowCount());
    }

    [Fact]
    public void Sql_text_uses_only_fixed_vocabulary_for_every_filter()
    {
        var filters = FilterCases.All.SelectMany(c => new LambdaExpression?[] { c.Poco, c.Dynamic }).OfType<LambdaExpression>().ToList();
        var generator = new RandomFilterGenerator(seed: 99, dynamic: false);
        filters.AddRange(Enumerable.Range(0, 200).Select(_ => generator.NextPoco()));

        foreach (var filter in filters)
        {
            var model = filter.Parameters[0].Type == typeof(FilterRecord) ? FilterModels.Poco : FilterModels.Dynamic;
            var sql = FilterDatabase.Translate(filter, model).Sql;
            var rest = Identifiers().Replace(sql, " ");
            var tokens = Tokens().Matches(rest).Select(m => m.Value).ToList();

            Assert.Equal(rest.Count(c => !char.IsWhiteSpace(c)), tokens.Sum(t => t.Length));
            Assert.All(tokens, token => Assert.Contains(token, Vocabulary));
        }
    }

    [Fact]
    public void The_same_filter_translates_to_the_same_text_and_parameters()
    {
        foreach (var filter in FilterCases.All.Where(c => c.Poco is not null).Select(c => c.Poco!))
        {
            var first = FilterDatabase.Translate(filter, FilterModels.Poco);
            var second = FilterDatabase.Translate(filter, FilterModels.Poco);

            Assert.Equal(first.Sql, second.Sql);
            Assert.Equal(first.Parameters, second.Parameters);
        }
    }

    [Fact]
    public void Captured_values_change_parameters_but_not_the_text()
    {
        var small = Translate("a", 1, [1], ["x"], 0.5);
        var large = Translate("'; DROP TABLE t; --", int.MaxValue, [1, 2, 3, 4, 5], [], double.PositiveInfinity);

        Assert.Equal(small.Sql, large.Sql);
        Assert.NotEqual(small.Parameters, large.Parameters);
        Assert.Equal(small.Parameters.Select(p => p.Name), large.Parameters.Select(p => p.Name));

        static SqlFilter Translate(string name, int count, int[] counts, string[] tags, double score) => FilterDatabase.Translate(
            (Expression<Func<FilterRecord, bool>>)(r => (r.Name == name || r.Count > count || counts.Contains(r.Count) || r.Score < score)
                && r.Tags != null && r.Tags.Any(t => tags.Contains(t))),
            FilterModels.Poco);
    }

    [Fact]
    public void Parameter_names_are_numbered_with_the_given_prefix()
    {
        var filter = SqlFilterTranslator.Translate(
            (Expression<Func<FilterRecord, bool>>)(r => r.Count == 1 && r.Name == "a"), FilterModels.Poco, FilterModels.ColumnOf, "w_");

        Assert.Equal(["$w_0", "$w_1"], filter.Parameters.Select(p => p.Name));
        Assert.Equal([1L, (object)"a"], filter.Parameters.Select(p => p.Value));
    }

    [Fact]
    public void Binding_again_replaces_the_values_of_a_reused_command()
    {
        Expression<Func<FilterRecord, bool>> Of(int count) => r => r.Count == count;
        var first = FilterDatabase.Translate(Of(42), FilterModels.Poco);
        var second = FilterDatabase.Translate(Of(7), FilterModels.Poco);
        using var command = database.Connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM t r WHERE {first.Sql};";

        first.BindTo(command);
        var fortyTwos = (long)command.ExecuteScalar()!;
        second.BindTo(command);
        var sevens = (long)command.ExecuteScalar()!;

        Assert.Equal(database.PocoRecords.Count(r => r.Count == 42), fortyTwos);
        Assert.Equal(database.PocoRecords.Count(r => r.Count == 7), sevens);
        Assert.Single(command.Parameters);
    }

    /// <summary>The strings bound, including the elements of JSON array parameters.</summary>
    private static IEnumerable<string?> BoundStrings(SqlFilter filter)
    {
        foreach (var value in filter.Parameters.Select(p => p.Value).OfType<string>())
        {
            yield return value;
            if (value.StartsWith('['))
            {
                foreach (var element in System.Text.Json.JsonSerializer.Deserialize<string?[]>(value) ?? [])
                {
                    yield return element;
                }
            }
        }
    }

    [GeneratedRegex(@"\$[A-Za-z_][A-Za-z0-9_]*|\br\.(k|p[0-9]+)\b|\bj[0-9]+\.value\b|\bj[0-9]+\b")]
    private static partial Regex Identifiers();

    [GeneratedRegex(@"->>|<>|<=|>=|[A-Za-z_]+|[0-9]+|[=<>(),+\-]")]
    private static partial Regex Tokens();
}
