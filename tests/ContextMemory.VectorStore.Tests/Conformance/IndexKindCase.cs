using ContextMemory.Faiss;

namespace ContextMemory.VectorStore.Tests.Conformance;

/// <summary>
/// An index kind under test: the FAISS index it should have once it holds more than
/// <see cref="Support.TestOptions.Threshold"/> vectors, and how far its scores may be from exact ones.
/// </summary>
/// <param name="IndexKind">The IndexKind value of the vector property.</param>
/// <param name="Planned">The FAISS kind past the threshold (trained, or switched).</param>
/// <param name="Tolerance">Allowed score error, relative to max(1, |score|): float rounding for exact kinds, quantisation for SQ8.</param>
public sealed record IndexKindCase(string IndexKind, FaissIndexKind Planned, double Tolerance)
{
    private const double Rounding = 1e-4;

    public static IndexKindCase Flat { get; } = new(Microsoft.Extensions.VectorData.IndexKind.Flat, FaissIndexKind.Flat, Rounding);

    public static IndexKindCase Hnsw { get; } = new(Microsoft.Extensions.VectorData.IndexKind.Hnsw, FaissIndexKind.Hnsw, Rounding);

    public static IndexKindCase IvfFlat { get; } = new(Microsoft.Extensions.VectorData.IndexKind.IvfFlat, FaissIndexKind.IvfFlat, Rounding);

    public static IndexKindCase QuantizedFlat { get; } = new(Microsoft.Extensions.VectorData.IndexKind.QuantizedFlat, FaissIndexKind.ScalarQuantized8, 0.05);

    public static IndexKindCase Dynamic { get; } = new(Microsoft.Extensions.VectorData.IndexKind.Dynamic, FaissIndexKind.Hnsw, Rounding);

    /// <summary>A raw FAISS factory description.</summary>
    public static IndexKindCase FactoryHnsw16 { get; } = new("faiss:HNSW16", FaissIndexKind.Hnsw, Rounding);

    public static IReadOnlyList<IndexKindCase> All { get; } = [Flat, Hnsw, IvfFlat, QuantizedFlat, Dynamic, FactoryHnsw16];

    /// <summary>The case of an IndexKind value.</summary>
    public static IndexKindCase Of(string indexKind) => All.Single(c => c.IndexKind == indexKind);

    /// <summary>Every IndexKind value, as theory data.</summary>
    public static TheoryData<string> Names => [.. All.Select(c => c.IndexKind)];

    /// <summary>The allowed error for a score of this magnitude.</summary>
    public double ToleranceFor(double score) => Tolerance * Math.Max(1, Math.Abs(score));

    public override string ToString() => IndexKind;
}
