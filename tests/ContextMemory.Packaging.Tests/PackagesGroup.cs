namespace ContextMemory.Packaging.Tests;

/// <summary>The packaging tests share one pack of the repository (it takes minutes).</summary>
[CollectionDefinition(Name)]
public sealed class PackagesGroup : ICollectionFixture<PackedPackages>
{
    public const string Name = "packages";
}
