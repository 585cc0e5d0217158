using System.Text.Json.Serialization;
using ContextMemory.Cli.Hosting;
using ContextMemory.Cli.Input;
using ContextMemory.Cli.Output;

namespace ContextMemory.Cli;

/// <summary>The JSON shapes the CLI reads and writes, with one set of serializer options.</summary>
[JsonSourceGenerationOptions(
    WriteIndented = true,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(SettingsFile))]
[JsonSerializable(typeof(MemoryLine))]
[JsonSerializable(typeof(RecallJson))]
[JsonSerializable(typeof(HistoryLine))]
[JsonSerializable(typeof(EvalJson))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
