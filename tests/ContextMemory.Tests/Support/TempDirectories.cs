namespace ContextMemory.Tests.Support;

/// <summary>Fresh empty directories under the system temp directory, deleted (with their contents) on dispose.</summary>
public sealed class TempDirectories : IDisposable
{
    private readonly List<string> _directories = [];

    public string New()
    {
        var path = Path.Combine(Path.GetTempPath(), "cm-memory-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        _directories.Add(path);
        return path;
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var directory in _directories.Where(Directory.Exists))
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
