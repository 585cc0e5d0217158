namespace ContextMemory.Faiss.Tests;

/// <summary>
/// Index files are never read or written through a symbolic link: a link planted where an index file (or its
/// directory) should be is refused with an <see cref="IOException"/> (errno ELOOP) that names it, and whatever the
/// link points at stays exactly as it was.
/// </summary>
public sealed class SymbolicLinkTests : IDisposable
{
    private const int Eloop = 40;
    private static readonly byte[] Precious = "someone else's file, which must survive"u8.ToArray();

    private readonly string _directory = Directory.CreateTempSubdirectory("cmf-links-").FullName;
    private readonly string _outside = Directory.CreateTempSubdirectory("cmf-outside-").FullName;

    public void Dispose()
    {
        Directory.Delete(_directory, recursive: true);
        Directory.Delete(_outside, recursive: true);
    }

    [Fact]
    public void Saving_to_a_link_to_a_file_outside_the_directory_is_refused_and_the_outside_file_is_unchanged()
    {
        var victim = Path.Combine(_outside, "victim.cmfi");
        File.WriteAllBytes(victim, Precious);
        var link = Path.Combine(_directory, "index.cmfi");
        File.CreateSymbolicLink(link, victim);
        using var index = SmallIndex();

        var ex = Assert.Throws<IOException>(() => index.Save(link, [1, 2, 3]));
        Assert.Equal(Eloop, ex.HResult);
        Assert.Equal(FaissErrors.SymbolicLink(link, $"'{link}' is a symbolic link (or its path has too many levels of links)"), ex.Message);

        Assert.Equal(Precious, File.ReadAllBytes(victim));
        Assert.Equal(victim, new FileInfo(link).LinkTarget);
        Assert.Equal(["index.cmfi"], Directory.GetFileSystemEntries(_directory).Select(Path.GetFileName));
    }

    [Fact]
    public void Saving_to_a_dangling_link_is_refused_and_does_not_create_its_target()
    {
        var target = Path.Combine(_outside, "would-be-created.cmfi");
        var link = Path.Combine(_directory, "index.cmfi");
        File.CreateSymbolicLink(link, target);
        using var index = SmallIndex();

        Assert.Equal(Eloop, Assert.Throws<IOException>(() => index.Save(link)).HResult);

        Assert.False(File.Exists(target));
        Assert.Empty(Directory.GetFileSystemEntries(_outside));
        Assert.Equal(["index.cmfi"], Directory.GetFileSystemEntries(_directory).Select(Path.GetFileName));
    }

    [Fact]
    public void Loading_or_peeking_through_a_link_is_refused_even_when_it_points_at_a_valid_index()
    {
        var real = Path.Combine(_outside, "real.cmfi");
        using (var index = SmallIndex())
        {
            index.Save(real, [7]);
        }

        var link = Path.Combine(_directory, "index.cmfi");
        File.CreateSymbolicLink(link, real);

        Assert.Equal(Eloop, Assert.Throws<IOException>(() => FaissIndex.Load(link)).HResult);
        Assert.Equal(Eloop, Assert.Throws<IOException>(() => FaissIndex.Peek(link)).HResult);
        using (FaissIndex.Load(real).Index)
        {
            // The file itself is fine: only the way to it was refused.
        }
    }

    [Fact]
    public void Saving_into_a_directory_that_is_a_link_is_refused_and_writes_nothing_where_it_points()
    {
        var linkedDirectory = Path.Combine(_directory, "indexes");
        Directory.CreateSymbolicLink(linkedDirectory, _outside);
        using var index = SmallIndex();

        var ex = Assert.Throws<IOException>(() => index.Save(Path.Combine(linkedDirectory, "index.cmfi")));
        Assert.Equal(Eloop, ex.HResult);
        Assert.Contains(linkedDirectory, ex.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(_outside));
    }

    [Fact]
    public void Replacing_an_existing_file_still_works_and_the_new_file_is_not_a_link()
    {
        var path = Path.Combine(_directory, "index.cmfi");
        using var index = SmallIndex();
        index.Save(path, [1]);
        index.Save(path, [2]);

        Assert.Null(new FileInfo(path).LinkTarget);
        Assert.Equal(new byte[] { 2 }, FaissIndex.Peek(path).UserData.ToArray());
        Assert.Equal(["index.cmfi"], Directory.GetFileSystemEntries(_directory).Select(Path.GetFileName));
    }

    private static FaissIndex SmallIndex()
    {
        var index = FaissIndex.Create(4, IndexSpec.Flat(), FaissMetric.L2);
        index.Add(new float[] { 1, 0, 0, 0, 0, 1, 0, 0 }, new long[] { 10, 11 });
        return index;
    }
}
