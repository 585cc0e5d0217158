using System.Reflection;
using ContextMemory.Embeddings.Onnx;
using ContextMemory.Tests.Shared;

namespace ContextMemory.Embeddings.Tests;

/// <summary>
/// The public surface of both embedding assemblies is frozen in PublicApi.approved.txt: a change to it must be
/// deliberate, made by updating that file (a failing run writes PublicApi.received.txt next to it to copy from).
/// </summary>
public sealed class PublicApiTests
{
    [Fact]
    public void Public_api_matches_the_approved_listing()
    {
        var directory = typeof(PublicApiTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ProjectDirectory").Value!;
        var actual = PublicApiListing.Describe(typeof(OnnxEmbeddingGenerator).Assembly) + PublicApiListing.Describe(typeof(ContextMemoryEmbeddings).Assembly);
        var approvedPath = Path.Combine(directory, "PublicApi.approved.txt");
        var approved = File.Exists(approvedPath) ? File.ReadAllText(approvedPath).ReplaceLineEndings("\n") : string.Empty;
        if (approved != actual)
        {
            File.WriteAllText(Path.Combine(directory, "PublicApi.received.txt"), actual);
        }

        Assert.Equal(approved, actual);
    }
}
