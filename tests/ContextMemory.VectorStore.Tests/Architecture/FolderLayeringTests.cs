namespace ContextMemory.VectorStore.Tests.Architecture;

/// <summary>
/// The folders of src/ContextMemory.VectorStore are layers: a file may name types of the layers below its own and of its
/// own folder, never of a layer above (which also rules out cycles). docs/design/store.md ("Source layout") describes
/// the layers.
/// </summary>
public sealed class FolderLayeringTests
{
    /// <summary>Bottom to top; "" is the project's root folder (the collections and the store).</summary>
    internal static readonly string[] StoreLayers =
        ["Failures", "Options", "Storage", "Indexing", "Records", "Filters", "Search", "", "DependencyInjection"];

    private static readonly Lazy<IReadOnlyList<SourceFile>> StoreFiles = new(() => SourceFile.LoadProject(StoreProjectDirectory()));

    [Fact]
    public void Store_folders_use_only_the_layers_below_them()
    {
        var violations = FolderGraph.Violations(StoreFiles.Value, StoreLayers);

        Assert.True(violations.Count == 0, "Folder layering broken:" + Environment.NewLine + string.Join(Environment.NewLine, violations));
    }

    [Fact]
    public void The_layering_scan_reads_the_store_sources()
    {
        // Guards the test above against passing on nothing: the wrong directory, or a scan that finds no references.
        var references = FolderGraph.References(StoreFiles.Value);

        Assert.Contains(references, reference => reference.From.Path == "Storage/StoreDatabase.cs" && reference.TypeName == "VectorStoreErrors"
            && reference.DeclaredIn.Path == "Failures/VectorStoreErrors.cs");
        Assert.Contains(references, reference => reference.From.Folder == "Search" && reference.TypeName == "VectorIndex");
        Assert.All(StoreLayers, layer => Assert.Contains(StoreFiles.Value, file => file.Folder == layer));
    }

    private static string StoreProjectDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ContextMemory.SK.slnx")))
            {
                return Path.Combine(directory.FullName, "src", "ContextMemory.VectorStore");
            }
        }

        throw new DirectoryNotFoundException($"No directory above {AppContext.BaseDirectory} holds ContextMemory.SK.slnx.");
    }
}
