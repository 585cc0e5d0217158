using ContextMemory.Faiss;

namespace ContextMemory.Faiss.Tests;

/// <summary>
/// Entry point used only by <see cref="LoaderTests"/>: the library resolver binds one flavour per process,
/// so flavour overrides are observed in a child process running this assembly with <c>probe</c>.
/// </summary>
public static class Program
{
    public const int LoadFailedExitCode = 3;

    public static int Main(string[] args)
    {
        if (args.Length == 0 || args[0] != "probe")
        {
            Console.Error.WriteLine("usage: ContextMemory.Faiss.Tests probe");
            return 2;
        }

        try
        {
            Console.WriteLine($"flavor={FaissLibrary.Flavor}");
            Console.WriteLine($"version={FaissLibrary.FaissVersion}");
            Console.WriteLine($"path={FaissLibrary.LibraryPath}");
            foreach (var note in FaissLibrary.LoadNotes)
            {
                Console.WriteLine($"note={note}");
            }

            // Prove the bound library does real work, not only that it loaded.
            using var index = FaissIndex.Create(4, IndexSpec.Flat(), FaissMetric.L2);
            index.Add(new float[] { 1, 0, 0, 0, 0, 1, 0, 0 }, new long[] { 7, 9 });
            Console.WriteLine($"nearest={index.Search(new float[] { 0, 1, 0, 0 }, 1).Ids[0]}");
            return 0;
        }
        catch (FaissNativeLibraryException ex)
        {
            Console.WriteLine("error-begin");
            Console.WriteLine(ex.Message);
            Console.WriteLine("error-end");
            return LoadFailedExitCode;
        }
    }
}
