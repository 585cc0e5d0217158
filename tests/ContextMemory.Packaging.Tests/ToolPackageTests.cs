using System.Text.Json;

namespace ContextMemory.Packaging.Tests;

/// <summary>The contextmemory tool installs from the package folder alone and works: version, then remember and recall.</summary>
[Collection(PackagesGroup.Name)]
public sealed class ToolPackageTests(PackedPackages packages)
{
    [Fact]
    public async Task The_tool_installs_from_the_folder_reports_its_version_and_remembers()
    {
        using var work = new TemporaryDirectory("cm-tool-");
        var tools = work.Combine("tools");
        var install = await DotnetProcess.RunAsync(
            ["tool", "install", "ContextMemory.Cli", "--tool-path", tools, "--add-source", packages.Folder, "--version", packages.Version],
            workingDirectory: work.Path, timeout: TimeSpan.FromMinutes(10));
        Assert.True(install.ExitCode == 0, install.ToString());

        var tool = Path.Combine(tools, "contextmemory");
        var version = await DotnetProcess.RunProgramAsync(tool, ["--version"], work.Path);
        Assert.True(version.ExitCode == 0, version.ToString());
        Assert.StartsWith("0.1.0", version.Output.Trim(), StringComparison.Ordinal);

        // The installed tool finds its native FAISS bridge and its model files: a memory goes in and comes back.
        string[] common = ["--data-dir", work.Combine("data"), "--user", "ada"];
        var add = await DotnetProcess.RunProgramAsync(tool, ["add", "Ada keeps bees on the roof of her flat.", .. common], work.Path);
        Assert.True(add.ExitCode == 0, add.ToString());
        var recall = await DotnetProcess.RunProgramAsync(tool, ["recall", "What insects does Ada look after?", "--json", .. common], work.Path);
        Assert.True(recall.ExitCode == 0, recall.ToString());
        using var document = JsonDocument.Parse(recall.Output);
        var hits = document.RootElement.GetProperty("hits");
        Assert.Equal("Ada keeps bees on the roof of her flat.", hits[0].GetProperty("memory").GetProperty("text").GetString());
    }
}
