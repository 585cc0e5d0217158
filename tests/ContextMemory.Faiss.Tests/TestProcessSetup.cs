using System.Reflection;
using System.Runtime.CompilerServices;

namespace ContextMemory.Faiss.Tests;

internal static class TestProcessSetup
{
    /// <summary>
    /// xunit already runs test classes in parallel on every core, so FAISS's own OpenMP fan-out would only
    /// oversubscribe them (k-means training becomes several times slower). One thread per call here.
    /// Not in the loader probe (this assembly as the entry point), which must load the library itself.
    /// </summary>
    [ModuleInitializer]
    internal static void UseOneFaissThreadPerCall()
    {
        if (Assembly.GetEntryAssembly() != typeof(TestProcessSetup).Assembly)
        {
            FaissLibrary.OmpThreads = 1;
        }
    }
}
