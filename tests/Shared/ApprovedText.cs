using System.Reflection;
using Xunit;

namespace ContextMemory.Tests.Shared;

/// <summary>
/// Approval of a text output: compares it with <c>NAME.approved.txt</c> in the test project's folder; a mismatch
/// writes <c>NAME.received.txt</c> beside it to review and copy from.
/// </summary>
internal static class ApprovedText
{
    public static void AssertMatches(string name, string actual)
    {
        var directory = ProjectDirectory();
        var approvedPath = Path.Combine(directory, name + ".approved.txt");
        var receivedPath = Path.Combine(directory, name + ".received.txt");
        actual = actual.ReplaceLineEndings("\n");
        var approved = File.Exists(approvedPath) ? File.ReadAllText(approvedPath).ReplaceLineEndings("\n") : string.Empty;
        if (approved != actual)
        {
            File.WriteAllText(receivedPath, actual);
        }
        else if (File.Exists(receivedPath))
        {
            File.Delete(receivedPath);
        }

        Assert.Equal(approved, actual);
    }

    /// <summary>The test project's folder, recorded at build time by tests/Directory.Build.props.</summary>
    public static string ProjectDirectory()
    {
        var directory = Assembly.GetExecutingAssembly().GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "ProjectDirectory").Value;
        Assert.True(Directory.Exists(directory), $"The test project folder '{directory}' recorded at build time does not exist.");
        return directory!;
    }
}
