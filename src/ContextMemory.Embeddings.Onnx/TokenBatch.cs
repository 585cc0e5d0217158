namespace ContextMemory.Embeddings.Onnx;

/// <summary>
/// One model run: texts of similar token count, padded to the longest of them, as the row-major int64 tensors the
/// model takes (token ids, attention mask, token types).
/// </summary>
internal sealed class TokenBatch
{
    private TokenBatch(int[] positions, int tokens, long[] ids, long[] mask)
    {
        Positions = positions;
        Tokens = tokens;
        Ids = ids;
        Mask = mask;
        TypeIds = new long[ids.Length];
    }

    /// <summary>Where each row's text stands in the caller's input.</summary>
    public int[] Positions { get; }

    public int Rows => Positions.Length;

    /// <summary>The padded sequence length of every row.</summary>
    public int Tokens { get; }

    public long[] Ids { get; }

    /// <summary>1 for a real token, 0 for padding.</summary>
    public long[] Mask { get; }

    /// <summary>All zeros: one segment per text.</summary>
    public long[] TypeIds { get; }

    /// <summary>Builds a batch from token id sequences and their positions in the input.</summary>
    public static TokenBatch Create(IReadOnlyList<(int Position, IReadOnlyList<int> Ids)> rows, int paddingId)
    {
        var tokens = rows.Max(r => r.Ids.Count);
        var ids = new long[rows.Count * tokens];
        var mask = new long[ids.Length];
        var positions = new int[rows.Count];
        for (var row = 0; row < rows.Count; row++)
        {
            positions[row] = rows[row].Position;
            var start = row * tokens;
            var sequence = rows[row].Ids;
            for (var t = 0; t < tokens; t++)
            {
                var real = t < sequence.Count;
                ids[start + t] = real ? sequence[t] : paddingId;
                mask[start + t] = real ? 1 : 0;
            }
        }

        return new TokenBatch(positions, tokens, ids, mask);
    }
}
