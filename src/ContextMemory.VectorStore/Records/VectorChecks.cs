using System.Numerics.Tensors;
using ContextMemory.Faiss;
using ContextMemory.VectorStore.Failures;

namespace ContextMemory.VectorStore.Records;

/// <summary>Validation of vectors before anything is written or searched.</summary>
internal static class VectorChecks
{
    /// <summary>
    /// Throws <see cref="ArgumentException"/> when the vector has the wrong length, holds NaN or infinity, or is all
    /// zeros under a cosine metric (whose similarity is undefined for it).
    /// </summary>
    /// <param name="vector">The vector.</param>
    /// <param name="dimensions">Expected length.</param>
    /// <param name="metric">The index metric.</param>
    /// <param name="property">Property name, for the message.</param>
    /// <param name="recordIndex">Position of the record in its batch; -1 for a search query.</param>
    public static void Validate(ReadOnlySpan<float> vector, int dimensions, FaissMetric metric, string property, int recordIndex)
    {
        if (vector.Length != dimensions)
        {
            throw new ArgumentException(VectorStoreErrors.WrongDimensions(property, recordIndex, vector.Length, dimensions));
        }

        // TensorPrimitives' vectorised scan, the same check the FAISS binding runs before native code.
        if (!vector.IsEmpty && !TensorPrimitives.IsFiniteAll(vector))
        {
            throw new ArgumentException(VectorStoreErrors.NonFiniteVector(property, recordIndex));
        }

        if (metric == FaissMetric.Cosine && vector.IndexOfAnyExcept(0f) < 0)
        {
            throw new ArgumentException(VectorStoreErrors.ZeroVector(property, recordIndex));
        }
    }
}
