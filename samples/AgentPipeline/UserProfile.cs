using ContextMemory;

namespace AgentPipeline;

/// <summary>The user's standing preferences, stored under the user scope once (the first run) and kept across runs.</summary>
internal static class UserProfile
{
    private static readonly string[] Preferences =
    [
        "The user is vegetarian and would rather skip seafood restaurants.",
        "The user prefers walking and public transport to taxis.",
        "The user loves live music and late dinners.",
        "The user's budget is about 120 euros a day.",
    ];

    public static async Task SeedAsync(MemoryService memory, MemoryScope user, TextWriter output, CancellationToken cancellationToken)
    {
        var known = await memory.ListAsync(user, new ListOptions { Take = 100 }, cancellationToken);
        if (known.Items.Count > 0)
        {
            output.WriteLine($"user: {known.Items.Count} memories of {user} already stored by an earlier run");
            return;
        }

        await memory.RememberManyAsync(
            user, [.. Preferences.Select(text => new NewMemory { Text = text, Kind = MemoryKind.Fact, Importance = 0.8, Source = "profile" })], cancellationToken);
        output.WriteLine($"user: stored {Preferences.Length} preferences under {user}");
    }
}
