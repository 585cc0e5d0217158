using System.Buffers.Binary;
using ContextMemory.Faiss.Tests.Support;
using ContextMemory.Tests.Shared;
using Xunit.Abstractions;

namespace ContextMemory.Faiss.Tests;

/// <summary>
/// Damaged, foreign or oversized persisted data must fail with <see cref="FaissFormatException"/> (detected
/// before FAISS parses anything) and never take the process down.
/// </summary>
public sealed class CorruptionTests : IDisposable
{
    private const int HeaderSize = LegacyContainer.CurrentHeaderSize;
    private static readonly byte[] UserData = "tenant=a;collection=b;canary=0123456789"u8.ToArray();
    private static readonly Lazy<(byte[] Bytes, int UserDataLength)> Container = new(BuildContainer);

    private readonly ITestOutputHelper _output;
    private readonly string _directory = Directory.CreateTempSubdirectory("cmf-corrupt-").FullName;

    public CorruptionTests(ITestOutputHelper output)
    {
        _output = output;
    }

    public static TheoryData<string> Kinds => IndexKinds.All;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Intact_container_loads()
    {
        using var index = FaissIndex.FromBytes(Container.Value.Bytes).Index;
        Assert.Equal(500, index.Count);
    }

    [Fact]
    public void Truncation_at_any_offset_is_rejected()
    {
        var bytes = Container.Value.Bytes;
        var offsets = new SortedSet<int>();
        for (var i = 0; i <= HeaderSize + Container.Value.UserDataLength + 64; i++)
        {
            offsets.Add(i);
        }

        for (var i = 0; i < bytes.Length; i += 97)
        {
            offsets.Add(i);
        }

        offsets.Add(bytes.Length - 1);
        foreach (var length in offsets)
        {
            AssertRejected(bytes.AsSpan(0, length).ToArray(), $"truncated to {length}");
        }

        _output.WriteLine($"{offsets.Count} truncations of a {bytes.Length}-byte container rejected");
    }

    [Fact]
    public void A_single_flipped_bit_anywhere_is_rejected()
    {
        var bytes = Container.Value.Bytes;
        var userDataEnd = HeaderSize + Container.Value.UserDataLength;
        var positions = new SortedSet<int>();
        for (var i = 0; i < HeaderSize; i++)
        {
            positions.Add(i); // every header byte
        }

        for (var i = HeaderSize; i < userDataEnd; i += 3)
        {
            positions.Add(i); // user data
        }

        var payloadLength = bytes.Length - userDataEnd;
        foreach (var offset in new[] { 0, 1, 2, 3, 8, 16, 64, payloadLength / 2, payloadLength / 2 + 1, payloadLength - 8, payloadLength - 2, payloadLength - 1 })
        {
            positions.Add(userDataEnd + offset); // payload start, middle, end
        }

        var random = new Random(3);
        for (var i = 0; i < 200; i++)
        {
            positions.Add(random.Next(bytes.Length));
        }

        var flips = 0;
        foreach (var position in positions)
        {
            foreach (var bit in position < HeaderSize ? new[] { 0, 7 } : new[] { random.Next(8) })
            {
                var damaged = (byte[])bytes.Clone();
                damaged[position] ^= (byte)(1 << bit);
                AssertRejected(damaged, $"bit {bit} of byte {position} flipped");
                flips++;
            }
        }

        _output.WriteLine($"{flips} single-bit flips rejected");
    }

    [Fact]
    public void Random_bytes_are_rejected_with_or_without_the_magic()
    {
        var random = new Random(11);
        var magic = Container.Value.Bytes.AsSpan(0, 8).ToArray();
        for (var i = 0; i < 300; i++)
        {
            var junk = new byte[random.Next(1, 4096)];
            random.NextBytes(junk);
            if (i % 2 == 0 && junk.Length >= 8)
            {
                magic.CopyTo(junk, 0);
            }

            AssertRejected(junk, $"random buffer #{i}");
        }
    }

    [Fact]
    public void Header_declaring_an_absurd_payload_size_is_rejected()
    {
        var bytes = (byte[])Container.Value.Bytes.Clone();
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(48), long.MaxValue);
        AssertRejected(bytes, "payload size set to long.MaxValue");
    }

    [Fact]
    public void Empty_file_and_empty_buffer_are_rejected()
    {
        var path = Path.Combine(_directory, "empty.cmf");
        File.WriteAllBytes(path, []);
        Assert.ThrowsAny<FaissFormatException>(() => FaissIndex.Load(path));
        Assert.ThrowsAny<FaissFormatException>(() => FaissIndex.Peek(path));
        var ex = Assert.ThrowsAny<FaissFormatException>(() => FaissIndex.FromBytes([]));
        Assert.Equal(FaissErrors.EmptyData, ex.Message);
    }

    [Fact]
    public void Foreign_files_are_rejected()
    {
        var text = Path.Combine(_directory, "notes.txt");
        File.WriteAllText(text, string.Join('\n', Enumerable.Repeat("not an index, just text", 100)));
        Assert.ThrowsAny<FaissFormatException>(() => FaissIndex.Load(text));
        Assert.ThrowsAny<FaissFormatException>(() => FaissIndex.Peek(text));

        // A genuine FAISS serialisation without our container: FAISS could parse it, but it must not get the chance.
        var raw = Container.Value.Bytes.AsSpan(HeaderSize + Container.Value.UserDataLength).ToArray();
        Assert.Equal((byte)'I', raw[0]);
        var rawPath = Path.Combine(_directory, "raw.faiss");
        File.WriteAllBytes(rawPath, raw);
        Assert.ThrowsAny<FaissFormatException>(() => FaissIndex.Load(rawPath));
        AssertRejected(raw, "raw FAISS bytes");
    }

    [Fact]
    public void Data_larger_than_max_bytes_is_rejected_and_the_exact_size_is_accepted()
    {
        var bytes = Container.Value.Bytes;
        var path = Path.Combine(_directory, "sized.cmf");
        File.WriteAllBytes(path, bytes);

        Assert.ThrowsAny<FaissFormatException>(() => FaissIndex.Load(path, maxBytes: bytes.Length - 1));
        Assert.ThrowsAny<FaissFormatException>(() => FaissIndex.FromBytes(bytes, maxBytes: bytes.Length - 1));
        using (FaissIndex.Load(path, maxBytes: bytes.Length).Index)
        {
        }

        using (FaissIndex.FromBytes(bytes, maxBytes: bytes.Length).Index)
        {
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Damaged_files_of_every_kind_are_rejected(string kind)
    {
        var data = DataSets.Small;
        using var index = IndexKinds.Build(kind, data);
        var path = Path.Combine(_directory, kind + ".cmf");
        index.Save(path, UserData);
        var bytes = File.ReadAllBytes(path);
        var random = new Random(kind.Length);
        for (var i = 0; i < 40; i++)
        {
            var damaged = (byte[])bytes.Clone();
            var position = i < 20 ? random.Next(HeaderSize) : random.Next(HeaderSize, bytes.Length);
            damaged[position] ^= (byte)(1 << random.Next(8));
            File.WriteAllBytes(path, damaged);
            Assert.ThrowsAny<FaissFormatException>(() => FaissIndex.Load(path));
        }

        File.WriteAllBytes(path, bytes.AsSpan(0, bytes.Length / 2).ToArray());
        Assert.ThrowsAny<FaissFormatException>(() => FaissIndex.Load(path));
    }

    private static void AssertRejected(byte[] bytes, string what)
    {
        try
        {
            using var index = FaissIndex.FromBytes(bytes).Index;
        }
        catch (FaissFormatException)
        {
            return;
        }

        Assert.Fail($"{what}: the damaged container was accepted");
    }

    private static (byte[] Bytes, int UserDataLength) BuildContainer()
    {
        var data = new ClusteredData(500, 16, centres: 5, queryCount: 1, seed: 8);
        using var index = FaissIndex.Create(16, IndexSpec.Flat(), FaissMetric.L2);
        index.Add(data.Vectors, data.Ids);
        var bytes = index.ToBytes(UserData);

        // The container stores the caller's bytes as they are: the search defaults are header fields.
        var stored = BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(40));
        Assert.Equal(UserData.Length, stored);
        return (bytes, (int)stored);
    }
}
