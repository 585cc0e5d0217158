namespace ContextMemory.Faiss;

/// <summary>
/// What <see cref="FaissIndex.Peek(string)"/> reads from an index file without loading the index: the
/// verified container header and the user data.
/// </summary>
/// <remarks>Immutable; <see cref="UserData"/> is a private copy, safe to share across threads.</remarks>
/// <param name="Metric">The index's metric.</param>
/// <param name="Dimension">The vector dimension.</param>
/// <param name="PayloadSize">Size in bytes of the FAISS serialisation that follows the header (not verified by a peek).</param>
/// <param name="UserData">The caller bytes saved with the index.</param>
public readonly record struct FaissFileInfo(FaissMetric Metric, int Dimension, long PayloadSize, ReadOnlyMemory<byte> UserData);
