using ContextMemory.Tests.Support;

namespace ContextMemory.Tests;

/// <summary>Episodes connect both ways to similar earlier episodes; recall appends connected episodes, marked.</summary>
public abstract class ConnectionSuite : IDisposable
{
    private const string Trip = "hiking trip to the alps with snow and friends";
    private const string Cabin = "cabin in the alps with snow and a fire";
    private const string Tax = "filed the tax return at the bank";
    private static readonly MemoryScope Ann = MemoryScope.ForUser("ann");

    private readonly MemoryHarness _harness;

    protected ConnectionSuite(Func<string, Microsoft.Extensions.VectorData.VectorStore> openStore) => _harness = new MemoryHarness(new MemoryServiceOptions { ConnectionThreshold = 0.4 }, openStore: openStore);

    private MemoryService Service => _harness.Service;

    public void Dispose()
    {
        _harness.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task A_new_episode_links_both_ways_to_a_similar_earlier_episode_and_not_to_a_dissimilar_one()
    {
        Assert.InRange(Cosine.OfWords(Trip, Cabin), 0.4, 0.85);
        Assert.True(Cosine.OfWords(Trip, Tax) < 0.4);
        var trip = await Episode(Trip);
        var tax = await Episode(Tax);
        var cabin = await Episode(Cabin);

        Assert.Equal([trip.Id], cabin.Connections);
        Assert.Equal([cabin.Id], (await Service.GetAsync(Ann, trip.Id))!.Connections);
        Assert.Empty((await Service.GetAsync(Ann, tax.Id))!.Connections);
    }

    [Fact]
    public async Task Recall_appends_connected_episodes_marked_and_forgetting_one_unlinks_it()
    {
        var trip = await Episode(Trip);
        var cabin = await Episode(Cabin);

        var hits = (await Service.RecallAsync(Ann, "hiking friends", new RecallOptions { Limit = 1 })).Hits;

        Assert.Equal(2, hits.Count);
        Assert.Equal((trip.Id, false), (hits[0].Memory.Id, hits[0].IsConnection));
        Assert.Equal((cabin.Id, true, trip.Id, 0.0), (hits[1].Memory.Id, hits[1].IsConnection, hits[1].ConnectedFrom, hits[1].Score));

        Assert.True(await Service.ForgetAsync(Ann, cabin.Id));
        Assert.Empty((await Service.GetAsync(Ann, trip.Id))!.Connections);
        Assert.Single((await Service.RecallAsync(Ann, "hiking friends", new RecallOptions { Limit = 1 })).Hits);
    }

    [Fact]
    public async Task Connections_are_bounded_per_episode_and_recall_appends_at_most_two_per_hit_and_three_in_all()
    {
        for (var i = 0; i < 6; i++)
        {
            await Episode($"alps snow trip day {i} of {Words[i]}");
        }

        var last = await Episode("alps snow trip day final of the week");
        var hits = (await Service.RecallAsync(Ann, "alps snow trip day final of the week", new RecallOptions { Limit = 2 })).Hits;

        Assert.Equal(3, last.Connections.Count);
        Assert.InRange(hits.Count(h => h.IsConnection), 1, 3);
        Assert.All(hits.Where(h => h.IsConnection).GroupBy(h => h.ConnectedFrom), g => Assert.True(g.Count() <= 2));
        Assert.Equal(hits.Select(h => h.Memory.Id).Distinct().Count(), hits.Count);
    }

    [Fact]
    public async Task Facts_do_not_connect()
    {
        await Service.RememberAsync(Ann, new NewMemory { Text = Trip });
        var fact = await Service.RememberAsync(Ann, new NewMemory { Text = Cabin });

        Assert.Empty(fact.Memory.Connections);
    }

    private static readonly string[] Words = ["rain", "sun", "wind", "fog", "hail", "storm"];

    private async Task<MemoryRecord> Episode(string text) =>
        (await Service.RememberAsync(Ann, new NewMemory { Text = text, Kind = MemoryKind.Episode })).Memory;
}
