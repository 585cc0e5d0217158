namespace ContextMemory.VectorStore.Tests.Architecture;

/// <summary>
/// Which folders of a project depend on which: a file depends on another folder when it names a type declared there
/// (with or without a <c>using</c>: child namespaces see the root namespace's types without one).
/// </summary>
internal static class FolderGraph
{
    /// <summary>Every (file, type) pair where a file names a type declared in a folder other than its own.</summary>
    public static IReadOnlyList<FolderReference> References(IReadOnlyList<SourceFile> files)
    {
        var declarations = new Dictionary<string, SourceFile>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            foreach (var type in CSharpSource.DeclaredTypes(file.Code))
            {
                // A type declared twice (partial, or the same name in two folders) counts where it is first seen.
                declarations.TryAdd(type, file);
            }
        }

        return [.. files.SelectMany(file => CSharpSource.Identifiers(file.Code)
            .Where(name => declarations.TryGetValue(name, out var declaredIn) && declaredIn.Folder != file.Folder)
            .Order(StringComparer.Ordinal)
            .Select(name => new FolderReference(file, name, declarations[name])))];
    }

    /// <summary>
    /// The references that do not point strictly down <paramref name="layersBottomUp"/> (folders, "" for the root); a
    /// folder missing from the list is reported too, so a new folder has to be given a place.
    /// </summary>
    public static IReadOnlyList<string> Violations(IReadOnlyList<SourceFile> files, IReadOnlyList<string> layersBottomUp)
    {
        var rank = layersBottomUp.Select((folder, index) => (folder, index)).ToDictionary(pair => pair.folder, pair => pair.index, StringComparer.Ordinal);
        var unplaced = files.Where(file => !rank.ContainsKey(file.Folder))
            .Select(file => $"{file.Path}: folder '{file.Folder}' is not in the layer order");
        var upward = References(files)
            .Where(reference => rank.TryGetValue(reference.From.Folder, out var from)
                && rank.TryGetValue(reference.DeclaredIn.Folder, out var to) && to >= from)
            .Select(reference => $"{reference}: a layer may use only layers below it");
        return [.. unplaced, .. upward];
    }
}
