namespace IndexDemo;

/// <summary>Deterministic clustered data: Gaussian points around random centres, like topic clusters of embeddings.</summary>
internal static class ClusteredVectors
{
    /// <param name="centreSeed">Same seed, same centres: data and queries share topics.</param>
    /// <param name="pointSeed">Seed of the points drawn around the centres.</param>
    public static float[] Generate(int count, int dimension, int centres, int centreSeed, int pointSeed)
    {
        var random = new Random(centreSeed);
        var centreVectors = new float[centres * dimension];
        for (var i = 0; i < centreVectors.Length; i++)
        {
            centreVectors[i] = Gaussian(random);
        }

        random = new Random(pointSeed);
        var vectors = new float[count * dimension];
        for (var row = 0; row < count; row++)
        {
            var centre = random.Next(centres);
            for (var d = 0; d < dimension; d++)
            {
                vectors[(row * dimension) + d] = centreVectors[(centre * dimension) + d] + (0.4f * Gaussian(random));
            }
        }

        return vectors;
    }

    private static float Gaussian(Random random) =>
        (float)(Math.Sqrt(-2.0 * Math.Log(1.0 - random.NextDouble())) * Math.Cos(2.0 * Math.PI * random.NextDouble()));
}
