using ContextMemory.Bench.Support;

namespace ContextMemory.Bench.Store;

/// <summary>Single-query search through the store and on the bare index, measured interleaved in one loop.</summary>
/// <param name="Store">Latency of <c>SearchAsync</c>, enumerated to the end.</param>
/// <param name="Bare">Latency of the same search on a bare <c>FaissIndex</c> loaded from the store's checkpoint.</param>
/// <param name="StoreRecall">recall@k of the store's results against the exact top-k.</param>
/// <param name="BareRecall">recall@k of the bare index's results.</param>
/// <param name="SameResults">Share of queries where both returned the same keys in the same order.</param>
public sealed record SearchFigures(Latency Store, Latency Bare, double StoreRecall, double BareRecall, double SameResults)
{
    public double Ratio => Store.P50 / Bare.P50;
}
