namespace ContextMemory.VectorStore.Storage;

/// <summary>What is at a store's database path before SQLite opens it.</summary>
internal enum DatabaseFileState
{
    Missing,

    /// <summary>A file of 0 bytes: a database SQLite created but never wrote, or one that was emptied.</summary>
    Empty,

    /// <summary>A file that starts with the SQLite header.</summary>
    Sqlite,

    /// <summary>Anything else: a file without the SQLite header, or a directory.</summary>
    NotSqlite,
}
