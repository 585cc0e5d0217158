using System.Reflection;

namespace ContextMemory.VectorData.Tests;

public class ConstantsTests
{
    public static TheoryData<Type, int> ConstantClasses => new()
    {
        { typeof(DistanceFunction), 8 },
        { typeof(IndexKind), 6 },
    };

    [Theory]
    [MemberData(nameof(ConstantClasses))]
    public void Every_constant_equals_its_own_name(Type constants, int expectedCount)
    {
        var fields = constants.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral).ToList();

        Assert.Equal(expectedCount, fields.Count);
        Assert.All(fields, f => Assert.Equal(f.Name, (string?)f.GetRawConstantValue()));
    }

    [Fact]
    public void Distance_functions_are_the_ones_the_vector_store_api_names()
    {
        string[] expected =
        [
            "CosineSimilarity", "CosineDistance", "DotProductSimilarity", "NegativeDotProductSimilarity",
            "EuclideanDistance", "EuclideanSquaredDistance", "HammingDistance", "ManhattanDistance",
        ];

        Assert.Equal(expected.Order(), typeof(DistanceFunction).GetFields().Select(f => f.Name).Order());
    }

    [Fact]
    public void Index_kinds_are_the_ones_the_vector_store_api_names()
    {
        string[] expected = ["Hnsw", "Flat", "IvfFlat", "DiskAnn", "QuantizedFlat", "Dynamic"];

        Assert.Equal(expected.Order(), typeof(IndexKind).GetFields().Select(f => f.Name).Order());
    }
}
