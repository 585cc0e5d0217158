using System.Runtime.InteropServices;
using System.Text;
using ContextMemory.VectorStore.Tests.Reliability.Support;
using Microsoft.Extensions.VectorData;
using Xunit.Abstractions;

namespace ContextMemory.VectorStore.Tests.Reliability;

/// <summary>
/// Deleted records whose text carries a canary string and whose vectors start with a distinctive 16-byte pattern:
/// right after the delete the bytes are still somewhere in the store directory (so the scan can fail), and after
/// <see cref="FaissVectorStore.CompactAsync"/> no file of the directory holds either.
/// </summary>
[Collection(ReliabilityGroup.Name)]
public sealed class ErasureTests(ITestOutputHelper output) : TemporaryDirectoryTest("cm-erasure-")
{
    private const int Seed = 8_086;
    private const int Dimensions = 16;
    private const int KeptRecords = 150;
    private const int SecretRecords = 6;

    /// <summary>Four finite floats whose little-endian bytes occur nowhere by chance.</summary>
    private static readonly uint[] PatternBits = [0x3F8E5A1D, 0xC2B17E3C, 0x41D3A9F7, 0xBE7C2D91];

    [Theory]
    [InlineData(IndexKind.Flat)]
    [InlineData(IndexKind.Hnsw)]
    public async Task Compaction_leaves_no_byte_of_deleted_text_or_vectors_in_any_file_of_the_store(string kind)
    {
        var canary = "zqcanary" + kind.ToLowerInvariant() + "x7k3w9";
        var canaryBytes = Encoding.UTF8.GetBytes(canary);
        var pattern = MemoryMarshal.AsBytes(PatternBits.Select(BitConverter.UInt32BitsToSingle).ToArray().AsSpan()).ToArray();
        var random = new Random(Seed);
        var kept = Enumerable.Range(1, KeptRecords).Select(i => Record(i, $"ordinary note {i} about the weather", random, withPattern: false)).ToList();
        var secrets = Enumerable.Range(KeptRecords + 1, SecretRecords).Select(i => Record(i, $"secret {i} {canary} do not keep", random, withPattern: true)).ToList();

        Dictionary<string, int> textBefore, vectorBefore, textAfter, vectorAfter;
        using (var store = new FaissVectorStore(Temp.Path))
        {
            var collection = Collection(store, kind);
            await collection.EnsureCollectionExistsAsync();
            await collection.UpsertAsync(kept.Concat(secrets));

            // The checkpoint now holds the secret vectors, the write-ahead log the rows and the full-text entries.
            await collection.CheckpointAsync();
            await collection.DeleteAsync(secrets.Select(s => s.Id));
            Assert.Empty(await collection.GetAsync(secrets.Select(s => s.Id)).ToListAsync());

            textBefore = StoreFiles.Occurrences(Temp.Path, canaryBytes);
            vectorBefore = StoreFiles.Occurrences(Temp.Path, pattern);
            await collection.CompactAsync();
        }

        textAfter = StoreFiles.Occurrences(Temp.Path, canaryBytes);
        vectorAfter = StoreFiles.Occurrences(Temp.Path, pattern);
        var files = Directory.EnumerateFiles(Temp.Path, "*", SearchOption.AllDirectories)
            .Select(f => $"{Path.GetRelativePath(Temp.Path, f)} ({new FileInfo(f).Length} B)").ToList();
        output.WriteLine($"kind {kind}: {SecretRecords} deleted records with canary '{canary}' and vector pattern {Convert.ToHexString(pattern)}, {KeptRecords} kept");
        output.WriteLine($"  after delete, before compaction: canary in [{Describe(textBefore)}], vector pattern in [{Describe(vectorBefore)}]");
        output.WriteLine($"  after compaction and close: canary {textAfter.Values.Sum()} occurrences, vector pattern {vectorAfter.Values.Sum()} occurrences, in {files.Count} files scanned: {string.Join(", ", files)}");

        // The scan finds the bytes while they are there: a clean result below is evidence, not blindness.
        Assert.NotEmpty(textBefore);
        Assert.NotEmpty(vectorBefore);
        Assert.Empty(textAfter);
        Assert.Empty(vectorAfter);

        // Compaction erased only what was deleted.
        using (var store = new FaissVectorStore(Temp.Path))
        {
            var collection = Collection(store, kind);
            var remaining = await collection.GetAsync(r => r.Id > 0, int.MaxValue, new FilteredRecordRetrievalOptions<SecretRecord> { IncludeVectors = true }).ToListAsync();
            Assert.Equal(kept.Select(k => (k.Id, k.Note)), remaining.Select(r => (r.Id, r.Note)).OrderBy(r => r.Id));
            Assert.All(remaining, r => Assert.True(r.Embedding.Span.SequenceEqual(kept[(int)r.Id - 1].Embedding.Span)));
            var top = await collection.SearchAsync(kept[0].Embedding, 1).SingleAsync();
            Assert.Equal(kept[0].Id, top.Record.Id);
            var hybrid = await collection.HybridSearchAsync(kept[0].Embedding, [canary], 5).ToListAsync();
            Assert.DoesNotContain(hybrid, h => h.Record.Id > KeptRecords);
        }
    }

    private static FaissCollection<long, SecretRecord> Collection(FaissVectorStore store, string kind) =>
        store.GetCollection<long, SecretRecord>("secrets", new FaissCollectionOptions
        {
            Definition = new VectorStoreCollectionDefinition
            {
                Properties =
                [
                    new VectorStoreKeyProperty(nameof(SecretRecord.Id), typeof(long)),
                    new VectorStoreDataProperty(nameof(SecretRecord.Text), typeof(string)) { IsFullTextIndexed = true },
                    new VectorStoreDataProperty(nameof(SecretRecord.Note), typeof(string)),
                    new VectorStoreVectorProperty(nameof(SecretRecord.Embedding), typeof(ReadOnlyMemory<float>), Dimensions)
                    {
                        IndexKind = kind,
                        DistanceFunction = DistanceFunction.EuclideanSquaredDistance,
                    },
                ],
            },
        });

    private static SecretRecord Record(int id, string text, Random random, bool withPattern)
    {
        var vector = new float[Dimensions];
        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] = (float)(random.NextDouble() * 2 - 1);
        }

        if (withPattern)
        {
            for (var i = 0; i < PatternBits.Length; i++)
            {
                vector[i] = BitConverter.UInt32BitsToSingle(PatternBits[i]);
            }
        }

        return new SecretRecord { Id = id, Text = text, Note = "note: " + text, Embedding = vector };
    }

    private static string Describe(Dictionary<string, int> found) => string.Join(", ", found.Select(f => $"{f.Key} x{f.Value}"));

    public sealed class SecretRecord
    {
        public long Id { get; set; }

        public string Text { get; set; } = "";

        public string Note { get; set; } = "";

        public ReadOnlyMemory<float> Embedding { get; set; }
    }
}
