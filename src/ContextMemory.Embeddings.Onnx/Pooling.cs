using System.Numerics.Tensors;

namespace ContextMemory.Embeddings.Onnx;

/// <summary>Turns the hidden states of one batch ([rows, tokens, dimensions], row-major) into one vector per row.</summary>
internal static class Pooling
{
    // The same floor the models' reference implementations use, so an all-zero vector stays zero instead of NaN.
    private const float NormFloor = 1e-12f;

    public static float[] Pool(ReadOnlySpan<float> hidden, TokenBatch batch, int row, int dimensions, PoolingKind kind, bool normalize)
    {
        var vector = kind == PoolingKind.Cls ? Cls(hidden, batch, row, dimensions) : Mean(hidden, batch, row, dimensions);
        if (normalize)
        {
            TensorPrimitives.Divide(vector, MathF.Max(TensorPrimitives.Norm(vector), NormFloor), vector);
        }

        return vector;
    }

    private static float[] Cls(ReadOnlySpan<float> hidden, TokenBatch batch, int row, int dimensions) =>
        hidden.Slice(row * batch.Tokens * dimensions, dimensions).ToArray();

    private static float[] Mean(ReadOnlySpan<float> hidden, TokenBatch batch, int row, int dimensions)
    {
        var sum = new float[dimensions];
        var count = 0;
        for (var t = 0; t < batch.Tokens; t++)
        {
            if (batch.Mask[(row * batch.Tokens) + t] == 0)
            {
                continue;
            }

            TensorPrimitives.Add(sum, hidden.Slice(((row * batch.Tokens) + t) * dimensions, dimensions), sum);
            count++;
        }

        TensorPrimitives.Divide(sum, Math.Max(count, 1), sum);
        return sum;
    }
}
