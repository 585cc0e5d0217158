using Microsoft.Extensions.VectorData;

namespace AgentPipeline;

/// <summary>A reference note the researcher searches through the VectorData API; the store embeds <see cref="Embedding"/>.</summary>
internal sealed class ReferenceNote
{
    [VectorStoreKey]
    public Guid Id { get; set; }

    [VectorStoreData(IsIndexed = true)]
    public string City { get; set; } = "";

    [VectorStoreData(IsFullTextIndexed = true)]
    public string Text { get; set; } = "";

    [VectorStoreVector(384, DistanceFunction = DistanceFunction.CosineSimilarity)]
    public string Embedding { get; set; } = "";

    public static ReferenceNote Of(string city, string text) => new() { Id = Guid.NewGuid(), City = city, Text = text, Embedding = text };

    /// <summary>The notes the sample's store starts with.</summary>
    public static IReadOnlyList<ReferenceNote> Seed() =>
    [
        Of("lisbon", "Alfama is Lisbon's oldest quarter, best explored on foot through its steep alleys and viewpoints."),
        Of("lisbon", "The Time Out Market in Cais do Sodré has several vegetarian and vegan food stalls."),
        Of("lisbon", "Belém has the Jerónimos Monastery and the original pastéis de nata bakery."),
        Of("lisbon", "Tram 28 climbs through Graça and Alfama; it is crowded at midday."),
        Of("lisbon", "The Santa Justa lift is a tall iron elevator with a narrow viewing platform at the top."),
        Of("lisbon", "Sintra is a 40-minute train ride from Rossio station and makes a good day trip."),
        Of("porto", "Porto's Ribeira district sits on the Douro river, with port wine cellars across the bridge."),
        Of("porto", "The Livraria Lello bookshop in Porto needs a ticket booked in advance."),
        Of("madrid", "The Prado museum in Madrid is free in the last two hours of most days."),
        Of("madrid", "Madrid's Mercado de San Miguel serves tapas all day."),
    ];
}
