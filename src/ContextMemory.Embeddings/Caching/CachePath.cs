using System.Globalization;

namespace ContextMemory.Embeddings.Caching;

/// <summary>Checks the host-given cache path and moves a damaged cache file aside.</summary>
internal static class CachePath
{
    private static readonly string[] Companions = ["-wal", "-shm", "-journal"];

    /// <summary>The full path; its folder is created. Throws <see cref="ArgumentException"/> for an unusable path.</summary>
    public static string Validate(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string full;
        try
        {
            full = Path.GetFullPath(path);
        }
        catch (Exception exception) when (exception is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new ArgumentException(EmbeddingErrors.CachePathInvalid(path), nameof(path), exception);
        }

        if (path.Contains('\0', StringComparison.Ordinal) || full.EndsWith(Path.DirectorySeparatorChar))
        {
            throw new ArgumentException(EmbeddingErrors.CachePathInvalid(path), nameof(path));
        }

        if (Directory.Exists(full))
        {
            throw new ArgumentException(EmbeddingErrors.CachePathIsDirectory(path), nameof(path));
        }

        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        return full;
    }

    /// <summary>Renames the file and its WAL companions to <c>name.damaged-yyyyMMddHHmmssfff</c>; returns the new name.</summary>
    public static string MoveAside(string path)
    {
        var stamp = DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture);
        var target = $"{path}.damaged-{stamp}";
        foreach (var suffix in Companions.Prepend(string.Empty))
        {
            if (File.Exists(path + suffix))
            {
                File.Move(path + suffix, target + suffix, overwrite: true);
            }
        }

        return target;
    }
}
