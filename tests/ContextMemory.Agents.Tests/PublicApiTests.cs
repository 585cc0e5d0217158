using ContextMemory.Agents;
using ContextMemory.SemanticKernel;
using ContextMemory.Tools;

namespace ContextMemory.Agents.Tests;

/// <summary>The public API of the three integration assemblies is frozen in approved listings.</summary>
public sealed class PublicApiTests
{
    [Fact]
    public void The_tools_api_is_approved() =>
        ApprovedText.AssertMatches("PublicApi.Tools", PublicApiListing.Describe(typeof(MemoryToolbox).Assembly));

    [Fact]
    public void The_semantic_kernel_api_is_approved() =>
        ApprovedText.AssertMatches("PublicApi.SemanticKernel", PublicApiListing.Describe(typeof(ContextMemoryPlugin).Assembly));

    [Fact]
    public void The_agents_api_is_approved() =>
        ApprovedText.AssertMatches("PublicApi.Agents", PublicApiListing.Describe(typeof(ContextMemoryChatClient).Assembly));
}
