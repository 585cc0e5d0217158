using ContextMemory.VectorStore.Failures;

namespace ContextMemory.VectorStore.Storage;

/// <summary>
/// An exclusive advisory lock on a file (flock on Linux, through FileShare.None), held across processes
/// and across handles in one process until disposed.
/// </summary>
/// <remarks>
/// The file is never opened through a link: it is created with <see cref="FileMode.CreateNew"/> (<c>O_CREAT | O_EXCL</c>,
/// which fails on any link, dangling or not), and an existing file is opened without <c>O_CREAT</c> (so nothing can be
/// created at a link's target) and checked not to be a link once open. The caller removes links beforehand
/// (<see cref="LockFiles"/>); one planted in between makes the attempt fail with an <see cref="IOException"/>.
/// </remarks>
internal sealed class FileLock : IDisposable
{
    private const int Attempts = 3;
    private readonly FileStream _stream;

    private FileLock(FileStream stream) => _stream = stream;

    /// <summary>Takes the lock if nobody holds it; null otherwise.</summary>
    /// <exception cref="IOException">The lock file is a link, or cannot be created.</exception>
    public static FileLock? TryAcquire(string path)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            if (TryCreate(path) is { } created)
            {
                return new FileLock(created);
            }

            FileStream stream;
            try
            {
                stream = Open(path, FileMode.Open);
            }
            catch (FileNotFoundException)
            {
                // Deleted since CreateNew saw it (orphan clean-up): create it again.
                continue;
            }
            catch (IOException) when (StoreDirectory.KindOf(path) == EntryKind.File)
            {
                return null;
            }

            if (StoreDirectory.KindOf(path) == EntryKind.Link)
            {
                stream.Dispose();
                throw new IOException(VectorStoreErrors.LockFileIsLink(path));
            }

            return new FileLock(stream);
        }

        return null;
    }

    public void Dispose() => _stream.Dispose();

    private static FileStream? TryCreate(string path)
    {
        try
        {
            return Open(path, FileMode.CreateNew);
        }
        catch (IOException) when (StoreDirectory.KindOf(path) != EntryKind.Missing)
        {
            // It exists (or another handle created and locked it a moment ago).
            return null;
        }
    }

    private static FileStream Open(string path, FileMode mode) =>
        new(path, mode, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
}
