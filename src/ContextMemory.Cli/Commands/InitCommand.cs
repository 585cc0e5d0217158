using System.CommandLine;
using ContextMemory.Cli.Output;

namespace ContextMemory.Cli.Commands;

/// <summary><c>init</c>: creates the data directory and records the embedder later commands use.</summary>
internal static class InitCommand
{
    public static Command Create(CommandRunner runner)
    {
        var command = new Command("init", "Create the data directory (if needed) and record the embedder settings in it.");
        runner.SetAction(command, RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var settings = context.Settings;
        var host = context.Host;
        settings.ToStoredSettings().Write(settings.SettingsPath);

        // One embedding proves the embedder works (the model loads, the key is accepted) before anything depends on it.
        var probe = await host.Embedder.GenerateAsync(["contextmemory init"], cancellationToken: cancellationToken).ConfigureAwait(false);
        var metadata = host.EmbedderMetadata;
        context.IO.Console.Write(Tables.KeyValues(
        [
            ("data directory", settings.DataDirectory),
            ("settings", settings.SettingsPath),
            ("embedder", $"{metadata?.ProviderName} {metadata?.DefaultModelId}"),
            ("dimensions", probe[0].Vector.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ]));
        return ExitCodes.Success;
    }
}
