namespace ContextMemory.Bench.Embeddings;

/// <summary>Deterministic English-like texts of a chosen length in words, the shape of memories an agent stores.</summary>
public static class BenchTexts
{
    private static readonly string[] Subjects = ["I", "my sister", "the user", "our team", "my manager", "the doctor", "we", "my son", "the landlord", "she"];

    private static readonly string[] Verbs = ["booked", "moved", "cancelled", "prefers", "asked about", "forgot", "bought", "planned", "finished", "needs"];

    private static readonly string[] Words =
    [
        "a", "the", "new", "old", "flight", "hotel", "meeting", "report", "cat", "kitten", "dentist", "appointment",
        "on", "for", "with", "after", "before", "Tuesday", "Friday", "summer", "holiday", "budget", "project", "deadline",
        "coffee", "tea", "breakfast", "dinner", "restaurant", "Italian", "vegetarian", "allergy", "peanuts", "doctor",
        "school", "football", "piano", "lesson", "guitar", "birthday", "gift", "party", "weekend", "trip", "Lisbon",
        "Berlin", "Tokyo", "train", "car", "insurance", "invoice", "payment", "password", "laptop", "phone", "screen",
        "because", "and", "but", "so", "next", "last", "week", "month", "year", "morning", "evening", "quickly",
        "carefully", "again", "early", "late", "twice", "server", "database", "backup", "garden", "roses", "kitchen",
        "renovation", "apartment", "rent", "salary", "interview", "job", "offer", "marathon", "training", "knee",
    ];

    /// <summary><paramref name="count"/> texts of <paramref name="minWords"/> to <paramref name="maxWords"/> words.</summary>
    public static string[] Create(int count, int minWords, int maxWords, int seed)
    {
        var random = new Random(seed);
        var texts = new string[count];
        for (var i = 0; i < count; i++)
        {
            var words = new List<string> { Subjects[random.Next(Subjects.Length)], Verbs[random.Next(Verbs.Length)] };
            var length = random.Next(minWords, maxWords + 1);
            while (words.Count < length)
            {
                words.Add(Words[random.Next(Words.Length)]);
                if (words.Count % 12 == 0 && words.Count < length)
                {
                    words[^1] += ".";
                }
            }

            texts[i] = string.Join(' ', words) + ".";
        }

        return texts;
    }
}
