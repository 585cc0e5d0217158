using System.Reflection;
using ContextMemory.VectorStore.Tests.Conformance.Shapes;
using ContextMemory.VectorStore.Tests.Support;
using Microsoft.Extensions.VectorData;

namespace ContextMemory.VectorStore.Tests.Conformance;

/// <summary>
/// Settings the store does not support are refused with <see cref="NotSupportedException"/> when the collection
/// object is constructed (no I/O, nothing created), through every way of getting one.
/// </summary>
public sealed class UnsupportedSchemaTests : IDisposable
{
    private readonly TempStore _temp = new();

    public static TheoryData<string> UnsupportedDistanceFunctions =>
        [DistanceFunction.NegativeDotProductSimilarity, DistanceFunction.HammingDistance, DistanceFunction.ManhattanDistance, "Chebyshev"];

    public static TheoryData<string> UnsupportedIndexKinds => [IndexKind.DiskAnn, "Annoy", "flat", "faiss:NoSuchIndex42", "faiss:PQ5x8np", "faiss:"];

    public static TheoryData<Type> UnsupportedKeyTypes => [typeof(double), typeof(DateTime), typeof(byte[]), typeof(short)];

    public void Dispose() => _temp.Dispose();

    [Theory]
    [MemberData(nameof(UnsupportedDistanceFunctions))]
    public async Task An_unsupported_distance_function_throws_NotSupportedException_at_construction(string distanceFunction)
    {
        var schema = new Schema(typeof(long), IndexKind.Flat, distanceFunction);

        await AssertRefusedAsync(schema);
    }

    [Theory]
    [MemberData(nameof(UnsupportedIndexKinds))]
    public async Task An_unsupported_index_kind_throws_NotSupportedException_at_construction(string indexKind)
    {
        var schema = new Schema(typeof(long), indexKind);

        await AssertRefusedAsync(schema);
    }

    [Theory]
    [MemberData(nameof(UnsupportedKeyTypes))]
    public async Task An_unsupported_key_type_throws_NotSupportedException_at_construction(Type keyType)
    {
        var definition = new Schema(keyType, IndexKind.Flat).Definition();

        var typed = typeof(Microsoft.Extensions.VectorData.VectorStore).GetMethod(nameof(Microsoft.Extensions.VectorData.VectorStore.GetCollection))!
            .MakeGenericMethod(keyType, typeof(ConformanceRecord<>).MakeGenericType(keyType));

        Assert.Throws<NotSupportedException>(() => _temp.Store.GetDynamicCollection("refused", definition));
        var thrown = Assert.Throws<TargetInvocationException>(() => typed.Invoke(_temp.Store, ["refused", definition]));
        Assert.IsType<NotSupportedException>(thrown.InnerException);
        Assert.False(await _temp.Store.CollectionExistsAsync("refused"));
    }

    [Fact]
    public void Dictionary_records_through_the_typed_path_throw_NotSupportedException()
    {
        var definition = new Schema(typeof(string), IndexKind.Flat).Definition();

        Assert.Throws<NotSupportedException>(() => _temp.Store.GetCollection<string, Dictionary<string, object?>>("refused", definition));
    }

    [Fact]
    public void Every_supported_setting_constructs()
    {
        foreach (var distance in Scoring.SupportedDistanceFunctions)
        {
            foreach (var kind in IndexKindCase.All)
            {
                Assert.NotNull(new TypedShape<Guid>().Collection(_temp.Store, "accepted", new Schema(typeof(Guid), kind.IndexKind, distance)));
            }
        }
    }

    private async Task AssertRefusedAsync(Schema schema)
    {
        Assert.Throws<NotSupportedException>(() => new TypedShape<long>().Collection(_temp.Store, "refused", schema));
        Assert.Throws<NotSupportedException>(() => new DynamicShape(typeof(long)).Collection(_temp.Store, "refused", schema));
        Assert.Throws<NotSupportedException>(() => new FaissCollection<long, ConformanceRecord<long>>(
            _temp.Store, "refused", new FaissCollectionOptions { Definition = schema.Definition() }));
        Assert.False(await _temp.Store.CollectionExistsAsync("refused"));
    }
}
