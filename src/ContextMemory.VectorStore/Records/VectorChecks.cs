using System.Numerics;
using ContextMemory.Faiss;

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

        if (!AllFinite(vector))
        {
            throw new ArgumentException(VectorStoreErrors.NonFiniteVector(property, recordIndex));
        }

        if (metric == FaissMetric.Cosine && vector.IndexOfAnyExcept(0f) < 0)
        {
            throw new ArgumentException(VectorStoreErrors.ZeroVector(property, recordIndex));
        }
    }

    private static bool AllFinite(ReadOnlySpan<float> values)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated && values.Length >= Vector<float>.Count)
        {
            // x - x is 0 for finite x and NaN for NaN and +/-infinity.
            var accumulator = Vector<float>.Zero;
            for (; i <= values.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var v = new Vector<float>(values[i..]);
                accumulator += v - v;
            }

            if (!Vector.EqualsAll(accumulator, Vector<float>.Zero))
            {
                return false;
            }
        }

        for (; i < values.Length; i++)
        {
            if (!float.IsFinite(values[i]))
            {
                return false;
            }
        }

        return true;
    }
}
