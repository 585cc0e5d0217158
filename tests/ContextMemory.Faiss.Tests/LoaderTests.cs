using System.Runtime.Intrinsics.X86;
using ContextMemory.Faiss.Interop;
using ContextMemory.Faiss.Tests.Support;

namespace ContextMemory.Faiss.Tests;

/// <summary>
/// Flavour selection and load failures. The resolver binds one library per process, so overrides are
/// observed in child processes running <see cref="Program"/>'s probe.
/// </summary>
public sealed class LoaderTests : IDisposable
{
    private static readonly Dictionary<string, string?> NoOverrides = [];
    private readonly string _directory = Directory.CreateTempSubdirectory("cmf-loader-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void The_flavour_loaded_in_process_matches_the_cpu()
    {
        var avx2 = Avx2.IsSupported && Fma.IsSupported;
        Assert.Equal(avx2 ? "avx2" : "generic", FaissLibrary.Flavor);
        Assert.Equal(avx2 ? NativeLibraryLoader.Avx2FileName : NativeLibraryLoader.GenericFileName, Path.GetFileName(FaissLibrary.LibraryPath));
        Assert.Contains(avx2 ? FaissErrors.LoaderCpuHasAvx2 : FaissErrors.LoaderCpuLacksAvx2, FaissLibrary.LoadNotes);
    }

    [Fact]
    public void A_child_without_overrides_loads_the_same_flavour_and_works()
    {
        var outcome = ChildProcess.RunProbe(NoOverrides);
        Assert.True(outcome.ExitCode == 0, outcome.Output + outcome.Error);
        Assert.Equal(FaissLibrary.Flavor, outcome.Value("flavor"));
        Assert.Equal("9", outcome.Value("nearest"));
    }

    [Fact]
    public void Flavor_generic_forces_the_generic_library()
    {
        var outcome = ChildProcess.RunProbe(new Dictionary<string, string?> { [NativeLibraryLoader.FlavorVariable] = "generic" });
        Assert.True(outcome.ExitCode == 0, outcome.Output + outcome.Error);
        Assert.Equal("generic", outcome.Value("flavor"));
        Assert.Equal(NativeLibraryLoader.GenericFileName, Path.GetFileName(outcome.Value("path")));
        Assert.Equal("9", outcome.Value("nearest"));
    }

    [Fact]
    public void Flavor_avx2_forces_the_avx2_library_on_a_cpu_that_can_run_it()
    {
        if (!(Avx2.IsSupported && Fma.IsSupported))
        {
            // Forcing AVX2 code onto this CPU would fault; the automatic choice must have avoided it.
            Assert.Equal("generic", FaissLibrary.Flavor);
            return;
        }

        var outcome = ChildProcess.RunProbe(new Dictionary<string, string?> { [NativeLibraryLoader.FlavorVariable] = "AVX2" });
        Assert.True(outcome.ExitCode == 0, outcome.Output + outcome.Error);
        Assert.Equal("avx2", outcome.Value("flavor"));
        Assert.Contains(FaissErrors.LoaderFlavorForced(NativeLibraryLoader.FlavorVariable, "avx2"), outcome.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_explicit_library_names_the_path_and_the_build_command()
    {
        var missing = Path.Combine(_directory, "nowhere", "libcontextmemory_faiss.so");
        var outcome = ChildProcess.RunProbe(new Dictionary<string, string?> { [NativeLibraryLoader.LibraryVariable] = missing });
        Assert.Equal(Program.LoadFailedExitCode, outcome.ExitCode);
        Assert.Contains(FaissErrors.LoaderAttemptMissing(missing), outcome.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("eng/setup-native.sh", outcome.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_flavour_is_refused_with_the_valid_values()
    {
        var outcome = ChildProcess.RunProbe(new Dictionary<string, string?> { [NativeLibraryLoader.FlavorVariable] = "sse9" });
        Assert.Equal(Program.LoadFailedExitCode, outcome.ExitCode);
        Assert.Equal(FaissErrors.LoaderUnknownFlavor(NativeLibraryLoader.FlavorVariable, "sse9"), outcome.ErrorMessage);
    }

    [Fact]
    public void Without_the_avx2_file_the_loader_falls_back_to_generic_and_says_why()
    {
        // A copy of the test output outside the repository, holding only the generic library.
        var copy = CopyOutputWithout();
        File.Copy(ArtifactPath(NativeLibraryLoader.GenericFileName), Path.Combine(copy, NativeLibraryLoader.GenericFileName));

        var outcome = ChildProcess.RunProbe(NoOverrides, Path.Combine(copy, Path.GetFileName(typeof(Program).Assembly.Location)));
        Assert.True(outcome.ExitCode == 0, outcome.Output + outcome.Error);
        Assert.Equal("generic", outcome.Value("flavor"));
        if (Avx2.IsSupported && Fma.IsSupported)
        {
            Assert.Contains("falling back to the generic build", outcome.Output, StringComparison.Ordinal);
            Assert.Contains(FaissErrors.LoaderAttemptMissing(Path.Combine(copy, NativeLibraryLoader.Avx2FileName)), outcome.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void With_no_library_anywhere_the_error_lists_every_file_tried_and_the_build_command()
    {
        var copy = CopyOutputWithout();
        var outcome = ChildProcess.RunProbe(NoOverrides, Path.Combine(copy, Path.GetFileName(typeof(Program).Assembly.Location)));
        Assert.Equal(Program.LoadFailedExitCode, outcome.ExitCode);
        var message = outcome.ErrorMessage;
        Assert.Contains(FaissErrors.LoaderAttemptMissing(Path.Combine(copy, NativeLibraryLoader.GenericFileName)), message, StringComparison.Ordinal);
        Assert.Contains(FaissErrors.LoaderAttemptMissing(Path.Combine(copy, "runtimes", "linux-x64", "native", NativeLibraryLoader.GenericFileName)), message, StringComparison.Ordinal);
        Assert.Contains("eng/setup-native.sh", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_dependency_points_at_the_packages_to_install()
    {
        var message = FaissErrors.LoaderFailed(
            ["/x/libcontextmemory_faiss.so: libopenblas.so.0: cannot open shared object file: No such file or directory"],
            missingDependency: true,
            NativeLibraryLoader.BuildCommand,
            NativeLibraryLoader.RuntimeDependenciesCommand);
        Assert.Contains("sudo apt-get install libopenblas0 libgomp1", message, StringComparison.Ordinal);
        Assert.Contains("libopenblas.so.0", message, StringComparison.Ordinal);
        Assert.Contains("eng/setup-native.sh", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Search_directories_include_the_repository_artifacts()
    {
        var directories = NativeLibraryLoader.SearchDirectories();
        Assert.Contains(directories, d => d.EndsWith(Path.Combine("artifacts", "native", "linux-x64"), StringComparison.Ordinal));
        Assert.Equal(directories.Count, directories.Distinct().Count());
    }

    private static string ArtifactPath(string fileName) =>
        NativeLibraryLoader.SearchDirectories().Select(d => Path.Combine(d, fileName)).First(File.Exists);

    private string CopyOutputWithout()
    {
        var source = Path.GetDirectoryName(typeof(Program).Assembly.Location)!;
        var target = Path.Combine(_directory, "app");
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            if (file.EndsWith(".so", StringComparison.Ordinal))
            {
                continue;
            }

            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }

        return target;
    }
}
