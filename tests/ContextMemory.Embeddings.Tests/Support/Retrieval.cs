namespace ContextMemory.Embeddings.Tests.Support;

/// <summary>Scores query i against the documents, document i being the right answer.</summary>
public sealed record Retrieval(double MeanReciprocalRank, double MeanMargin, int TopOne)
{
    public static Retrieval Score(float[][] queries, float[][] documents)
    {
        double reciprocal = 0, margin = 0;
        var topOne = 0;
        for (var q = 0; q < queries.Length; q++)
        {
            var scores = documents.Select(d => Vectors.Cosine(queries[q], d)).ToArray();
            var right = scores[q];
            var rank = 1 + scores.Count(s => s > right);
            reciprocal += 1.0 / rank;
            margin += right - scores.Where((_, i) => i != q).Max();
            topOne += rank == 1 ? 1 : 0;
        }

        return new Retrieval(reciprocal / queries.Length, margin / queries.Length, topOne);
    }
}
