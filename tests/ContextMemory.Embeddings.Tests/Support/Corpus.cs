namespace ContextMemory.Embeddings.Tests.Support;

/// <summary>Hand-written texts for the semantic tests.</summary>
public static class Corpus
{
    /// <summary>Plain English sentences (ASCII, no accents): both tokenizers split them alike.</summary>
    public static readonly string[] Plain =
    [
        "I adopted a cat last week.",
        "My new kitten sleeps on the sofa all day.",
        "The quarterly report is due on Friday.",
        "We booked a flight to Lisbon for the summer holidays.",
        "She prefers green tea over coffee in the morning.",
        "The meeting with the design team moved to Tuesday at 3 pm.",
        "Remind me to call the dentist about my appointment.",
        "He is allergic to peanuts and shellfish.",
        "Our server crashed because the disk was full.",
        "The kids love playing football in the park after school.",
        "I started learning the piano two months ago.",
        "What is the capital of Australia?",
        "a",
        "",
        "Hello, world! It's a test: (really) 3.14 co-op",
        "The user said: please keep my answers short and friendly, because I read them on my phone while commuting to work every day.",
    ];
}
