using ContextMemory.Bench;

// A tiny dispatcher: each benchmark is one IBenchmark in its own file, registered here by name.
IBenchmark[] benchmarks =
[
    new FlatSearchBenchmark(),
    new HnswSearchBenchmark(),
    new StoreBenchmark(),
    new EmbedBenchmark(),
    new MemoryEvalBenchmark(),
    new MemoryBenchmark(),
];

if (args.Length == 0 || args[0] is "-h" or "--help" or "list")
{
    Console.WriteLine("usage: ContextMemory.Bench <benchmark> [options]");
    foreach (var benchmark in benchmarks)
    {
        Console.WriteLine($"  {benchmark.Name,-12} {benchmark.Description}");
    }

    return args.Length == 0 ? 1 : 0;
}

var chosen = benchmarks.FirstOrDefault(b => b.Name == args[0]);
if (chosen is null)
{
    Console.Error.WriteLine($"unknown benchmark '{args[0]}'; run with --help for the list");
    return 1;
}

return chosen.Run(new BenchArguments(args[1..]));
