namespace ContextMemory.Tests.Shared;

/// <summary>Fresh empty directories under one folder of the system temp directory, deleted (with their contents) on dispose.</summary>
/// <param name="folder">The folder under the temp directory, one per test project (for example <c>cm-vectorstore-tests</c>).</param>
/// <param name="beforeDelete">Run before the directories are deleted, to close what still holds files in them.</param>
internal sealed class TemporaryDirectories(string folder, Action? beforeDelete = null) : IDisposable
{
    private readonly List<string> _directories = [];

    public string New()
    {
        var path = Path.Combine(Path.GetTempPath(), folder, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        _directories.Add(path);
        return path;
    }

    public void Dispose()
    {
        beforeDelete?.Invoke();
        foreach (var directory in _directories.Where(Directory.Exists))
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
