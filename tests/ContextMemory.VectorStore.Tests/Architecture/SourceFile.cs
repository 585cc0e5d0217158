namespace ContextMemory.VectorStore.Tests.Architecture;

/// <summary>One C# file of a project: its path from the project directory ('/'-separated), its folder, its stripped code.</summary>
/// <param name="Path">For example <c>Storage/CollectionSql.cs</c>.</param>
/// <param name="Folder">The directory part of <paramref name="Path"/>; empty for the project's root folder.</param>
/// <param name="Code">The text with comments and literal text blanked (<see cref="CSharpSource.StripCommentsAndLiterals"/>).</param>
internal sealed record SourceFile(string Path, string Folder, string Code)
{
    public static SourceFile FromText(string path, string text)
    {
        var slash = path.LastIndexOf('/');
        return new SourceFile(path, slash < 0 ? "" : path[..slash], CSharpSource.StripCommentsAndLiterals(text));
    }

    /// <summary>Every .cs file under <paramref name="projectDirectory"/>, build output (bin/, obj/) excluded.</summary>
    public static IReadOnlyList<SourceFile> LoadProject(string projectDirectory) =>
        [.. Directory.EnumerateFiles(projectDirectory, "*.cs", SearchOption.AllDirectories)
            .Select(file => System.IO.Path.GetRelativePath(projectDirectory, file).Replace('\\', '/'))
            .Where(path => !path.StartsWith("bin/", StringComparison.Ordinal) && !path.StartsWith("obj/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(path => FromText(path, File.ReadAllText(System.IO.Path.Combine(projectDirectory, path))))];
}
