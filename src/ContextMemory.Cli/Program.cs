using ContextMemory.Cli;

return await CliApplication.RunAsync(args, CliIO.FromProcess()).ConfigureAwait(false);
