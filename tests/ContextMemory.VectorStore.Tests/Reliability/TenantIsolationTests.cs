using System.Linq.Expressions;
using ContextMemory.VectorStore.Tests.Reliability.Support;
using Microsoft.Extensions.VectorData;
using Xunit.Abstractions;

namespace ContextMemory.VectorStore.Tests.Reliability;

/// <summary>
/// Records of two tenants (and of decoy tenants whose names look like attacks) filtered by hostile values: SQL
/// injection, LIKE wildcards, NUL, JSON-looking text, very long strings, lone surrogates, inside equality, string
/// methods and Contains over captured arrays and tag lists. Every search, get, hybrid search and delete by filter must
/// return exactly what LINQ to objects returns over the same records: never another tenant's.
/// </summary>
[Collection(ReliabilityGroup.Name)]
public sealed class TenantIsolationTests(ITestOutputHelper output) : TemporaryDirectoryTest("cm-tenants-")
{
    private const int Seed = 4_711;
    private const int RecordsPerTenant = 12;
    private const int Dimensions = 8;
    private const string TenantA = "tenant-a";
    private const string TenantB = "tenant-b";

    /// <summary>Tenants that hold records: the two real ones and decoys an unescaped query would confuse with them.</summary>
    public static IReadOnlyList<string> Tenants { get; } =
    [
        TenantA, TenantB, "%", "_", "a' OR '1'='1", "tenant-a\0", "tenant-a\0x", "TENANT-A", "tenant-a ", " tenant-a",
        "{\"tenant\":\"tenant-a\"}", "[\"tenant-a\",\"tenant-b\"]", "tenant-\uFFFD", new string('t', 5000),
    ];

    /// <summary>
    /// Values an attacker controls, used as filter operands. Those with an unpaired surrogate cannot be stored (SQLite
    /// would turn them into U+FFFD, equal to other strings) and must be rejected with an ArgumentException.
    /// </summary>
    public static IReadOnlyList<string> EvilValues { get; } =
    [
        "a' OR '1'='1", "' OR 1=1 --", "tenant-a' OR Tenant LIKE '%", "%", "_", "%%", "tenant-%", "tenant-_", "\\", "\\%", "[", "]", "*", "\"",
        "\0", "tenant-a\0", "tenant-a\0x", "TENANT-A", "tenant-a ", "", " ", "null", "NULL",
        "{\"tenant\":\"tenant-a\"}", "{\"$ne\":null}", "[\"tenant-a\",\"tenant-b\"]", "\"tenant-a\"", "tenant-a\") OR (\"1\"=\"1",
        "tenant-\ud800", "tenant-\udc00", "tenant-\uFFFD", "\U0001F9E0", new string('t', 5000), new string('%', 100_000),
    ];

    [Fact]
    public async Task Filters_with_hostile_values_return_exactly_what_linq_returns_and_never_another_tenants_records()
    {
        var records = Records();
        var failures = new List<string>();
        var checks = 0;
        using var store = new FaissVectorStore(Temp.Path);
        var collection = store.GetCollection<string, TenantRecord>("tenants", new FaissCollectionOptions());
        await collection.EnsureCollectionExistsAsync();
        await collection.UpsertAsync(records);

        // The decoys must come back exactly as written, or the comparisons below compare different data.
        var stored = await collection.GetAsync(r => r.Level >= 0, int.MaxValue).ToListAsync();
        foreach (var record in records)
        {
            if (!stored.Any(s => s.Id == record.Id && s.Tenant == record.Tenant && s.Text == record.Text && s.Tags.SequenceEqual(record.Tags)))
            {
                failures.Add($"record {Escape(record.Id)} of tenant {Escape(record.Tenant)} did not come back as written");
            }
        }

        var query = Vector(new Random(Seed), Dimensions);
        var rejected = 0;
        foreach (var evil in EvilValues.Where(v => !IsWellFormed(v)))
        {
            foreach (var (label, filter) in Filters(evil))
            {
                await Assert.ThrowsAsync<ArgumentException>(() => collection.GetAsync(filter, 10_000).ToListAsync().AsTask());
                await Assert.ThrowsAsync<ArgumentException>(() => collection.SearchAsync(query, 10_000, new VectorSearchOptions<TenantRecord> { Filter = filter }).ToListAsync().AsTask());
                await Assert.ThrowsAsync<ArgumentException>(() => collection.DeleteAsync(filter));
                rejected += 3;
            }
        }

        Assert.Equal(records.Count, await collection.GetAsync(r => r.Level >= 0, int.MaxValue).CountAsync());
        foreach (var evil in EvilValues.Where(IsWellFormed))
        {
            foreach (var (label, filter) in Filters(evil))
            {
                var expected = records.Where(filter.Compile()).Select(r => r.Id).Order(StringComparer.Ordinal).ToList();
                var context = $"{label} with {Escape(evil)}";

                var got = await collection.GetAsync(filter, 10_000).Select(r => r.Id).ToListAsync();
                Compare(failures, context, "get", expected, got);
                var searched = await collection.SearchAsync(query, 10_000, new VectorSearchOptions<TenantRecord> { Filter = filter }).Select(h => h.Record.Id).ToListAsync();
                Compare(failures, context, "search", expected, searched);
                var hybrid = await collection.HybridSearchAsync(query, [evil, "words"], 10_000, new HybridSearchOptions<TenantRecord> { Filter = filter }).Select(h => h.Record.Id).ToListAsync();
                Compare(failures, context, "hybrid search", expected, hybrid);
                checks += 3;
            }

            // Deleting by a hostile filter removes exactly the records LINQ selects, in a scratch copy.
            var scratch = store.GetCollection<string, TenantRecord>("scratch", new FaissCollectionOptions());
            await scratch.EnsureCollectionDeletedAsync();
            await scratch.EnsureCollectionExistsAsync();
            await scratch.UpsertAsync(records);
            var value = evil;
            var deleted = await scratch.DeleteAsync(r => r.Tenant == value || r.Text.Contains(value, StringComparison.Ordinal));
            var survivors = await scratch.GetAsync(r => r.Level >= 0, int.MaxValue).Select(r => r.Id).ToListAsync();
            var expectedSurvivors = records.Where(r => !(r.Tenant == value || r.Text.Contains(value, StringComparison.Ordinal))).Select(r => r.Id).Order(StringComparer.Ordinal).ToList();
            Compare(failures, $"delete by Tenant == v || Text.Contains(v) with {Escape(evil)}", "survivors", expectedSurvivors, survivors);
            if (deleted != records.Count - expectedSurvivors.Count)
            {
                failures.Add($"delete with {Escape(evil)} reported {deleted} deletions where LINQ selects {records.Count - expectedSurvivors.Count}");
            }

            checks++;
        }

        output.WriteLine($"seed {Seed}: {records.Count} records of {Tenants.Count} tenants (2 real, {Tenants.Count - 2} decoys); {EvilValues.Count} hostile values x " +
            $"{Filters("x").Count} filter shapes; {checks} result sets compared with LINQ to objects (get, search, hybrid search, delete), {failures.Count} differences; " +
            $"{rejected} operations with unpaired-surrogate values rejected with ArgumentException");
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures.Take(40)));
    }

    [Fact]
    public async Task Strings_with_unpaired_surrogates_are_rejected_instead_of_colliding_with_another_tenants_values()
    {
        using var store = new FaissVectorStore(Temp.Path);
        var collection = store.GetCollection<string, TenantRecord>("surrogates", new FaissCollectionOptions());
        await collection.EnsureCollectionExistsAsync();
        var random = new Random(Seed);
        TenantRecord Valid(string id) => new() { Id = id, Tenant = TenantA, Text = "text", Tags = ["tag"], Embedding = Vector(random, Dimensions) };

        // Stored as UTF-8, "x\ud800" and "x\udc00" would both become "x\uFFFD": the second record would replace the first.
        var malformed = new List<TenantRecord>
        {
            Valid("key-\ud800"),
            Valid("ok-1") with { Tenant = "tenant-\udc00" },
            Valid("ok-2") with { Text = "\udfff leading low surrogate" },
            Valid("ok-3") with { Tags = ["fine", "tag-\ud83e"] },
        };
        foreach (var record in malformed)
        {
            // A batch with one bad record writes nothing.
            await Assert.ThrowsAsync<ArgumentException>(() => collection.UpsertAsync([Valid("good-" + record.Id.Length), record]));
        }

        await collection.UpsertAsync(Valid("key-\uD83E\uDDE0"));
        Assert.Equal(["key-\uD83E\uDDE0"], await collection.GetAsync(r => r.Level >= 0, 100).Select(r => r.Id).ToListAsync());
        await Assert.ThrowsAsync<ArgumentException>(() => collection.GetAsync("key-\ud800"));
        await Assert.ThrowsAsync<ArgumentException>(() => collection.DeleteAsync("key-\udc00"));
        output.WriteLine($"{malformed.Count} batches holding a key, tenant, text or tag with an unpaired surrogate rejected whole; well-formed surrogate pairs stored; gets and deletes by such keys rejected");
    }

    private static bool IsWellFormed(string value)
    {
        try
        {
            _ = StrictUtf8.GetByteCount(value);
            return true;
        }
        catch (System.Text.EncoderFallbackException)
        {
            return false;
        }
    }

    private static readonly System.Text.UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static List<(string Label, Expression<Func<TenantRecord, bool>> Filter)> Filters(string evil)
    {
        string[] array = [evil, TenantB];
        List<string> list = [evil];
        var tenant = TenantA;
        return
        [
            ("Tenant == v", r => r.Tenant == evil),
            ("Tenant != v && Tenant == a", r => r.Tenant != evil && r.Tenant == tenant),
            ("Tenant == a && Text.Contains(v)", r => r.Tenant == tenant && r.Text.Contains(evil, StringComparison.Ordinal)),
            ("Tenant.StartsWith(v)", r => r.Tenant.StartsWith(evil, StringComparison.Ordinal)),
            ("Tenant.EndsWith(v)", r => r.Tenant.EndsWith(evil, StringComparison.Ordinal)),
            ("Tenant.Contains(v)", r => r.Tenant.Contains(evil, StringComparison.Ordinal)),

            // Enumerable.Contains spelled out: C# 14 would bind array.Contains to the span overload, which LINQ to objects
            // cannot compile in an expression tree.
            ("new[] { v, b }.Contains(Tenant)", r => Enumerable.Contains(array, r.Tenant)),
            ("List { v }.Contains(Tenant)", r => list.Contains(r.Tenant)),
            ("Tags.Contains(v)", r => Enumerable.Contains(r.Tags, evil)),
            ("Tenant == a && Tags.Contains(v)", r => r.Tenant == tenant && Enumerable.Contains(r.Tags, evil)),
            ("Tenant == a && Scope == v", r => r.Tenant == tenant && r.Scope == evil),
            ("Tenant == a || Tenant == v", r => r.Tenant == tenant || r.Tenant == evil),
        ];
    }

    private static List<TenantRecord> Records()
    {
        var random = new Random(Seed);
        var values = EvilValues.Where(IsWellFormed).ToList();
        var records = new List<TenantRecord>();
        for (var t = 0; t < Tenants.Count; t++)
        {
            for (var i = 0; i < RecordsPerTenant; i++)
            {
                var tenant = Tenants[t];
                records.Add(new TenantRecord
                {
                    Id = $"{tenant}/{i}",
                    Tenant = tenant,
                    Scope = i % 3 == 0 ? "private" : "shared",
                    Text = $"words from {tenant} number {i} {(i % 4 == 0 ? values[(t + i) % values.Count] : "plain")}",
                    Tags = [tenant, i % 2 == 0 ? "even" : "odd", values[(t * 7 + i) % values.Count]],
                    Level = i,
                    Embedding = Vector(random, Dimensions),
                });
            }
        }

        return records;
    }

    private static float[] Vector(Random random, int dimensions) =>
        [.. Enumerable.Range(0, dimensions).Select(_ => (float)(random.NextDouble() * 2 - 1))];

    private static void Compare(List<string> failures, string context, string operation, List<string> expected, List<string> actual)
    {
        var sorted = actual.Order(StringComparer.Ordinal).ToList();
        if (!expected.SequenceEqual(sorted))
        {
            var extra = sorted.Except(expected).Select(Escape);
            var missing = expected.Except(sorted).Select(Escape);
            failures.Add($"{operation}, {context}: extra [{string.Join(", ", extra.Take(5))}], missing [{string.Join(", ", missing.Take(5))}]");
        }
    }

    private static string Escape(string value)
    {
        var shown = value.Length > 40 ? value[..20] + $"...({value.Length} chars)" : value;
        return "\"" + string.Concat(shown.Select(c => char.IsControl(c) || char.IsSurrogate(c) ? $"\\u{(int)c:x4}" : c.ToString())) + "\"";
    }

    public sealed record TenantRecord
    {
        [VectorStoreKey]
        public string Id { get; set; } = "";

        [VectorStoreData(IsIndexed = true)]
        public string Tenant { get; set; } = "";

        [VectorStoreData]
        public string Scope { get; set; } = "";

        [VectorStoreData(IsFullTextIndexed = true)]
        public string Text { get; set; } = "";

        [VectorStoreData]
        public string[] Tags { get; set; } = [];

        [VectorStoreData]
        public int Level { get; set; }

        [VectorStoreVector(Dimensions, DistanceFunction = DistanceFunction.CosineSimilarity)]
        public ReadOnlyMemory<float> Embedding { get; set; }
    }
}
