namespace ContextMemory.VectorStore.TestHost;

/// <summary>
/// Commands run by the reliability tests in a separate process. Each writes its protocol to stdout; exit code 0 means
/// the command finished normally, 2 a usage error, 1 an unexpected exception (printed to stderr).
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        try
        {
            return args.FirstOrDefault() switch
            {
                "crash-writer" when args.Length == 6 => await CrashWriter.RunAsync(args[1], args[2], args[3], int.Parse(args[4], System.Globalization.CultureInfo.InvariantCulture), int.Parse(args[5], System.Globalization.CultureInfo.InvariantCulture)),
                "probe" when args.Length == 2 => await DamageProbe.RunAsync(args[1]),
                "peer" when args.Length == 3 => await PeerCommand.RunAsync(args[1], int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture)),
                "checkpoint-writer" when args.Length == 3 => await CheckpointWriter.RunAsync(args[1], args[2]),
                "full-disk-dispose" when args.Length == 3 => await FullDiskDispose.RunAsync(args[1], int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture)),
                _ => Usage(),
            };
        }
        catch (Exception ex)
        {
            await Console.Error.WriteLineAsync(ex.ToString());
            return 1;
        }
    }

    private static int Usage()
    {
        Console.Error.WriteLine("""
            usage:
              crash-writer <store-dir> <index-kind> <log-file> <seed> <key-space>
              probe <request.json>
              peer <store-dir> <seed>
              checkpoint-writer <store-dir> <index-kind>
              full-disk-dispose <store-dir> <records>
            """);
        return 2;
    }
}
