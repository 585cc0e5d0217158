using System.CommandLine;
using System.CommandLine.Invocation;
using System.Reflection;

namespace ContextMemory.Cli;

/// <summary><c>--version</c>: this tool's version (the package version and the commit it was built from).</summary>
internal sealed class VersionAction(CliIO io) : SynchronousCommandLineAction
{
    public static string Version { get; } =
        typeof(VersionAction).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    public override int Invoke(ParseResult parseResult)
    {
        io.Out.WriteLine(Version);
        return ExitCodes.Success;
    }
}
