using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ContextMemory.Faiss;

/// <summary>
/// Input checks that run before native code. NaN or infinity would silently poison FAISS's distance
/// computations (and a k-means training run), so every vector is scanned; the scan is vectorised and
/// bandwidth-bound, a small fraction of what adding the same vectors costs.
/// </summary>
internal static class VectorChecks
{
    private const int FloatExponentMask = 0x7F800000;

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

    /// <summary>
    /// A float is NaN or infinite exactly when its exponent bits are all ones; OR-ing the per-lane equality
    /// masks keeps the loop branch-free, so it runs at memory speed.
    /// </summary>
    internal static bool AllFinite(ReadOnlySpan<float> values)
    {
        var bits = MemoryMarshal.Cast<float, int>(values);
        var i = 0;
        if (Vector.IsHardwareAccelerated && bits.Length >= Vector<int>.Count)
        {
            var mask = new Vector<int>(FloatExponentMask);
            var bad = Vector<int>.Zero;
            ref var start = ref MemoryMarshal.GetReference(bits);
            var width = Vector<int>.Count;
            for (; i <= bits.Length - (4 * width); i += 4 * width)
            {
                bad |= Vector.Equals(Load(ref start, i) & mask, mask)
                     | Vector.Equals(Load(ref start, i + width) & mask, mask)
                     | Vector.Equals(Load(ref start, i + (2 * width)) & mask, mask)
                     | Vector.Equals(Load(ref start, i + (3 * width)) & mask, mask);
            }

            for (; i <= bits.Length - width; i += width)
            {
                bad |= Vector.Equals(Load(ref start, i) & mask, mask);
            }

            if (bad != Vector<int>.Zero)
            {
                return false;
            }
        }

        for (; i < bits.Length; i++)
        {
            if ((bits[i] & FloatExponentMask) == FloatExponentMask)
            {
                return false;
            }
        }

        return true;
    }

    private static long FirstNonFinite(ReadOnlySpan<float> values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            if (!float.IsFinite(values[i]))
            {
                return i;
            }
        }

        return -1;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<int> Load(ref int start, int offset) =>
        Vector.LoadUnsafe(ref start, (nuint)offset);
}
