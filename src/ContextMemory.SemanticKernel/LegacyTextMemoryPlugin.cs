using System.ComponentModel;
using System.Text.Json;
using Microsoft.SemanticKernel;

namespace ContextMemory.SemanticKernel;

/// <summary>
/// An opt-in plugin with the vocabulary of Semantic Kernel's retired <c>TextMemoryPlugin</c> — functions
/// <c>Save</c>, <c>Recall</c>, <c>Retrieve</c> and <c>Remove</c> with the arguments <c>input</c>, <c>collection</c>,
/// <c>relevance</c>, <c>limit</c> and <c>key</c> — so prompts and templates written for it (e.g. <c>{{recall 'tea'}}</c>)
/// keep working over ContextMemory.
/// </summary>
/// <remarks>
/// A legacy collection is a tag (<c>collection:NAME</c>) and a key another (<c>key:KEY</c>) on memories of the bound
/// scope: the collection narrows within the scope and can never leave it. Memories saved under a key are never merged
/// with similar ones, so each key keeps its own text; saving an existing key replaces its text. Recall returns the best
/// text for a limit of 1 (the default) and a JSON array of texts otherwise; nothing found is an empty string, as before.
/// <c>relevance</c> is the minimum relevance (fused similarity, 0..1). Refused input (an empty text, a key or collection
/// longer than a tag allows) throws <see cref="MemoryInputException"/>. Thread-safe.
/// </remarks>
public sealed class LegacyTextMemoryPlugin
{
    /// <summary>The plugin name the extensions use by default, as the retired plugin was usually imported.</summary>
    public const string DefaultName = "TextMemoryPlugin";

    /// <summary>The collection used when none is named.</summary>
    public const string DefaultCollection = "generic";

    private const string Source = "legacy-text-memory";

    private readonly MemoryService _memory;
    private readonly MemoryScope _scope;

    /// <summary>Creates the plugin over <paramref name="memory"/>, bound to <paramref name="scope"/>.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="MemoryScopeException"><paramref name="scope"/> names no user, agent or conversation.</exception>
    public LegacyTextMemoryPlugin(MemoryService memory, MemoryScope scope)
    {
        ArgumentNullException.ThrowIfNull(memory);
        ArgumentNullException.ThrowIfNull(scope);
        _memory = memory;
        _scope = MemoryScope.Require(scope);
    }

    /// <summary>Saves <paramref name="input"/> under <paramref name="key"/>, replacing the text already saved under it.</summary>
    [KernelFunction("Save")]
    [Description("Save a piece of information under a key so it can be retrieved or recalled later.")]
    public async Task SaveAsync(
        [Description("The information to save.")] string input,
        [Description("The key to save it under; saving the same key again replaces it.")] string key,
        [Description("The collection to save it in.")] string collection = DefaultCollection,
        CancellationToken cancellationToken = default)
    {
        var existing = await FindAsync(collection, key, cancellationToken).ConfigureAwait(false);
        if (existing is not null)
        {
            await _memory.UpdateAsync(_scope, existing.Id, new MemoryUpdate { Text = input, Actor = Source }, cancellationToken).ConfigureAwait(false);
            return;
        }

        await _memory.RememberAsync(_scope, new NewMemory
        {
            Text = input,
            Tags = [CollectionTag(collection), KeyTag(key)],
            Source = Source,
            MergeWithSimilar = false,
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The text saved under <paramref name="key"/>, or an empty string.</summary>
    [KernelFunction("Retrieve")]
    [Description("Retrieve the information saved under a key; empty when there is none.")]
    public async Task<string> RetrieveAsync(
        [Description("The key the information was saved under.")] string key,
        [Description("The collection it was saved in.")] string collection = DefaultCollection,
        CancellationToken cancellationToken = default) =>
        (await FindAsync(collection, key, cancellationToken).ConfigureAwait(false))?.Text ?? string.Empty;

    /// <summary>The texts of the collection most relevant to <paramref name="input"/>: the best one for a limit of 1, else a JSON array.</summary>
    [KernelFunction("Recall")]
    [Description("Recall the saved information most relevant to a question or topic.")]
    public async Task<string> RecallAsync(
        [Description("The question or topic to recall information about.")] string input,
        [Description("The collection to search.")] string collection = DefaultCollection,
        [Description("The minimum relevance, from 0 to 1.")] double? relevance = null,
        [Description("How many pieces of information to return.")] int? limit = null,
        CancellationToken cancellationToken = default)
    {
        var wanted = limit ?? 1;
        var result = await _memory.RecallAsync(_scope, input, new RecallOptions
        {
            Limit = wanted,
            MinRelevance = relevance is > 0 ? relevance : null,
            Tags = [CollectionTag(collection)],
            IncludeConnections = false,
        }, cancellationToken).ConfigureAwait(false);
        var texts = result.Hits.Select(h => h.Memory.Text).ToList();
        if (texts.Count == 0)
        {
            return string.Empty;
        }

        return wanted == 1 ? texts[0] : JsonSerializer.Serialize(texts);
    }

    /// <summary>Removes the information saved under <paramref name="key"/>, if any.</summary>
    [KernelFunction("Remove")]
    [Description("Remove the information saved under a key.")]
    public async Task RemoveAsync(
        [Description("The key the information was saved under.")] string key,
        [Description("The collection it was saved in.")] string collection = DefaultCollection,
        CancellationToken cancellationToken = default)
    {
        var existing = await FindAsync(collection, key, cancellationToken).ConfigureAwait(false);
        if (existing is not null)
        {
            await _memory.ForgetAsync(_scope, existing.Id, new ForgetOptions { Actor = Source }, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<MemoryRecord?> FindAsync(string collection, string key, CancellationToken cancellationToken)
    {
        var page = await _memory.ListAsync(_scope, new ListOptions
        {
            Take = 1,
            Filter = new MemoryFilter { Tags = [CollectionTag(collection), KeyTag(key)] },
        }, cancellationToken).ConfigureAwait(false);
        return page.Items.Count > 0 ? page.Items[0] : null;
    }

    private static string CollectionTag(string collection) => "collection:" + (string.IsNullOrEmpty(collection) ? DefaultCollection : collection);

    private static string KeyTag(string key) =>
        string.IsNullOrEmpty(key) ? throw new MemoryInputException(LegacyMessages.KeyMissing) : "key:" + key;
}
