namespace ContextMemory.Extraction;

/// <summary>The reply shapes the model is asked for; used for the JSON schemas sent with each request. Replies are parsed tolerantly by <see cref="ExtractionReplyParser"/>, not deserialised into these.</summary>
internal static class ExtractionReplies
{
    internal sealed record Fact(string Text, double Importance);

    internal sealed record Facts(IReadOnlyList<Fact> Items);

    internal sealed record Decision(int Fact, string Event, int? Id, string? Text);

    internal sealed record Decisions(IReadOnlyList<Decision> Items);
}
