Console.WriteLine("ContextMemory benchmarks: see bench/README.md");
