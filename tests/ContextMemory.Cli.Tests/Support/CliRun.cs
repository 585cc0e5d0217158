using ContextMemory.Cli;

namespace ContextMemory.Cli.Tests.Support;

/// <summary>Runs the CLI in process with captured output and a private environment (no CONTEXTMEMORY_* from the machine).</summary>
internal static class CliRun
{
    public sealed record Result(int ExitCode, string Output, string Error)
    {
        public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
    }

    public static async Task<Result> InProcessAsync(params string[] args) =>
        await InProcessAsync(args, new Dictionary<string, string?>(), CancellationToken.None);

    public static async Task<Result> InProcessAsync(IReadOnlyList<string> args, IReadOnlyDictionary<string, string?> environment, CancellationToken cancellationToken)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var io = new CliIO(output, error, TextReader.Null, name => environment.TryGetValue(name, out var value) ? value : null, interactive: false);
        var code = await CliApplication.RunAsync(args, io, cancellationToken);
        return new Result(code, output.ToString(), error.ToString());
    }

    /// <summary>The CLI as built (<c>dotnet contextmemory.dll ...</c>) in a real process.</summary>
    public static async Task<Result> ProcessAsync(IReadOnlyList<string> args, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var result = await DotnetProcess.RunAsync([CliAssembly, .. args], environment: environment);
        return new Result(result.ExitCode, result.Output, result.Error);
    }

    public static string CliAssembly { get; } = typeof(CliRun).Assembly
        .GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
        .Cast<System.Reflection.AssemblyMetadataAttribute>()
        .Single(attribute => attribute.Key == "CliAssembly").Value!;
}
