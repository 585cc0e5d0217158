using System.Reflection;
using ContextMemory.VectorStore.Storage;
using Microsoft.Extensions.VectorData;

namespace ContextMemory.VectorStore.Tests.Filters.Support;

/// <summary>Deterministically generated records, and their stored form as the store would read them back.</summary>
internal static class FilterRecords
{
    public const int Count = 320;

    public static IReadOnlyList<FilterRecord> Generate(int seed)
    {
        var random = new Random(seed);
        var records = new List<FilterRecord>(Count);
        for (var i = 0; i < Count; i++)
        {
            records.Add(new FilterRecord
            {
                Key = i + 1,
                Name = Pick(random, FilterValues.Strings),
                Category = Pick(random, FilterValues.Strings) ?? "",
                Count = random.Next(4) == 0 ? random.Next(-5, 50) : Pick(random, FilterValues.Ints),
                Rank = random.Next(3) == 0 ? null : Pick(random, FilterValues.Ints),
                Big = random.Next(4) == 0 ? random.NextInt64() : Pick(random, FilterValues.Longs),
                Small = Pick(random, FilterValues.Shorts),
                Score = RandomDouble(random, allowInfinity: true),
                Weight = random.Next(3) == 0 ? null : RandomDouble(random, allowInfinity: true),
                Ratio = random.Next(4) == 0 ? (float)random.NextDouble() : Pick(random, FilterValues.Floats),
                IsActive = random.Next(2) == 0,
                Flag = random.Next(3) switch { 0 => null, 1 => true, _ => false },
                Created = random.Next(5) == 0 ? RandomDate(random, DateTimeKind.Utc) : Pick(random, FilterValues.DateTimes),
                Due = random.Next(3) == 0 ? null : Pick(random, FilterValues.DateTimes),
                Stamp = Pick(random, FilterValues.Offsets),
                Day = random.Next(3) == 0 ? DateOnly.FromDayNumber(random.Next(DateOnly.MaxValue.DayNumber)) : Pick(random, FilterValues.Days),
                Time = random.Next(3) == 0 ? new TimeOnly(random.NextInt64(TimeOnly.MaxValue.Ticks)) : Pick(random, FilterValues.Times),
                Owner = random.Next(5) == 0 ? RandomGuid(random) : Pick(random, FilterValues.Guids),
                Parent = random.Next(3) == 0 ? null : Pick(random, FilterValues.Guids),
                Tags = random.Next(5) == 0 ? null : [.. Many(random, FilterValues.TagStrings)],
                Numbers = random.Next(5) == 0 ? null : [.. Many(random, FilterValues.Ints)],
                Readings = random.Next(5) == 0 ? null : [.. Many(random, FilterValues.FiniteDoubles).Select(d => random.Next(3) == 0 ? RandomDouble(random, allowInfinity: false) : d)],
                Levels = random.Next(5) == 0 ? null : [.. Many(random, FilterValues.Floats).Select(f => random.Next(3) == 0 ? (float)random.NextDouble() : f)],
                Links = random.Next(5) == 0 ? null : [.. Many(random, FilterValues.Guids)],
                Embedding = new float[] { 1, 0, 0, 0 },
            });
        }

        return records;
    }

    /// <summary>The record as the store holds it: every key and data property through the converter and back (DateTime becomes UTC).</summary>
    public static FilterRecord StoredPoco(FilterRecord record)
    {
        var stored = new FilterRecord();
        foreach (var (property, value) in StoredValues(record))
        {
            property.SetValue(stored, value);
        }

        return stored;
    }

    /// <summary>The same as a dynamic record, keyed by property name.</summary>
    public static Dictionary<string, object?> StoredDynamic(FilterRecord record) => StoredValues(record).ToDictionary(p => p.Property.Name, p => p.Value);

    private static IEnumerable<(PropertyInfo Property, object? Value)> StoredValues(FilterRecord record) =>
        typeof(FilterRecord).GetProperties()
            .Where(p => p.GetCustomAttribute<VectorStoreKeyAttribute>() is not null || p.GetCustomAttribute<VectorStoreDataAttribute>() is not null)
            .Select(p => (p, SqliteValueConverter.FromStorage(SqliteValueConverter.ToStorage(p.GetValue(record)), p.PropertyType)));

    private static T Pick<T>(Random random, T[] pool) => pool[random.Next(pool.Length)];

    private static IEnumerable<T> Many<T>(Random random, T[] pool)
    {
        var count = random.Next(5);
        for (var i = 0; i < count; i++)
        {
            yield return Pick(random, pool);
        }
    }

    private static double RandomDouble(Random random, bool allowInfinity)
    {
        var pool = allowInfinity ? FilterValues.Doubles : FilterValues.FiniteDoubles;
        return random.Next(3) switch
        {
            0 => Pick(random, pool),
            1 => Math.Round(random.NextDouble() * 100, random.Next(4)),
            _ => BitConverter.Int64BitsToDouble(random.NextInt64() & 0x7FEF_FFFF_FFFF_FFFF) * (random.Next(2) == 0 ? 1 : -1),
        };
    }

    private static Guid RandomGuid(Random random)
    {
        var bytes = new byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes);
    }

    private static DateTime RandomDate(Random random, DateTimeKind kind) =>
        new(random.NextInt64(DateTime.MinValue.Ticks, DateTime.MaxValue.Ticks), kind);
}
