namespace ContextMemory.VectorStore.Storage;

/// <summary>What a path is, judged without following a link at it.</summary>
internal enum EntryKind
{
    Missing,
    File,
    Directory,

    /// <summary>A symbolic link (or another reparse point), dangling or not, whatever it points to.</summary>
    Link,
}
