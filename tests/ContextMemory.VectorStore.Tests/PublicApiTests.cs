namespace ContextMemory.VectorStore.Tests;

/// <summary>
/// The public surface is frozen in PublicApi.approved.txt: a change to it must be deliberate, made by
/// updating that file (the failing test writes PublicApi.received.txt next to it to copy from).
/// </summary>
public sealed class PublicApiTests
{
    [Fact]
    public void Public_api_matches_the_approved_listing() =>
        PublicApiListing.AssertMatchesApproved(typeof(FaissVectorStore).Assembly);
}
