using System.Diagnostics;
using System.Runtime.Versioning;
using ContextMemory.Faiss.Interop;
using ContextMemory.Tests.Shared;

namespace ContextMemory.Faiss.Tests;

/// <summary>
/// Real file-system failures reach callers as the <see cref="IOException"/> family (mapped from errno), name the
/// path, and leave nothing behind: no temporary file, and the previous file (if any) intact.
/// </summary>
public sealed class FileSystemFailureTests : IDisposable
{
    private const int Dimension = 8;
    private readonly string _directory = Directory.CreateTempSubdirectory("cmf-fs-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Saving_into_a_missing_directory_throws_DirectoryNotFoundException()
    {
        using var index = SmallIndex(4);
        var path = Path.Combine(_directory, "missing", "index.cmfi");
        var ex = Assert.Throws<DirectoryNotFoundException>(() => index.Save(path));
        var detail = $"cannot open the directory '{Path.GetDirectoryName(path)}': No such file or directory";
        Assert.Equal(FaissErrors.DirectoryNotFound(path, detail), ex.Message);
        Assert.False(Directory.Exists(Path.GetDirectoryName(path)));
    }

    [Fact]
    public void Loading_from_a_missing_directory_or_a_missing_file_throws_the_matching_not_found_exception()
    {
        var inMissingDirectory = Path.Combine(_directory, "missing", "index.cmfi");
        Assert.Throws<DirectoryNotFoundException>(() => FaissIndex.Load(inMissingDirectory));
        Assert.Throws<DirectoryNotFoundException>(() => FaissIndex.Peek(inMissingDirectory));

        var missingFile = Path.Combine(_directory, "absent.cmfi");
        Assert.Equal(missingFile, Assert.Throws<FileNotFoundException>(() => FaissIndex.Load(missingFile)).FileName);
        Assert.Equal(missingFile, Assert.Throws<FileNotFoundException>(() => FaissIndex.Peek(missingFile)).FileName);
    }

    [Fact]
    [SupportedOSPlatform("linux")]
    public void Saving_into_a_read_only_directory_throws_UnauthorizedAccessException_and_creates_nothing()
    {
        using var index = SmallIndex(4);
        var readOnly = Path.Combine(_directory, "read-only");

        // Permission bits do not stop root, so as root the directory is a read-only file system (EROFS), which
        // stops everyone; otherwise it is a directory without write permission (EACCES).
        using var mount = Environment.IsPrivilegedProcess ? TmpfsMount.Mount(readOnly, "ro,size=64k") : null;
        if (mount is null)
        {
            Directory.CreateDirectory(readOnly);
            File.SetUnixFileMode(readOnly, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        }

        try
        {
            var path = Path.Combine(readOnly, "index.cmfi");
            var ex = Assert.Throws<UnauthorizedAccessException>(() => index.Save(path));
            var expectedErrno = mount is null ? (int)IoErrors.Errno.AccessDenied : (int)IoErrors.Errno.ReadOnlyFileSystem;
            Assert.Equal(expectedErrno, Assert.IsType<IOException>(ex.InnerException).HResult);
            Assert.Contains(path, ex.Message, StringComparison.Ordinal);
            Assert.Empty(Directory.GetFileSystemEntries(readOnly));
        }
        finally
        {
            if (mount is null)
            {
                File.SetUnixFileMode(readOnly, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }
    }

    [Fact]
    public void Saving_to_a_full_disk_throws_IOException_with_the_disk_full_hresult_and_keeps_the_previous_file()
    {
        using var mount = TmpfsMount.Mount(Path.Combine(_directory, "full"), "size=64k");
        var path = Path.Combine(mount.Directory, "index.cmfi");
        using (var small = SmallIndex(4))
        {
            small.Save(path, [1]);
        }

        // 4,000 x 8 floats are 128 KB: more than the whole file system holds.
        using var large = SmallIndex(4_000);
        var ex = Assert.Throws<IOException>(() => large.Save(path, [2]));
        Assert.Equal(unchecked((int)0x80070070), ex.HResult);
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        Assert.Contains("No space left on device", ex.Message, StringComparison.Ordinal);

        Assert.Equal(["index.cmfi"], Directory.GetFileSystemEntries(mount.Directory).Select(Path.GetFileName));
        (var loaded, var userData) = FaissIndex.Load(path);
        using (loaded)
        {
            Assert.Equal(4, loaded.Count);
            Assert.Equal(new byte[] { 1 }, userData.ToArray());
        }
    }

    [Fact]
    public void A_file_name_too_long_throws_PathTooLongException_on_save_load_and_peek()
    {
        using var index = SmallIndex(4);
        var path = Path.Combine(_directory, new string('n', 300) + ".cmfi");
        Assert.Throws<PathTooLongException>(() => index.Save(path));
        Assert.Throws<PathTooLongException>(() => FaissIndex.Load(path));
        Assert.Throws<PathTooLongException>(() => FaissIndex.Peek(path));
        Assert.Empty(Directory.GetFileSystemEntries(_directory));
    }

    [Fact]
    public void A_directory_at_the_path_is_an_IOException_for_save_and_load()
    {
        using var index = SmallIndex(4);
        var path = Path.Combine(_directory, "a-directory");
        Directory.CreateDirectory(path);
        Assert.Equal(21, Assert.Throws<IOException>(() => index.Save(path)).HResult); // EISDIR
        Assert.Equal(21, Assert.Throws<IOException>(() => FaissIndex.Load(path)).HResult);
        Assert.Equal(21, Assert.Throws<IOException>(() => FaissIndex.Peek(path)).HResult);
        Assert.Equal(["a-directory"], Directory.GetFileSystemEntries(_directory).Select(Path.GetFileName));
    }

    [Fact]
    public async Task A_fifo_at_the_path_is_refused_without_waiting_for_a_writer()
    {
        var path = Path.Combine(_directory, "pipe.cmfi");
        using (var mkfifo = Process.Start("mkfifo", [path]))
        {
            await mkfifo.WaitForExitAsync();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        // Opening a FIFO for reading would block until a writer appears; the bridge opens non-blocking and refuses it.
        var load = Task.Run(() => FaissIndex.Load(path));
        Assert.Same(load, await Task.WhenAny(load, Task.Delay(TimeSpan.FromSeconds(30))));
        Assert.IsType<IOException>(await Assert.ThrowsAnyAsync<IOException>(() => load));
        Assert.IsType<IOException>(Assert.ThrowsAny<IOException>(() => FaissIndex.Peek(path)));
    }

    [Fact]
    public void A_path_with_a_nul_character_is_rejected_before_any_file_is_touched()
    {
        using var index = SmallIndex(4);
        var path = Path.Combine(_directory, "index.cmfi\0.evil");
        Assert.Equal(FaissErrors.PathContainsNul + " (Parameter 'path')", Assert.Throws<ArgumentException>(() => index.Save(path)).Message);
        Assert.Throws<ArgumentException>(() => FaissIndex.Load(path));
        Assert.Throws<ArgumentException>(() => FaissIndex.Peek(path));
        Assert.Empty(Directory.GetFileSystemEntries(_directory));
    }

    [Fact]
    public void A_path_with_a_lone_surrogate_is_rejected_rather_than_renamed()
    {
        using var index = SmallIndex(4);
        var path = Path.Combine(_directory, "index\uD800.cmfi");
        Assert.ThrowsAny<ArgumentException>(() => index.Save(path));
        Assert.Empty(Directory.GetFileSystemEntries(_directory));
    }

    private static FaissIndex SmallIndex(int count)
    {
        var index = FaissIndex.Create(Dimension, IndexSpec.Flat(), FaissMetric.L2);
        var vectors = new float[count * Dimension];
        for (var i = 0; i < vectors.Length; i++)
        {
            vectors[i] = i % 13;
        }

        index.Add(vectors, Enumerable.Range(0, count).Select(i => (long)i).ToArray());
        return index;
    }
}
