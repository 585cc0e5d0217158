namespace ContextMemory.VectorStore.Tests.Reliability.Support;

/// <summary>Looking at a store directory from outside: its files, and byte patterns inside them.</summary>
public static class StoreFiles
{
    /// <summary>Every file and directory under <paramref name="root"/>, as paths relative to it with '/' separators.</summary>
    public static List<string> List(string root) =>
        [.. Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(root, p).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)];

    /// <summary>Occurrences of <paramref name="pattern"/> in every file under <paramref name="root"/>, per file (files without any omitted).</summary>
    public static Dictionary<string, int> Occurrences(string root, ReadOnlySpan<byte> pattern)
    {
        var found = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
        {
            byte[] bytes;
            using (var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
            {
                bytes = new byte[stream.Length];
                stream.ReadExactly(bytes);
            }

            var count = Count(bytes, pattern);
            if (count > 0)
            {
                found[Path.GetRelativePath(root, file)] = count;
            }
        }

        return found;
    }

    public static int Count(ReadOnlySpan<byte> haystack, ReadOnlySpan<byte> pattern)
    {
        var count = 0;
        var offset = 0;
        while (offset <= haystack.Length - pattern.Length)
        {
            var at = haystack[offset..].IndexOf(pattern);
            if (at < 0)
            {
                break;
            }

            count++;
            offset += at + 1;
        }

        return count;
    }

    public static void CopyDirectory(string source, string destination)
    {
        Directory.CreateDirectory(destination);
        foreach (var directory in Directory.EnumerateDirectories(source, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(destination, Path.GetRelativePath(source, directory)));
        }

        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, Path.Combine(destination, Path.GetRelativePath(source, file)));
        }
    }
}
