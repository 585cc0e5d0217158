using System.Text.Json;
using System.Text.Json.Serialization;

namespace ContextMemory.Cli.Hosting;

/// <summary>
/// The optional JSON settings file (<c>--settings PATH</c>, or <c>contextmemory.json</c> in the data directory, which
/// <c>init</c> writes). Every property is optional; the command line and the environment override it.
/// </summary>
internal sealed class SettingsFile
{
    public const string DataDirectoryFileName = "contextmemory.json";

    [JsonPropertyName("dataDir")]
    public string? DataDirectory { get; set; }

    [JsonPropertyName("embedder")]
    public string? Embedder { get; set; }

    [JsonPropertyName("model")]
    public string? Model { get; set; }

    [JsonPropertyName("endpoint")]
    public string? Endpoint { get; set; }

    [JsonPropertyName("dimensions")]
    public int? Dimensions { get; set; }

    [JsonPropertyName("user")]
    public string? User { get; set; }

    [JsonPropertyName("agent")]
    public string? Agent { get; set; }

    [JsonPropertyName("conversation")]
    public string? Conversation { get; set; }

    /// <summary>Reads a settings file; a malformed one is a <see cref="CliException"/> naming the file and the line.</summary>
    public static SettingsFile Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new CliException(ExitCodes.InvalidInput, CliErrors.SettingsFileMissing(path));
        }

        try
        {
            using var stream = File.OpenRead(path);
            return JsonSerializer.Deserialize(stream, CliJsonContext.Default.SettingsFile)
                ?? throw new CliException(ExitCodes.InvalidInput, CliErrors.BadSettingsFile(path, "the file is 'null'"));
        }
        catch (JsonException exception)
        {
            throw new CliException(ExitCodes.InvalidInput, CliErrors.BadSettingsFile(path, exception.Message));
        }
    }

    /// <summary>Writes the file atomically (a temporary file renamed over the name).</summary>
    public void Write(string path)
    {
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(this, CliJsonContext.Default.SettingsFile) + "\n");
        File.Move(temporary, path, overwrite: true);
    }
}
