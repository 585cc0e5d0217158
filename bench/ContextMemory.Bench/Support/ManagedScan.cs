using System.Numerics.Tensors;

namespace ContextMemory.Bench.Support;

/// <summary>
/// The bandwidth reference: one pass of TensorPrimitives.Dot over contiguous rows, keeping the best k in a
/// min-heap. This is what an exact single-query search cannot beat by much: it reads every byte once.
/// </summary>
public static class ManagedScan
{
    public static long[] TopK(float[] vectors, int dimension, ReadOnlySpan<float> query, int k)
    {
        var count = vectors.Length / dimension;
        var heap = new PriorityQueue<int, float>(k + 1);
        ReadOnlySpan<float> all = vectors;
        for (var row = 0; row < count; row++)
        {
            var score = TensorPrimitives.Dot(query, all.Slice(row * dimension, dimension));
            if (heap.Count < k)
            {
                heap.Enqueue(row, score);
            }
            else if (heap.TryPeek(out _, out var worst) && score > worst)
            {
                heap.EnqueueDequeue(row, score);
            }
        }

        var result = new long[heap.Count];
        for (var i = result.Length - 1; i >= 0; i--)
        {
            result[i] = heap.Dequeue();
        }

        return result;
    }
}
