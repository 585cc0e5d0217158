namespace ContextMemory.Bench;

/// <summary>One subcommand of the harness.</summary>
public interface IBenchmark
{
    string Name { get; }

    string Description { get; }

    int Run(BenchArguments arguments);
}
