using System.Buffers.Binary;
using System.Text;
using ContextMemory.Faiss.Tests.Support;
using ContextMemory.Tests.Shared;

namespace ContextMemory.Faiss.Tests;

/// <summary>
/// The container's format versions. Version 2 carries the search defaults in its (checksummed) header; files of
/// version 1, which kept them in a "CMSP" envelope in front of the caller's user data, are upgraded on read: the
/// defaults come from the envelope and the caller gets only its own bytes; a version-1 file without the envelope
/// gives all its user data to the caller. Nothing is ever misread: a damaged old file is refused like a new one.
/// </summary>
/// <remarks>
/// The <c>Fixtures/v1-*.cmfi</c> files were written by the bridge and binding of format 1 (before this format
/// existed): 100 vectors of 8 dimensions, row i = ((31 i + 17 j) mod 23) / 23 with id 1000 + i. The enveloped
/// ones through <c>FaissIndex.Save</c>; the raw ones through the C ABI directly, with user data of their own.
/// </remarks>
public sealed class ContainerFormatTests : IDisposable
{
    private const int FixtureCount = 100;
    private const int FixtureDimension = 8;

    private readonly string _directory = Directory.CreateTempSubdirectory("cmf-format-").FullName;

    public static TheoryData<string> Kinds => IndexKinds.All;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void The_header_carries_the_search_defaults_at_their_documented_offsets()
    {
        using var hnsw = FaissIndex.Create(FixtureDimension, IndexSpec.Hnsw(m: 8, efConstruction: 33, efSearch: 44), FaissMetric.L2);
        var bytes = hnsw.ToBytes("abc"u8);
        Assert.Equal(2u, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8)));
        Assert.Equal((uint)LegacyContainer.CurrentHeaderSize, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(12)));
        Assert.Equal((33, 44, 0), ReadDefaults(bytes));
        Assert.Equal("abc"u8.ToArray(), bytes.AsSpan(LegacyContainer.CurrentHeaderSize, 3).ToArray());

        using var ivf = FaissIndex.Create(FixtureDimension, IndexSpec.IvfFlat(nlist: 4, nprobe: 3), FaissMetric.L2);
        Assert.Equal((0, 0, 3), ReadDefaults(ivf.ToBytes()));
        using var flat = FaissIndex.Create(FixtureDimension, IndexSpec.Flat(), FaissMetric.L2);
        Assert.Equal((0, 0, 0), ReadDefaults(flat.ToBytes()));
    }

    [Fact]
    public void Changed_search_defaults_are_saved_in_the_header_and_restored_by_load()
    {
        var path = Path.Combine(_directory, "hnsw.cmfi");
        using (var index = FaissIndex.Create(FixtureDimension, IndexSpec.Hnsw(m: 8), FaissMetric.L2))
        {
            index.EfSearch = 321;
            index.Save(path, [5]);
        }

        Assert.Equal((40, 321, 0), ReadDefaults(File.ReadAllBytes(path)));
        (var loaded, var userData) = FaissIndex.Load(path);
        using (loaded)
        {
            Assert.Equal((321, 40), (loaded.EfSearch, loaded.Spec.EfConstruction));
            Assert.Equal(new byte[] { 5 }, userData.ToArray());
        }
    }

    [Theory]
    [InlineData("v1-hnsw-enveloped.cmfi", FaissMetric.L2, "HNSW16", 48, 77, 0, "caller bytes behind the CMSP envelope")]
    [InlineData("v1-ivf-enveloped.cmfi", FaissMetric.InnerProduct, "IVF4,Flat", 0, 0, 3, "ivf caller bytes")]
    public void A_format_1_file_with_the_envelope_loads_its_defaults_and_gives_back_only_the_callers_bytes(
        string fixture, FaissMetric metric, string description, int efConstruction, int efSearch, int nprobe, string userText)
    {
        var path = Fixture(fixture);
        Assert.Equal(1u, BinaryPrimitives.ReadUInt32LittleEndian(File.ReadAllBytes(path).AsSpan(8)));

        (var index, var userData) = FaissIndex.Load(path);
        using (index)
        {
            Assert.Equal(userText, Encoding.UTF8.GetString(userData.Span));
            Assert.Equal(userText, Encoding.UTF8.GetString(FaissIndex.Peek(path).UserData.Span));
            Assert.Equal((metric, description), (index.Metric, index.Description));
            Assert.Equal((efConstruction, efSearch, nprobe), (index.Spec.EfConstruction, index.EfSearch, index.NProbe));
            AssertHoldsTheFixtureVectors(index);
        }
    }

    [Theory]
    [InlineData("v1-flat-raw.cmfi", FaissMetric.Cosine, "Flat", 0, 0, "plain caller bytes, no envelope")]
    [InlineData("v1-hnsw-raw.cmfi", FaissMetric.L2, "HNSW32", 55, 99, "hnsw bytes, no envelope")]
    public void A_format_1_file_without_the_envelope_gives_back_all_its_user_data_and_the_defaults_its_index_holds(
        string fixture, FaissMetric metric, string description, int efConstruction, int efSearch, string userText)
    {
        // Such files came from other writers of the container, which set the defaults on the native index; FAISS's
        // own serialisation keeps them, so they survive without the envelope.
        var path = Fixture(fixture);
        (var index, var userData) = FaissIndex.Load(path);
        using (index)
        {
            Assert.Equal(userText, Encoding.UTF8.GetString(userData.Span));
            Assert.Equal(userText, Encoding.UTF8.GetString(FaissIndex.Peek(path).UserData.Span));
            Assert.Equal((metric, description), (index.Metric, index.Description));
            Assert.Equal((efConstruction, efSearch), (index.Spec.EfConstruction, index.EfSearch));
            AssertHoldsTheFixtureVectors(index);
        }
    }

    [Fact]
    public void A_format_1_file_saved_again_is_format_2_with_the_same_defaults_and_user_data()
    {
        var path = Path.Combine(_directory, "upgraded.cmfi");
        (var index, var userData) = FaissIndex.Load(Fixture("v1-hnsw-enveloped.cmfi"));
        using (index)
        {
            index.Save(path, userData.Span);
        }

        var bytes = File.ReadAllBytes(path);
        Assert.Equal(2u, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8)));
        Assert.Equal((48, 77, 0), ReadDefaults(bytes));
        (var again, var againUserData) = FaissIndex.Load(path);
        using (again)
        {
            Assert.Equal(userData.ToArray(), againUserData.ToArray());
            Assert.Equal((48, 77), (again.Spec.EfConstruction, again.EfSearch));
            AssertHoldsTheFixtureVectors(again);
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Format_1_files_of_every_kind_load_like_the_index_they_were_made_from(string kind)
    {
        var data = DataSets.Small;
        using var original = IndexKinds.Build(kind, data);
        var current = original.ToBytes("store header"u8);
        foreach (var withEnvelope in new[] { true, false })
        {
            var legacy = LegacyContainer.Downgrade(current, withEnvelope);
            var path = Path.Combine(_directory, $"{kind}-{withEnvelope}.cmfi");
            File.WriteAllBytes(path, legacy);
            (var loaded, var userData) = FaissIndex.Load(path);
            using (loaded)
            {
                Assert.Equal("store header"u8.ToArray(), userData.ToArray());
                Assert.Equal("store header"u8.ToArray(), FaissIndex.Peek(path).UserData.ToArray());
                Assert.Equal((original.Description, original.Count, original.EfSearch, original.NProbe), (loaded.Description, loaded.Count, loaded.EfSearch, loaded.NProbe));
                Assert.Equal(data.SearchLabels(original, 10), data.SearchLabels(loaded, 10));
            }
        }
    }

    [Fact]
    public void A_damaged_format_1_file_is_refused_wherever_the_damage_is()
    {
        var bytes = File.ReadAllBytes(Fixture("v1-hnsw-enveloped.cmfi"));
        var envelopeEnd = LegacyContainer.LegacyHeaderSize + LegacyContainer.EnvelopeSize;
        for (var position = 0; position < envelopeEnd + 8; position++)
        {
            var damaged = (byte[])bytes.Clone();
            damaged[position] ^= 0x04;
            Assert.Throws<FaissFormatException>(() => FaissIndex.FromBytes(damaged).Index.Dispose());
        }

        foreach (var length in new[] { 0, 12, LegacyContainer.LegacyHeaderSize - 1, LegacyContainer.LegacyHeaderSize, envelopeEnd, bytes.Length - 1 })
        {
            var truncated = Path.Combine(_directory, $"truncated-{length}.cmfi");
            File.WriteAllBytes(truncated, bytes[..length]);
            Assert.Throws<FaissFormatException>(() => FaissIndex.Load(truncated).Index.Dispose());
        }
    }

    [Fact]
    public void A_format_1_envelope_with_a_negative_default_is_refused()
    {
        using var index = FaissIndex.Create(FixtureDimension, IndexSpec.Hnsw(m: 8), FaissMetric.L2);
        var legacy = LegacyContainer.Downgrade(index.ToBytes([1]), withEnvelope: true, envelopeDefaults: (40, -5, 0));
        Assert.Throws<FaissFormatException>(() => FaissIndex.FromBytes(legacy).Index.Dispose());
    }

    [Fact]
    public void A_format_2_header_with_defaults_its_index_kind_lacks_or_negative_ones_is_refused_even_with_a_valid_checksum()
    {
        using var flat = FaissIndex.Create(FixtureDimension, IndexSpec.Flat(), FaissMetric.L2);
        using var hnsw = FaissIndex.Create(FixtureDimension, IndexSpec.Hnsw(m: 8), FaissMetric.L2);
        var cases = new (byte[] Bytes, int Offset, int Value)[]
        {
            (flat.ToBytes(), 252, 64),  // an efSearch on a flat index
            (flat.ToBytes(), 256, 8),   // an nprobe on a flat index
            (hnsw.ToBytes(), 252, 0),   // an HNSW index without its efSearch
            (hnsw.ToBytes(), 248, -1),  // a negative efConstruction
        };
        foreach ((var bytes, var offset, var value) in cases)
        {
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(offset), value);
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(260), LegacyContainer.Crc32C(bytes.AsSpan(0, 260)));
            Assert.Throws<FaissFormatException>(() => FaissIndex.FromBytes(bytes).Index.Dispose());
        }
    }

    private static (int EfConstruction, int EfSearch, int NProbe) ReadDefaults(byte[] container) => (
        BinaryPrimitives.ReadInt32LittleEndian(container.AsSpan(248)),
        BinaryPrimitives.ReadInt32LittleEndian(container.AsSpan(252)),
        BinaryPrimitives.ReadInt32LittleEndian(container.AsSpan(256)));

    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    /// <summary>Every fixture vector is back under its id, exactly (cosine indexes hold it normalised).</summary>
    private static void AssertHoldsTheFixtureVectors(FaissIndex index)
    {
        Assert.Equal(FixtureCount, index.Count);
        var stored = new float[FixtureDimension];
        var expected = new float[FixtureDimension];
        for (var i = 0; i < FixtureCount; i++)
        {
            for (var j = 0; j < FixtureDimension; j++)
            {
                expected[j] = ((i * 31) + (j * 17)) % 23 / 23f;
            }

            if (index.Metric == FaissMetric.Cosine)
            {
                var norm = MathF.Sqrt(expected.Sum(v => v * v));
                for (var j = 0; j < FixtureDimension; j++)
                {
                    expected[j] /= norm;
                }
            }

            index.Reconstruct(1000 + i, stored);
            for (var j = 0; j < FixtureDimension; j++)
            {
                Assert.Equal(expected[j], stored[j], 1e-6f);
            }
        }
    }
}
