using System.Numerics.Tensors;

namespace ContextMemory.Faiss;

/// <summary>
/// Input checks that run before native code. NaN or infinity would silently poison FAISS's distance
/// computations (and a k-means training run), so every vector is scanned; the scan is vectorised and
/// bandwidth-bound, a small fraction of what adding the same vectors costs.
/// </summary>
internal static class VectorChecks
{
    /// <summary>Returns the number of vectors in <paramref name="vectors"/>; throws when it is not whole or not finite.</summary>
    public static long CountVectors(ReadOnlySpan<float> vectors, int dimension, string paramName)
    {
        if (vectors.Length % dimension != 0)
        {
            throw new ArgumentException(FaissErrors.VectorsNotMultiple(vectors.Length, dimension), paramName);
        }

        ThrowIfNotFinite(vectors, dimension, paramName);
        return vectors.Length / dimension;
    }

    public static void ThrowIfNotFinite(ReadOnlySpan<float> values, int dimension, string paramName)
    {
        if (!AllFinite(values))
        {
            throw new ArgumentException(FaissErrors.NonFinite(FirstNonFinite(values), dimension), paramName);
        }
    }

    public static void ThrowIfReservedId(ReadOnlySpan<long> ids, string paramName)
    {
        var position = ids.IndexOf(-1L);
        if (position >= 0)
        {
            throw new ArgumentException(FaissErrors.ReservedId(position), paramName);
        }
    }

    /// <summary>Vectorised; an empty span holds nothing non-finite (IsFiniteAll alone says false for it).</summary>
    internal static bool AllFinite(ReadOnlySpan<float> values) => values.IsEmpty || TensorPrimitives.IsFiniteAll(values);

    /// <summary>Only on the failure path, to name the bad component: halves the span until one value is left.</summary>
    private static long FirstNonFinite(ReadOnlySpan<float> values)
    {
        var offset = 0L;
        while (values.Length > 1)
        {
            var half = values.Length / 2;
            if (AllFinite(values[..half]))
            {
                offset += half;
                values = values[half..];
            }
            else
            {
                values = values[..half];
            }
        }

        return offset;
    }
}
