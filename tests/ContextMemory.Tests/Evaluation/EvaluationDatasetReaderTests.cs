using System.Reflection;
using ContextMemory.Evaluation;

namespace ContextMemory.Tests.Evaluation;

public sealed class EvaluationDatasetReaderTests
{
    private const string Turn1 = """{"type":"turn","conversation":"c1","id":"t1","speaker":"ann","time":"2026-01-02T10:00:00Z","text":"I keep bees."}""";
    private const string Turn2 = """{"type":"turn","conversation":"c2","id":"t2","speaker":"bob","time":"2026-01-03T10:00:00+01:00","text":"I sail."}""";
    private const string Question = """{"type":"question","conversation":"c1","question":"What hobby involves insects?","evidence":["t1"]}""";

    [Fact]
    public async Task Turns_and_questions_are_read_in_order_with_their_times_and_evidence()
    {
        var dataset = await ReadAsync(Turn1, "", Turn2, Question);

        Assert.Equal(["t1", "t2"], dataset.Turns.Select(t => t.Id));
        Assert.Equal(new DateTimeOffset(2026, 1, 3, 9, 0, 0, TimeSpan.Zero), dataset.Turns[1].Time);
        Assert.Equal(["c1", "c2"], dataset.Conversations);
        Assert.Equal(["t1"], Assert.Single(dataset.Questions).Evidence);
    }

    [Theory]
    [InlineData("{\"type\":\"turn\",", 2, "malformed JSON")]
    [InlineData("[1,2]", 2, "JSON object")]
    [InlineData("""{"type":"answer"}""", 2, "\"answer\"")]
    [InlineData("""{"type":"turn","conversation":"c1","id":"t9","speaker":"ann","time":"2026-01-02T10:00:00Z"}""", 2, "\"text\"")]
    [InlineData("""{"type":"turn","conversation":"c1","id":"t9","speaker":"ann","time":"yesterday","text":"x"}""", 2, "ISO 8601")]
    [InlineData("""{"type":"question","conversation":"c1","question":"q","evidence":[]}""", 2, "\"evidence\"")]
    [InlineData("""{"type":"question","conversation":"c1","question":"q","evidence":[3]}""", 2, "\"evidence\"")]
    [InlineData("""{"type":"question","conversation":"c1","question":"q","evidence":["t2"]}""", 2, "not a turn of conversation \"c1\"")]
    [InlineData(Turn1, 2, "used twice")]
    public async Task A_faulty_line_is_reported_by_number_and_reason(string line, int number, string reason)
    {
        var error = await Assert.ThrowsAsync<EvaluationDatasetException>(() => ReadAsync(Turn1, line, Turn2));

        Assert.Equal(number, error.LineNumber);
        Assert.StartsWith($"Line {number}: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_shipped_dataset_is_valid_and_has_the_documented_size()
    {
        var path = Path.Combine(ProjectDirectory(), "..", "..", "eval", "conversations.jsonl");

        var dataset = await EvaluationDatasetReader.ReadFileAsync(path);

        Assert.Equal(4, dataset.Conversations.Count);
        Assert.Equal(100, dataset.Turns.Count);
        Assert.Equal(60, dataset.Questions.Count);
    }

    private static Task<EvaluationDataset> ReadAsync(params string[] lines) =>
        EvaluationDatasetReader.ReadAsync(new StringReader(string.Join('\n', lines)));

    private static string ProjectDirectory() =>
        typeof(EvaluationDatasetReaderTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ProjectDirectory").Value!;
}
