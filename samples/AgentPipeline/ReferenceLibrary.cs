using System.ComponentModel;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.VectorData;

namespace AgentPipeline;

/// <summary>
/// The <c>documents</c> collection of reference notes, seeded with a dozen notes and searched with a city filter: the
/// VectorData side of the sample. Offered to the researcher as the search_notes tool.
/// </summary>
internal sealed class ReferenceLibrary
{
    public const string CollectionName = "documents";

    public const string SearchToolName = "search_notes";

    private static readonly (string City, string Topic, string Text)[] Notes =
    [
        ("Lisbon", "sights", "Belem Tower and the Jeronimos Monastery sit together in Belem, a short tram ride west of the centre."),
        ("Lisbon", "sights", "The Alfama district is a maze of steep lanes below Sao Jorge Castle, with viewpoints over the Tagus."),
        ("Lisbon", "food", "Pasteis de nata are best warm from the oven at the old bakeries of Belem."),
        ("Lisbon", "food", "Time Out Market at Cais do Sodre gathers dozens of food stalls under one roof, open until late."),
        ("Lisbon", "transport", "Tram 28 climbs from Martim Moniz through Graca and Alfama; board early to avoid the queues."),
        ("Lisbon", "transport", "A Viva Viagem card covers metro, trams, buses and the ferry across the river to Cacilhas."),
        ("Lisbon", "day trips", "Sintra's palaces and forested hills are forty minutes away by train from Rossio station."),
        ("Lisbon", "culture", "Fado houses in Alfama and Mouraria serve dinner with live traditional music from about nine."),
        ("Porto", "sights", "The Dom Luis I bridge links Porto's Ribeira quarter with the port wine cellars of Gaia."),
        ("Porto", "food", "The francesinha, a layered sandwich under a beer sauce, is Porto's signature dish."),
        ("Madrid", "sights", "The Prado museum holds Velazquez and Goya; entry is free in the last two hours of the day."),
        ("Madrid", "food", "Mercado de San Miguel near Plaza Mayor is the place for tapas and vermouth."),
    ];

    private readonly VectorStoreCollection<Guid, ReferenceNote> _collection;

    private ReferenceLibrary(VectorStoreCollection<Guid, ReferenceNote> collection) => _collection = collection;

    /// <summary>Opens the collection, creating and seeding it when it is new (the note ids are fixed, so seeding again only overwrites).</summary>
    public static async Task<ReferenceLibrary> OpenAsync(VectorStore store, TextWriter output, CancellationToken cancellationToken)
    {
        var collection = store.GetCollection<Guid, ReferenceNote>(CollectionName);
        await collection.EnsureCollectionExistsAsync(cancellationToken);
        var notes = Notes.Select((note, i) => new ReferenceNote
        {
            Id = new Guid(i + 1, 0, 0, new byte[8]),
            City = note.City,
            Topic = note.Topic,
            Text = note.Text,
            Embedding = note.Text,
        }).ToList();
        if (await collection.GetAsync(notes[^1].Id, cancellationToken: cancellationToken) is null)
        {
            await collection.UpsertAsync(notes, cancellationToken);
            output.WriteLine($"documents: seeded {notes.Count} reference notes into the '{CollectionName}' collection");
        }
        else
        {
            output.WriteLine($"documents: the '{CollectionName}' collection already holds the {notes.Count} reference notes");
        }

        return new ReferenceLibrary(collection);
    }

    /// <summary>The nearest notes to <paramref name="query"/>, filtered to one city when one is given.</summary>
    public async Task<IReadOnlyList<NoteHit>> SearchAsync(string query, string? city, int top, CancellationToken cancellationToken)
    {
        var options = string.IsNullOrWhiteSpace(city)
            ? new VectorSearchOptions<ReferenceNote>()
            : new VectorSearchOptions<ReferenceNote> { Filter = note => note.City == city };
        var hits = new List<NoteHit>();
        await foreach (var result in _collection.SearchAsync(query, Math.Clamp(top, 1, 10), options, cancellationToken))
        {
            hits.Add(new NoteHit(result.Record.City, result.Record.Topic, result.Record.Text, Math.Round(result.Score ?? 0, 3)));
        }

        return hits;
    }

    /// <summary>The search as a tool a model can call.</summary>
    public AIFunction CreateSearchFunction() =>
        AIFunctionFactory.Create(SearchFunction, new AIFunctionFactoryOptions
        {
            Name = SearchToolName,
            Description = "Searches the reference notes (sights, food, transport, culture, day trips) nearest in meaning to a query, optionally for one city.",
        });

    private Task<IReadOnlyList<NoteHit>> SearchFunction(
        [Description("What to look for, in a few words.")] string query,
        [Description("Only notes about this city, e.g. Lisbon; omit for every city.")] string? city = null,
        [Description("How many notes, 1 to 10; default 5.")] int? top = null,
        CancellationToken cancellationToken = default) =>
        SearchAsync(query, city?.Trim(), top ?? 5, cancellationToken);
}
