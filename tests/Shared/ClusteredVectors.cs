namespace ContextMemory.Tests.Shared;

/// <summary>
/// The one generator of clustered test and benchmark data: deterministic Gaussian points around random centres, the shape
/// on which ANN recall is meaningful (graphs and inverted lists behave very differently on uniform noise). Queries are
/// fresh draws from the same distribution, never copies of stored points. Compiled into every test project and, by a
/// link, into the benchmarks.
/// </summary>
/// <remarks>Draws are a fixed sequence of one <see cref="Random"/>: the same seed always gives the same data.</remarks>
internal sealed class ClusteredVectors
{
    /// <summary>The spread of points around their centre, relative to the unit spread of the centres.</summary>
    public const float DefaultSpread = 0.35f;

    private readonly float[] _centres;

    /// <summary>Draws <paramref name="centres"/> centres of <paramref name="dimensions"/> standard normal components.</summary>
    public ClusteredVectors(int dimensions, int centres, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        Dimensions = dimensions;
        CentreCount = centres;
        _centres = new float[centres * dimensions];
        for (var i = 0; i < _centres.Length; i++)
        {
            _centres[i] = Gaussian(random);
        }
    }

    public int Dimensions { get; }

    public int CentreCount { get; }

    /// <summary>
    /// Clustered unit vectors (the cosine setting), <paramref name="count"/> rows laid out one after another: centres from
    /// <paramref name="centreSeed"/>, points from <paramref name="pointSeed"/>, so data and queries can share centres.
    /// </summary>
    public static float[] Normalised(int count, int dimensions, int centres, int centreSeed, int pointSeed, float spread = DefaultSpread)
    {
        var vectors = new ClusteredVectors(dimensions, centres, new Random(centreSeed)).Draw(new Random(pointSeed), count, spread);
        for (long row = 0; row < count; row++)
        {
            Normalise(vectors.AsSpan((int)(row * dimensions), dimensions));
        }

        return vectors;
    }

    /// <summary>A standard normal draw (Box-Muller; two uniform draws).</summary>
    public static float Gaussian(Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return (float)(Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2));
    }

    /// <summary>
    /// <paramref name="count"/> points, rows laid out one after another: each a random centre plus <paramref name="spread"/>
    /// times a standard normal draw per component.
    /// </summary>
    /// <param name="random">The source of the draws.</param>
    /// <param name="count">Points wanted.</param>
    /// <param name="spread">Spread around the centre.</param>
    /// <param name="clusters">When given (length <paramref name="count"/>), receives the centre of each point.</param>
    public float[] Draw(Random random, int count, float spread = DefaultSpread, int[]? clusters = null)
    {
        ArgumentNullException.ThrowIfNull(random);
        var vectors = new float[(long)count * Dimensions];
        for (long i = 0; i < count; i++)
        {
            var c = random.Next(CentreCount);
            if (clusters is not null)
            {
                clusters[i] = c;
            }

            var row = vectors.AsSpan((int)(i * Dimensions), Dimensions);
            var centre = _centres.AsSpan(c * Dimensions, Dimensions);
            for (var d = 0; d < row.Length; d++)
            {
                row[d] = centre[d] + (spread * Gaussian(random));
            }
        }

        return vectors;
    }

    private static void Normalise(Span<float> vector)
    {
        var sum = 0.0;
        foreach (var x in vector)
        {
            sum += (double)x * x;
        }

        var scale = (float)(1 / Math.Sqrt(sum));
        for (var d = 0; d < vector.Length; d++)
        {
            vector[d] *= scale;
        }
    }
}
