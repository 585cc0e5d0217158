using System.Globalization;
using System.IO.Compression;
using System.Reflection;
using System.Xml.Linq;

namespace ContextMemory.Packaging.Tests;

/// <summary>
/// The repository's packages, packed once for the test class into a temporary folder with a version of their own,
/// so the NuGet cache never serves a package from an earlier run; that version is removed from the cache after.
/// </summary>
public sealed class PackedPackages : IAsyncLifetime
{
    public string Folder { get; } = Directory.CreateTempSubdirectory("cm-packages-").FullName;

    public string Version { get; } = "0.1.0-test." + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture);

    public static string RepositoryRoot { get; } = typeof(PackedPackages).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(attribute => attribute.Key == "RepositoryRoot").Value!;

    public string PackageFile(string id) => Path.Combine(Folder, $"{id}.{Version}.nupkg");

    public IReadOnlyList<string> PackageEntries(string id)
    {
        using var archive = ZipFile.OpenRead(PackageFile(id));
        return [.. archive.Entries.Select(entry => entry.FullName)];
    }

    public XElement Nuspec(string id)
    {
        using var archive = ZipFile.OpenRead(PackageFile(id));
        var entry = archive.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
        using var stream = entry.Open();
        return XElement.Load(stream);
    }

    public async Task InitializeAsync()
    {
        var pack = await DotnetProcess.RunAsync(
            ["pack", Path.Combine(RepositoryRoot, "eng", "Packages.slnx"), "-c", "Release", "-o", Folder, "-nologo",
             $"-p:PackageVersion={Version}"],
            timeout: TimeSpan.FromMinutes(15));
        Assert.True(pack.ExitCode == 0, pack.ToString());
    }

    public Task DisposeAsync()
    {
        Directory.Delete(Folder, recursive: true);
        var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        if (Directory.Exists(cache))
        {
            foreach (var package in Directory.EnumerateDirectories(cache, "contextmemory.*"))
            {
                var version = Path.Combine(package, Version.ToLowerInvariant());
                if (Directory.Exists(version))
                {
                    Directory.Delete(version, recursive: true);
                }
            }
        }

        return Task.CompletedTask;
    }
}
