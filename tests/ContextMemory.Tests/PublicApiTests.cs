namespace ContextMemory.Tests;

/// <summary>The public surface is frozen in PublicApi.approved.txt (the failing test writes PublicApi.received.txt to copy from).</summary>
public sealed class PublicApiTests
{
    [Fact]
    public void Public_api_matches_the_approved_listing() =>
        PublicApiListing.AssertMatchesApproved(typeof(MemoryService).Assembly);
}
