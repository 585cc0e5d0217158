using System.Globalization;
using System.Linq.Expressions;
using ContextMemory.VectorStore.Filters;
using ContextMemory.VectorStore.Records;
using ContextMemory.VectorStore.Storage;
using Microsoft.Data.Sqlite;

namespace ContextMemory.VectorStore.Tests.Filters.Support;

/// <summary>
/// A SQLite database file holding the generated records in a table shaped like the store's (<c>k</c>, <c>p0..pn</c>,
/// column affinities from the converter, a few indexes), plus the same records in memory for LINQ to objects.
/// Shared by the tests of a class; only read after creation.
/// </summary>
public sealed class FilterDatabase : IDisposable
{
    private readonly string _directory;
    private readonly SqliteConnection _connection;

    public FilterDatabase()
    {
        _directory = Path.Combine(Path.GetTempPath(), "cm-filters-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(_directory, "filters.db"), Pooling = false }.ToString());
        _connection.Open();

        Records = FilterRecords.Generate(seed: 20261121);
        PocoRecords = [.. Records.Select(FilterRecords.StoredPoco)];
        DynamicRecords = [.. Records.Select(FilterRecords.StoredDynamic)];
        CreateTable();
    }

    /// <summary>The records as written.</summary>
    internal IReadOnlyList<FilterRecord> Records { get; }

    /// <summary>The records as the store reads them back (the LINQ to objects side of every comparison).</summary>
    internal IReadOnlyList<FilterRecord> PocoRecords { get; }

    internal IReadOnlyList<Dictionary<string, object?>> DynamicRecords { get; }

    internal SqliteConnection Connection => _connection;

    internal static SqlFilter Translate(LambdaExpression filter, RecordModel model) =>
        SqlFilterTranslator.Translate(filter, model, FilterModels.ColumnOf);

    /// <summary>Keys of the rows the translated filter selects, ascending.</summary>
    internal List<long> SelectKeys(SqlFilter filter)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = $"SELECT r.k FROM t r WHERE {filter.Sql} ORDER BY r.k;";
        filter.BindTo(command);
        var keys = new List<long>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            keys.Add(reader.GetInt64(0));
        }

        return keys;
    }

    /// <summary>Keys LINQ to objects selects with the compiled filter (under the store's documented semantics), ascending.</summary>
    internal List<long> ExpectedKeys(Expression<Func<FilterRecord, bool>> filter)
    {
        var predicate = OracleSemantics.Compile(filter);
        return [.. PocoRecords.Where(predicate).Select(r => r.Key).Order()];
    }

    internal List<long> ExpectedKeys(Expression<Func<Dictionary<string, object?>, bool>> filter)
    {
        var predicate = OracleSemantics.Compile(filter);
        return [.. DynamicRecords.Where(predicate).Select(r => (long)r["Key"]!).Order()];
    }

    internal long RowCount()
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM t;";
        return (long)command.ExecuteScalar()!;
    }

    public void Dispose()
    {
        _connection.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private void CreateTable()
    {
        var properties = FilterModels.DataProperties;
        var columns = string.Concat(properties.Select((p, i) =>
            string.Create(CultureInfo.InvariantCulture, $", p{i} {SqliteValueConverter.ColumnType(p.PropertyType)}")));
        Execute($"CREATE TABLE t (rid INTEGER PRIMARY KEY AUTOINCREMENT, k INTEGER NOT NULL UNIQUE{columns});");
        for (var i = 0; i < properties.Count; i++)
        {
            if (FilterModels.IsIndexed(properties[i]))
            {
                Execute(string.Create(CultureInfo.InvariantCulture, $"CREATE INDEX t_p{i} ON t (p{i});"));
            }
        }

        using var transaction = _connection.BeginTransaction();
        using var insert = _connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = $"INSERT INTO t (k{string.Concat(properties.Select((_, i) => $", p{i}"))}) " +
            $"VALUES ($k{string.Concat(properties.Select((_, i) => $", $p{i}"))});";
        foreach (var record in Records)
        {
            insert.Parameters.Clear();
            insert.Parameters.AddWithValue("$k", SqliteValueConverter.ToStorage(record.Key));
            for (var i = 0; i < properties.Count; i++)
            {
                insert.Parameters.AddWithValue(
                    string.Create(CultureInfo.InvariantCulture, $"$p{i}"),
                    SqliteValueConverter.ToStorage(properties[i].GetValue(record)));
            }

            insert.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
