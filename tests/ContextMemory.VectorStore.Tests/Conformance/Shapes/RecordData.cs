namespace ContextMemory.VectorStore.Tests.Conformance.Shapes;

/// <summary>The data values of a record, comparable by value.</summary>
public sealed record RecordData(string Category, int Number, double Weight, string Tags, string Text)
{
    public static RecordData Of(Sample sample) =>
        new(sample.Category, sample.Number, sample.Weight, string.Join('|', sample.Tags), sample.Text);
}
