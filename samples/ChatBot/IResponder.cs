namespace ChatBot;

/// <summary>Answers one line the user typed.</summary>
internal interface IResponder
{
    /// <summary>Writes the answer to <paramref name="output"/>.</summary>
    Task RespondAsync(string line, TextWriter output, CancellationToken cancellationToken);
}
