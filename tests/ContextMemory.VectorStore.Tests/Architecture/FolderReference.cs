namespace ContextMemory.VectorStore.Tests.Architecture;

/// <summary>A file that names a type declared in another folder of the same project.</summary>
internal sealed record FolderReference(SourceFile From, string TypeName, SourceFile DeclaredIn)
{
    public override string ToString() =>
        $"{From.Path} ({Layer(From)}) uses {TypeName}, declared in {DeclaredIn.Path} ({Layer(DeclaredIn)})";

    private static string Layer(SourceFile file) => file.Folder.Length == 0 ? "root" : file.Folder;
}
