namespace ContextMemory.Evaluation;

/// <summary>A clock stopped at one instant: every configuration sees the same "now", so recency is reproducible.</summary>
internal sealed class EvaluationClock : TimeProvider
{
    private readonly DateTimeOffset _now;

    public EvaluationClock(DateTimeOffset now) => _now = now;

    public override DateTimeOffset GetUtcNow() => _now;
}
