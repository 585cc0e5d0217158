using System.Globalization;
using ContextMemory.VectorStore.Failures;
using Microsoft.Extensions.Configuration;

namespace ContextMemory.VectorStore.DependencyInjection;

/// <summary>
/// Reads a store's directory and <see cref="FaissVectorStoreOptions"/> from a configuration section, key by key (no
/// reflection binding: every key is known, a value that does not convert or a key the options lack is an error naming it).
/// </summary>
internal static class StoreConfiguration
{
    private const string IndexSection = "Index";

    private static readonly string[] StoreKeys = ["Directory", "Durability", "BusyTimeout", "StartOverWhenDatabaseIsLost", IndexSection];

    private static readonly string[] IndexKeys =
    [
        nameof(FaissIndexOptions.HnswM), nameof(FaissIndexOptions.HnswEfConstruction), nameof(FaissIndexOptions.HnswEfSearch),
        nameof(FaissIndexOptions.IvfNList), nameof(FaissIndexOptions.IvfNProbe), nameof(FaissIndexOptions.TrainingThreshold),
        nameof(FaissIndexOptions.DynamicThreshold), nameof(FaissIndexOptions.ExactSearchThreshold), nameof(FaissIndexOptions.AdaptFilteredSearch),
        nameof(FaissIndexOptions.CheckpointInterval), nameof(FaissIndexOptions.RebuildRatio),
    ];

    public static string Directory(IConfiguration section)
    {
        var directory = section["Directory"];
        return string.IsNullOrWhiteSpace(directory)
            ? throw new InvalidOperationException(VectorStoreErrors.ConfigurationMissing(PathOf(section, "Directory")))
            : directory;
    }

    public static FaissVectorStoreOptions Options(IConfiguration section)
    {
        RefuseUnknown(section, StoreKeys);
        var defaults = FaissVectorStoreOptions.Default;
        return new FaissVectorStoreOptions
        {
            Durability = Read(section, "Durability", defaults.Durability, static text => Enum.Parse<FaissStoreDurability>(text, ignoreCase: true)),
            BusyTimeout = Read(section, "BusyTimeout", defaults.BusyTimeout, static text => TimeSpan.Parse(text, CultureInfo.InvariantCulture)),
            StartOverWhenDatabaseIsLost = Read(section, "StartOverWhenDatabaseIsLost", defaults.StartOverWhenDatabaseIsLost, bool.Parse),
            Index = Index(section.GetSection(IndexSection)),
        };
    }

    private static FaissIndexOptions Index(IConfigurationSection section)
    {
        if (!section.GetChildren().Any())
        {
            return FaissIndexOptions.Default;
        }

        RefuseUnknown(section, IndexKeys);
        var defaults = FaissIndexOptions.Default;
        return new FaissIndexOptions
        {
            HnswM = Int(section, nameof(FaissIndexOptions.HnswM), defaults.HnswM),
            HnswEfConstruction = Int(section, nameof(FaissIndexOptions.HnswEfConstruction), defaults.HnswEfConstruction),
            HnswEfSearch = Int(section, nameof(FaissIndexOptions.HnswEfSearch), defaults.HnswEfSearch),
            IvfNList = Int(section, nameof(FaissIndexOptions.IvfNList), defaults.IvfNList),
            IvfNProbe = Int(section, nameof(FaissIndexOptions.IvfNProbe), defaults.IvfNProbe),
            TrainingThreshold = Int(section, nameof(FaissIndexOptions.TrainingThreshold), defaults.TrainingThreshold),
            DynamicThreshold = Int(section, nameof(FaissIndexOptions.DynamicThreshold), defaults.DynamicThreshold),
            ExactSearchThreshold = Int(section, nameof(FaissIndexOptions.ExactSearchThreshold), defaults.ExactSearchThreshold),
            AdaptFilteredSearch = Read(section, nameof(FaissIndexOptions.AdaptFilteredSearch), defaults.AdaptFilteredSearch, bool.Parse),
            CheckpointInterval = Int(section, nameof(FaissIndexOptions.CheckpointInterval), defaults.CheckpointInterval),
            RebuildRatio = Read(section, nameof(FaissIndexOptions.RebuildRatio), defaults.RebuildRatio, static text => double.Parse(text, CultureInfo.InvariantCulture)),
        };
    }

    private static int Int(IConfiguration section, string key, int fallback) =>
        Read(section, key, fallback, static text => int.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture));

    private static T Read<T>(IConfiguration section, string key, T fallback, Func<string, T> parse)
    {
        var text = section[key];
        if (text is null)
        {
            return fallback;
        }

        try
        {
            return parse(text.Trim());
        }
        catch (Exception ex) when (ex is FormatException or OverflowException or ArgumentException)
        {
            throw new InvalidOperationException(VectorStoreErrors.ConfigurationValue(PathOf(section, key), text, typeof(T)), ex);
        }
    }

    private static void RefuseUnknown(IConfiguration section, string[] known)
    {
        foreach (var child in section.GetChildren())
        {
            if (!known.Contains(child.Key, StringComparer.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException(VectorStoreErrors.ConfigurationUnknownKey(child.Path, known));
            }
        }
    }

    private static string PathOf(IConfiguration section, string key) =>
        section is IConfigurationSection named ? ConfigurationPath.Combine(named.Path, key) : key;
}
