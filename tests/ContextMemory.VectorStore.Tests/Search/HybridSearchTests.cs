using ContextMemory.VectorStore.Tests.Conformance;
using ContextMemory.VectorStore.Tests.Support;
using Microsoft.Extensions.VectorData;

namespace ContextMemory.VectorStore.Tests.Search;

/// <summary>
/// Hybrid search: the exact vector ranking fused with the keyword ranking. A rare keyword lifts its record to the
/// top even when its vector is the farthest; filters restrict both rankings; keywords are phrases matched
/// literally, so FTS5 syntax in them is never interpreted and never fails.
/// </summary>
public sealed class HybridSearchTests : IDisposable
{
    private const int Dimensions = 16;
    private const string RareWord = "zyzzyva";
    private static readonly string[] Vocabulary = ["river", "stone", "cloud", "engine", "garden", "market", "signal", "winter", "harbor", "lantern"];
    private static readonly string[] Sections = ["science", "sports", "travel"];

    /// <summary>Bodies that make literal and syntactic readings of the tricky keywords differ.</summary>
    private static readonly string[] SpecialBodies =
    [
        "to be or not to be",
        "they met near the harbor gate",
        "raw data file",
        "a database index",
        "a zebra crossing",
        "we say hello to all",
        "the quoted remark",
        $"the {RareWord} nests quietly",
    ];

    private readonly TempStore _temp = new();

    /// <summary>Keywords with FTS5 operators, quotes and punctuation, each matched as a literal phrase.</summary>
    public static TheoryData<string> TrickyKeywords =>
    [
        "OR", "NOT", "AND", "NEAR(", "NEAR(river stone)", "data*", "*", "-quietly", "Body:zebra", "Body : zebra", "\"quoted\"", "\"", "\"\"",
        "say \"hello\"", "(", ")", "^" + RareWord, "{Body}: zebra", $"{RareWord} OR river", "nul\0byte", "   ", "'; DROP TABLE c1_records; --",
    ];

    public void Dispose() => _temp.Dispose();

    [Theory]
    [MemberData(nameof(IndexKindCase.Names), MemberType = typeof(IndexKindCase))]
    public async Task A_rare_keyword_lifts_its_record_to_the_top_even_when_its_vector_is_the_farthest(string indexKind)
    {
        var articles = Corpus(count: 400, seed: 1);
        var query = TestVectors.Uniform(new Random(77), Dimensions);
        var rare = articles.Single(a => a.Body.Contains(RareWord, StringComparison.Ordinal));
        rare.Vector = query.Select(x => -x).ToArray();
        var collection = await LoadAsync(articles, indexKind);

        var byVector = await collection.SearchAsync(query, 100).ToListAsync();
        var hybrid = await collection.HybridSearchAsync(query, [RareWord], 5).ToListAsync();

        Assert.DoesNotContain(byVector, r => r.Record.Id == rare.Id);
        Assert.Contains(rare.Id, hybrid.Take(2).Select(r => r.Record.Id));
        Assert.Equal(5, hybrid.Count);
        Assert.Equal(byVector[0].Record.Id, hybrid.Select(r => r.Record.Id).First(id => id != rare.Id));
    }

    [Fact]
    public async Task Hybrid_search_equals_reciprocal_rank_fusion_of_the_exact_rankings()
    {
        var articles = Corpus(count: 48, seed: 2);
        var collection = await LoadAsync(articles, IndexKind.Flat);
        var query = TestVectors.Uniform(new Random(5), Dimensions);

        foreach (var keywords in new[] { new[] { RareWord }, ["to be or not"], ["no such words", "raw data"], [], ["no such words here"] })
        {
            var expected = Expected(articles, query, keywords);
            for (var skip = 0; skip <= 3; skip += 3)
            {
                var results = await collection.HybridSearchAsync(query, keywords, 8, new HybridSearchOptions<ArticleRecord> { Skip = skip }).ToListAsync();
                Assert.Equal(expected.Skip(skip).Take(8).Select(e => e.Item), results.Select(r => r.Record.Id));
                Assert.Equal(expected.Skip(skip).Take(8).Select(e => e.Score), results.Select(r => r.Score!.Value), new ScoreComparer());
            }
        }
    }

    [Theory]
    [MemberData(nameof(TrickyKeywords))]
    public async Task Keywords_with_query_syntax_are_matched_literally_and_never_throw(string keyword)
    {
        var articles = Corpus(count: 48, seed: 3);
        var collection = await LoadAsync(articles, IndexKind.Flat);
        var query = TestVectors.Uniform(new Random(6), Dimensions);
        var literalMatches = articles.Count(a => HybridOracle.ContainsPhrase(a.Body, keyword));
        Assert.InRange(literalMatches, 0, 1);

        var results = await collection.HybridSearchAsync(query, [keyword], 10).ToListAsync();

        Assert.Equal(Expected(articles, query, [keyword]).Take(10).Select(e => e.Item), results.Select(r => r.Record.Id));
    }

    [Fact]
    public async Task Several_tricky_keywords_at_once_match_any_of_them_literally()
    {
        var articles = Corpus(count: 48, seed: 4);
        var collection = await LoadAsync(articles, IndexKind.Flat);
        var query = TestVectors.Uniform(new Random(7), Dimensions);
        string[] keywords = ["NEAR(", "data*", "\"", "OR"];

        var results = await collection.HybridSearchAsync(query, keywords, 10).ToListAsync();

        var matching = articles.Where(a => keywords.Any(k => HybridOracle.ContainsPhrase(a.Body, k))).Select(a => a.Id).ToHashSet();
        Assert.Equal(3, matching.Count);
        Assert.Subset(results.Take(6).Select(r => r.Record.Id).ToHashSet(), matching);
        Assert.DoesNotContain(articles.Single(a => a.Body == "a database index").Id, results.Take(4).Select(r => r.Record.Id));
    }

    [Fact]
    public async Task A_filter_restricts_both_the_vector_and_the_keyword_ranking()
    {
        var articles = Corpus(count: 48, seed: 5);
        var collection = await LoadAsync(articles, IndexKind.Flat);
        var query = TestVectors.Uniform(new Random(8), Dimensions);
        var rare = articles.Single(a => a.Body.Contains(RareWord, StringComparison.Ordinal));
        var otherSection = Sections.First(s => s != rare.Section);

        var excluded = await collection.HybridSearchAsync(query, [RareWord], 10, new HybridSearchOptions<ArticleRecord> { Filter = a => a.Section == otherSection }).ToListAsync();
        var included = await collection.HybridSearchAsync(query, [RareWord], 10, new HybridSearchOptions<ArticleRecord> { Filter = a => a.Section == rare.Section }).ToListAsync();

        Assert.All(excluded, r => Assert.Equal(otherSection, r.Record.Section));
        Assert.Equal(Expected([.. articles.Where(a => a.Section == otherSection)], query, [RareWord]).Take(10).Select(e => e.Item), excluded.Select(r => r.Record.Id));
        Assert.All(included, r => Assert.Equal(rare.Section, r.Record.Section));
        Assert.Equal(Expected([.. articles.Where(a => a.Section == rare.Section)], query, [RareWord]).Take(10).Select(e => e.Item), included.Select(r => r.Record.Id));
        Assert.Contains(rare.Id, included.Take(2).Select(r => r.Record.Id));
    }

    [Fact]
    public async Task ScoreThreshold_drops_fused_scores_below_it()
    {
        var articles = Corpus(count: 48, seed: 6);
        var collection = await LoadAsync(articles, IndexKind.Flat);
        var query = TestVectors.Uniform(new Random(9), Dimensions);
        var expected = Expected(articles, query, [RareWord]);
        var threshold = (expected[4].Score + expected[5].Score) / 2;

        var results = await collection.HybridSearchAsync(query, [RareWord], 20, new HybridSearchOptions<ArticleRecord> { ScoreThreshold = threshold }).ToListAsync();

        Assert.Equal(expected.Take(5).Select(e => e.Item), results.Select(r => r.Record.Id));
    }

    [Fact]
    public async Task With_two_full_text_properties_AdditionalProperty_chooses_the_one_searched()
    {
        var definition = new VectorStoreCollectionDefinition
        {
            Properties =
            [
                new VectorStoreKeyProperty("Id", typeof(int)),
                new VectorStoreDataProperty("Title", typeof(string)) { IsFullTextIndexed = true },
                new VectorStoreDataProperty("Body", typeof(string)) { IsFullTextIndexed = true },
                new VectorStoreVectorProperty("Vector", typeof(ReadOnlyMemory<float>), Dimensions),
            ],
        };
        var collection = (FaissCollection<object, Dictionary<string, object?>>)_temp.Store.GetDynamicCollection("two-texts", definition);
        await collection.EnsureCollectionExistsAsync();
        var vectors = TestVectors.Uniform(10, 2, Dimensions);
        await collection.UpsertAsync(
        [
            new Dictionary<string, object?> { ["Id"] = 1, ["Title"] = "apples", ["Body"] = "pears", ["Vector"] = new ReadOnlyMemory<float>(vectors[0]) },
            new Dictionary<string, object?> { ["Id"] = 2, ["Title"] = "pears", ["Body"] = "apples", ["Vector"] = new ReadOnlyMemory<float>(vectors[1]) },
        ]);

        var byTitle = await collection.HybridSearchAsync(vectors[0], ["pears"], 1, new HybridSearchOptions<Dictionary<string, object?>> { AdditionalProperty = r => r["Title"] }).ToListAsync();
        var byBody = await collection.HybridSearchAsync(vectors[1], ["apples"], 1, new HybridSearchOptions<Dictionary<string, object?>> { AdditionalProperty = r => r["Body"] }).ToListAsync();

        Assert.Equal(2, byTitle.Single().Record["Id"]);
        Assert.Equal(2, byBody.Single().Record["Id"]);
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await collection.HybridSearchAsync(vectors[0], ["pears"], 1).ToListAsync());
    }

    /// <summary>Articles with bodies of common words, plus the special bodies, in seeded random sections.</summary>
    [Fact]
    public async Task A_repeated_filtered_hybrid_search_sees_records_written_and_deleted_between_the_searches()
    {
        var articles = Corpus(count: 60, seed: 9);
        var collection = await LoadAsync(articles, IndexKind.Flat);
        var query = TestVectors.Uniform(new Random(3), Dimensions);
        var options = new HybridSearchOptions<ArticleRecord> { Filter = a => a.Section == "travel" };
        var before = await collection.HybridSearchAsync(query, ["lantern"], 100, options).ToListAsync();

        await collection.UpsertAsync(new ArticleRecord { Id = 1_000, Section = "travel", Body = "lantern festival", Vector = query });
        var added = await collection.HybridSearchAsync(query, ["lantern"], 100, options).ToListAsync();
        await collection.DeleteAsync(1_000);
        var removed = await collection.HybridSearchAsync(query, ["lantern"], 100, options).ToListAsync();

        Assert.Equal(articles.Count(a => a.Section == "travel"), before.Count);
        Assert.Equal(1_000, added[0].Record.Id);
        Assert.Equal(before.Count + 1, added.Count);
        Assert.Equal(before.Select(r => r.Record.Id), removed.Select(r => r.Record.Id));
    }

    private static List<ArticleRecord> Corpus(int count, int seed)
    {
        var random = new Random(seed);
        var articles = new List<ArticleRecord>();
        for (var i = 0; i < count; i++)
        {
            var body = i < SpecialBodies.Length
                ? SpecialBodies[i]
                : string.Join(' ', Enumerable.Range(0, 6 + random.Next(5)).Select(_ => Vocabulary[random.Next(Vocabulary.Length)]));
            articles.Add(new ArticleRecord
            {
                Id = 100 + (i * 7 % count),
                Section = Sections[random.Next(Sections.Length)],
                Body = body,
                Vector = TestVectors.Uniform(random, Dimensions),
            });
        }

        return articles;
    }

    /// <summary>The fused ranking (id, score) over complete rankings; the keyword ranking holds at most one record here.</summary>
    private static List<(int Item, double Score)> Expected(IReadOnlyList<ArticleRecord> articles, float[] query, IReadOnlyList<string> keywords)
    {
        var byVector = Scoring.Rank(articles, a => a.Vector, query, DistanceFunction.CosineSimilarity).Select(s => s.Item.Id).ToList();
        var byKeyword = articles.Where(a => keywords.Any(k => HybridOracle.ContainsPhrase(a.Body, k))).Select(a => a.Id).ToList();
        Assert.True(byKeyword.Count <= 1, "the oracle cannot order several keyword matches (BM25); use keywords matching one record");
        return HybridOracle.Fuse(byVector, byKeyword);
    }

    private async Task<FaissCollection<int, ArticleRecord>> LoadAsync(List<ArticleRecord> articles, string indexKind)
    {
        var definition = new VectorStoreCollectionDefinition
        {
            Properties = [new VectorStoreVectorProperty(nameof(ArticleRecord.Vector), typeof(ReadOnlyMemory<float>), Dimensions) { IndexKind = indexKind }],
        };
        var collection = _temp.Store.GetCollection<int, ArticleRecord>("articles", new FaissCollectionOptions { Definition = definition });
        await collection.EnsureCollectionExistsAsync();
        await collection.UpsertAsync(articles);
        await StoreInternals.WaitForMaintenanceAsync(_temp.Store, "articles");
        return collection;
    }

    private sealed class ScoreComparer : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) < 1e-12;

        public int GetHashCode(double obj) => 0;
    }
}
