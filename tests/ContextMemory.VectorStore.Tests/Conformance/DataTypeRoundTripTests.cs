using System.Collections;
using System.Globalization;
using System.Reflection;
using ContextMemory.VectorStore.Failures;
using ContextMemory.VectorStore.Tests.Support;
using Microsoft.Extensions.VectorData;

namespace ContextMemory.VectorStore.Tests.Conformance;

/// <summary>
/// Every supported data type comes back as it was written, through every read path (get by key, batch get,
/// filtered get, search), in typed and dynamic records. The documented normalisations are part of the expectation:
/// DateTime and DateTimeOffset are stored as UTC instants and read back as UTC (a Local time converted, an
/// Unspecified one taken as UTC).
/// </summary>
public sealed class DataTypeRoundTripTests : IDisposable
{
    private static readonly PropertyInfo[] DataProperties =
        [.. typeof(AllTypesRecord).GetProperties().Where(p => p.GetCustomAttribute<VectorStoreDataAttribute>() is not null)];

    private readonly TempStore _temp = new();

    public void Dispose() => _temp.Dispose();

    public static TheoryData<string> Variants => ["extremes", "nulls-and-empties", "ordinary"];

    [Theory]
    [MemberData(nameof(Variants))]
    public async Task Typed_records_round_trip_every_data_type(string variant)
    {
        var record = Build(variant);
        var collection = _temp.Store.GetCollection<Guid, AllTypesRecord>("types");
        await collection.EnsureCollectionExistsAsync();
        await collection.UpsertAsync(record);

        var readBack = new List<AllTypesRecord>
        {
            (await collection.GetAsync(record.Id, new RecordRetrievalOptions { IncludeVectors = true }))!,
            Assert.Single(await collection.GetAsync([record.Id]).ToListAsync()),
            Assert.Single(await collection.GetAsync(r => r.Id == record.Id, 5).ToListAsync()),
            Assert.Single(await collection.SearchAsync(record.Vector, 5).ToListAsync()).Record,
        };

        foreach (var stored in readBack)
        {
            Assert.Equal(record.Id, stored.Id);
            foreach (var property in DataProperties)
            {
                AssertSameValue(property.Name, Expected(property.GetValue(record)), property.GetValue(stored));
            }
        }

        Assert.Equal(record.Vector.ToArray(), readBack[0].Vector.ToArray());
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public async Task Dynamic_records_round_trip_every_data_type(string variant)
    {
        var typed = Build(variant);
        var definition = new VectorStoreCollectionDefinition
        {
            Properties =
            [
                new VectorStoreKeyProperty("Id", typeof(Guid)),
                .. DataProperties.Select(p => new VectorStoreDataProperty(p.Name, p.PropertyType)),
                new VectorStoreVectorProperty("Vector", typeof(ReadOnlyMemory<float>), 4),
            ],
        };
        var record = new Dictionary<string, object?> { ["Id"] = typed.Id, ["Vector"] = typed.Vector };
        foreach (var property in DataProperties)
        {
            record[property.Name] = property.GetValue(typed);
        }

        var collection = _temp.Store.GetDynamicCollection("dynamic-types", definition);
        await collection.EnsureCollectionExistsAsync();
        await collection.UpsertAsync(record);

        var readBack = new List<Dictionary<string, object?>>
        {
            (await collection.GetAsync(typed.Id))!,
            Assert.Single(await collection.GetAsync([typed.Id]).ToListAsync()),
            Assert.Single(await collection.GetAsync(r => (Guid)r["Id"]! == typed.Id, 5).ToListAsync()),
            Assert.Single(await collection.SearchAsync(typed.Vector, 5).ToListAsync()).Record,
        };

        foreach (var stored in readBack)
        {
            Assert.Equal(typed.Id, stored["Id"]);
            foreach (var property in DataProperties)
            {
                Assert.True(stored.ContainsKey(property.Name), property.Name);
                AssertSameValue(property.Name, Expected(record[property.Name]), stored[property.Name]);
                if (stored[property.Name] is { } value)
                {
                    Assert.True(property.PropertyType.IsInstanceOfType(value), $"{property.Name} came back as {value.GetType()}");
                }
            }
        }
    }

    [Fact]
    public async Task Infinite_floating_point_data_values_round_trip()
    {
        var record = Build("ordinary");
        record.Real64 = double.PositiveInfinity;
        record.MaybeDouble = double.NegativeInfinity;
        record.Single32 = float.PositiveInfinity;
        var collection = _temp.Store.GetCollection<Guid, AllTypesRecord>("types");
        await collection.EnsureCollectionExistsAsync();
        await collection.UpsertAsync(record);

        var stored = (await collection.GetAsync(record.Id))!;
        Assert.Equal(double.PositiveInfinity, stored.Real64);
        Assert.Equal(double.NegativeInfinity, stored.MaybeDouble);
        Assert.Equal(float.PositiveInfinity, stored.Single32);
    }

    [Fact]
    public async Task NaN_data_values_and_non_finite_list_elements_are_rejected_and_nothing_of_the_batch_is_written()
    {
        var collection = _temp.Store.GetCollection<Guid, AllTypesRecord>("types");
        await collection.EnsureCollectionExistsAsync();
        var valid = Build("ordinary");
        var nan = Build("extremes");
        nan.MaybeFloat = float.NaN;
        var infiniteElement = Build("nulls-and-empties");
        infiniteElement.Doubles = [1.5, double.NegativeInfinity];

        var first = await Assert.ThrowsAsync<ArgumentException>(() => collection.UpsertAsync([valid, nan]));
        Assert.Equal(VectorStoreErrors.NaNDataValue(nameof(AllTypesRecord.MaybeFloat), 1), first.Message);
        var second = await Assert.ThrowsAsync<ArgumentException>(() => collection.UpsertAsync([infiniteElement, valid]));
        Assert.Equal(VectorStoreErrors.NonFiniteTagElement(nameof(AllTypesRecord.Doubles), 0), second.Message);

        Assert.Empty(await collection.GetAsync(r => true, 10).ToListAsync());
    }

    private static AllTypesRecord Build(string variant)
    {
        var local = new DateTime(2024, 2, 29, 23, 59, 58, 123, DateTimeKind.Local).AddTicks(4567);
        return variant switch
        {
            "extremes" => new AllTypesRecord
            {
                Id = new Guid("ffffffff-ffff-ffff-ffff-fffffffffffe"),
                Text = "Grüße, 世界 🌍🎉 — \"quoted\" 'single' \\ back\tslash\nnew line; DROP TABLE x; --",
                MaybeText = new string('x', 20_000) + "é",
                Flag = true,
                MaybeFlag = false,
                Count32 = int.MinValue,
                MaybeInt = int.MaxValue,
                Count64 = long.MinValue,
                MaybeLong = long.MaxValue,
                Count16 = short.MinValue,
                Octet = byte.MaxValue,
                SignedOctet = sbyte.MinValue,
                Unsigned16 = ushort.MaxValue,
                Unsigned32 = uint.MaxValue,
                Single32 = float.MaxValue,
                MaybeFloat = -float.Epsilon,
                Real64 = double.MinValue,
                MaybeDouble = double.Epsilon,
                Identifier = Guid.Empty,
                MaybeGuid = new Guid("00000000-0000-0000-0000-000000000001"),
                UtcTime = new DateTime(9999, 12, 29, 23, 59, 59, 999, DateTimeKind.Utc).AddTicks(9999),
                LocalTime = local,
                UnspecifiedTime = new DateTime(1, 1, 1, 0, 0, 0, DateTimeKind.Unspecified),
                MaybeTime = new DateTime(1969, 12, 31, 23, 59, 59, 999, DateTimeKind.Utc),
                Offset = new DateTimeOffset(2001, 9, 9, 1, 46, 40, TimeSpan.FromHours(5.5)),
                MaybeOffset = DateTimeOffset.MinValue.AddDays(2),
                Date = DateOnly.MaxValue,
                MaybeDate = DateOnly.MinValue,
                TimeOfDay = TimeOnly.MaxValue,
                MaybeTimeOfDay = TimeOnly.MinValue,
                Tags = ["", "ünïcödé", "🎉", "comma,separated", "[\"json\"]", null!],
                Labels = ["a", "a", "b"],
                Numbers = [int.MinValue, 0, int.MaxValue],
                Longs = [long.MinValue, long.MaxValue],
                Doubles = [double.MinValue, -0.5, double.Epsilon, 1e308, 0.1],
                Flags = [true, false, true],
                Guids = [Guid.Empty, new Guid("12345678-9abc-def0-1234-56789abcdef0")],
                Vector = new float[] { float.MaxValue / 4, -float.Epsilon, 1e-30f, -3 },
            },
            "nulls-and-empties" => new AllTypesRecord
            {
                Id = new Guid("0d5c3fd0-7b7a-4f67-9e0a-4d1d6f0a3c11"),
                Text = "",
                Tags = [],
                Labels = [],
                Numbers = [],
                Longs = null,
                Doubles = [],
                Flags = [],
                Guids = [],
                Vector = new float[] { 0, 0, 0, 1 },
            },
            _ => new AllTypesRecord
            {
                Id = new Guid("6f9619ff-8b86-d011-b42d-00c04fc964ff"),
                Text = "plain text",
                MaybeText = "more",
                Flag = false,
                MaybeFlag = true,
                Count32 = 42,
                MaybeInt = -7,
                Count64 = 9_000_000_000,
                MaybeLong = 0,
                Count16 = -12,
                Octet = 7,
                SignedOctet = -3,
                Unsigned16 = 65_000,
                Unsigned32 = 4_000_000_000,
                Single32 = 0.1f,
                MaybeFloat = 3.14159f,
                Real64 = 0.1,
                MaybeDouble = -2.5e-7,
                Identifier = new Guid("a0b1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d"),
                MaybeGuid = null,
                UtcTime = new DateTime(2025, 11, 21, 13, 45, 30, 250, DateTimeKind.Utc),
                LocalTime = local.AddYears(-10),
                UnspecifiedTime = new DateTime(2020, 6, 15, 8, 0, 0, DateTimeKind.Unspecified),
                MaybeTime = null,
                Offset = new DateTimeOffset(2023, 3, 26, 2, 30, 0, TimeSpan.FromHours(-7)),
                MaybeOffset = null,
                Date = new DateOnly(2024, 2, 29),
                MaybeDate = null,
                TimeOfDay = new TimeOnly(13, 37, 0, 1),
                MaybeTimeOfDay = null,
                Tags = ["news", "tech"],
                Labels = ["x"],
                Numbers = [1, 2, 3],
                Longs = [5],
                Doubles = [0.25],
                Flags = [false],
                Guids = [new Guid("a0b1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d")],
                Vector = new float[] { 0.5f, -0.25f, 1, 2 },
            },
        };
    }

    /// <summary>The value a read returns for a written one: the documented UTC normalisation of date and time values.</summary>
    private static object? Expected(object? written) => written switch
    {
        DateTime { Kind: DateTimeKind.Local } local => local.ToUniversalTime(),
        DateTime { Kind: DateTimeKind.Unspecified } unspecified => DateTime.SpecifyKind(unspecified, DateTimeKind.Utc),
        DateTimeOffset offset => offset.ToUniversalTime(),
        _ => written,
    };

    private static void AssertSameValue(string property, object? expected, object? actual)
    {
        switch (expected)
        {
            case null:
                Assert.True(actual is null, $"{property}: expected null, got {actual}");
                break;
            case string text:
                Assert.Equal(text, Assert.IsType<string>(actual));
                break;
            case IEnumerable sequence:
                var actualItems = Assert.IsAssignableFrom<IEnumerable>(actual).Cast<object?>().ToList();
                Assert.Equal(sequence.Cast<object?>().ToList(), actualItems);
                Assert.Equal(expected.GetType(), actual!.GetType());
                break;
            case DateTime time:
                var read = Assert.IsType<DateTime>(actual);
                Assert.Equal(time.Ticks, read.Ticks);
                Assert.Equal(DateTimeKind.Utc, read.Kind);
                break;
            case DateTimeOffset offset:
                var readOffset = Assert.IsType<DateTimeOffset>(actual);
                Assert.Equal(offset.UtcTicks, readOffset.UtcTicks);
                Assert.Equal(TimeSpan.Zero, readOffset.Offset);
                break;
            default:
                Assert.True(Equals(expected, actual), string.Create(CultureInfo.InvariantCulture, $"{property}: expected {expected} ({expected.GetType()}), got {actual} ({actual?.GetType()})"));
                break;
        }
    }
}
