namespace ContextMemory.Bench.Store;

/// <summary>The options of the <c>store</c> benchmark (see bench/README.md).</summary>
public sealed record StoreBenchOptions
{
    public required int[] Dimensions { get; init; }

    public required int[] Sizes { get; init; }

    public required string[] Kinds { get; init; }

    public required int Queries { get; init; }

    public required int Warmup { get; init; }

    public required int K { get; init; }

    public required int BatchSize { get; init; }

    public required int Centres { get; init; }

    /// <summary>Distinct bucket values; a filter on one bucket selects 1 / Buckets of the records.</summary>
    public required int Buckets { get; init; }

    public required bool FullText { get; init; }

    public required bool Reopen { get; init; }

    /// <summary>With <see cref="Reopen"/>: also time the rebuild from SQLite (slow for HNSW: it builds the graph again).</summary>
    public required bool Rebuild { get; init; }

    public required bool Baseline { get; init; }

    /// <summary>Also time building a bare index of the same spec from the same vectors (the index's share of ingest).</summary>
    public required bool BareBuild { get; init; }

    /// <summary>Parent directory of the store directories; each configuration gets a fresh one, deleted afterwards.</summary>
    public required string Directory { get; init; }

    public required bool KeepStores { get; init; }

    public static StoreBenchOptions Parse(BenchArguments arguments)
    {
        var options = new StoreBenchOptions
        {
            Dimensions = arguments.GetInt32List("dims", [384, 1536]),
            Sizes = arguments.GetInt32List("sizes", [10_000, 100_000]),
            Kinds = arguments.GetText("kinds", "Flat,Hnsw,IvfFlat").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            Queries = arguments.GetInt32("queries", 200),
            Warmup = arguments.GetInt32("warmup", 20),
            K = arguments.GetInt32("k", 10),
            BatchSize = arguments.GetInt32("batch", 1000),
            Centres = arguments.GetInt32("centres", 1000),
            Buckets = arguments.GetInt32("buckets", 10),
            FullText = arguments.GetBool("fulltext", false),
            Reopen = arguments.GetBool("reopen", true),
            Rebuild = arguments.GetBool("rebuild", true),
            Baseline = arguments.GetBool("baseline", true),
            BareBuild = arguments.GetBool("bare-build", true),
            Directory = arguments.GetText("dir", Path.Combine(Path.GetTempPath(), "cm-store-bench")),
            KeepStores = arguments.GetBool("keep", false),
        };
        arguments.EnsureAllRead();
        return options;
    }
}
