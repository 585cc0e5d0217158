namespace ContextMemory.VectorStore.Storage;

/// <summary>
/// The text of one SQL statement, as made by the store's builders (<see cref="CollectionSql"/> for a collection's
/// tables, <see cref="StoreSql"/> for the database and its catalog). Commands are created only from this type (see
/// <see cref="StoreSql.CreateCommand"/>), so a string put together anywhere else cannot become a command.
/// </summary>
/// <remarks>The text holds identifiers derived from integer ids and ordinals, fixed SQL and parameter names; every value,
/// collection names included, is a bound parameter.</remarks>
internal readonly record struct SqlText
{
    /// <summary>Wraps builder-made text; called only by <see cref="CollectionSql"/> and <see cref="StoreSql"/>.</summary>
    internal SqlText(string text) => Text = text;

    /// <summary>The statement text.</summary>
    public string Text { get; }

    /// <inheritdoc />
    public override string ToString() => Text;
}
