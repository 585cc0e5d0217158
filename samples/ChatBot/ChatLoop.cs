namespace ChatBot;

/// <summary>
/// Reads the user's lines — from the terminal with a prompt, or from redirected input so a scripted run works — and hands
/// each to the responder until /quit or the end of the input.
/// </summary>
internal static class ChatLoop
{
    public static async Task RunAsync(IResponder responder, TextReader input, TextWriter output, bool echo, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            if (!echo)
            {
                output.Write("you> ");
            }

            var line = await input.ReadLineAsync(cancellationToken);
            if (line is null || line.Trim() is "/quit" or "/exit")
            {
                return;
            }

            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            if (echo)
            {
                output.WriteLine($"you> {line}");
            }

            await responder.RespondAsync(line.Trim(), output, cancellationToken);
            output.WriteLine();
        }
    }
}
