using System.Diagnostics.CodeAnalysis;

// The base of public xunit classes must be public, which makes the namespace visible to CA1716; test assemblies have no
// Visual Basic consumers for whom "Shared" is a keyword.
[assembly: SuppressMessage("Naming", "CA1716", Scope = "namespace", Target = "~N:ContextMemory.Tests.Shared", Justification = "Test-only namespace; see above.")]

namespace ContextMemory.Tests.Shared;

/// <summary>
/// The set-up of a test class that works in one temporary directory of its own (the reliability and file-system suites):
/// the directory is created with the class instance and deleted, with everything in it, when xunit disposes it.
/// </summary>
public abstract class TemporaryDirectoryTest : IDisposable
{
    /// <param name="prefix">The start of the directory's name, naming the suite (for example <c>cm-crash-</c>).</param>
    protected TemporaryDirectoryTest(string prefix) => Temp = new TemporaryDirectory(prefix);

    /// <summary>The test's directory.</summary>
    internal TemporaryDirectory Temp { get; }

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            Temp.Dispose();
        }
    }
}
