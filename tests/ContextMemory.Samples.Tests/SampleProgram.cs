using System.Reflection;

namespace ContextMemory.Samples.Tests;

/// <summary>A sample program as built, run as a real process with a clean environment (no API key: the offline mode).</summary>
internal static class SampleProgram
{
    public static string Metadata(string key) =>
        typeof(SampleProgram).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
        ?? throw new InvalidOperationException($"no {key} metadata");

    public static Task<DotnetProcess.Result> RunAsync(string sample, IEnumerable<string> arguments, string? input = null) =>
        DotnetProcess.RunAsync(
            ["exec", Metadata(sample), .. arguments],
            environment: new Dictionary<string, string?> { ["OPENAI_API_KEY"] = null, ["OPENAI_BASE_URL"] = null },
            input: input);
}
