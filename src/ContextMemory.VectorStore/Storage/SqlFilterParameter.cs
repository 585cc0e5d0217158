namespace ContextMemory.VectorStore.Storage;

/// <summary>One bound parameter of a translated filter: its name (with the <c>$</c>) and its storage value.</summary>
/// <param name="Name">The parameter name as it appears in the SQL text, for example <c>$f0</c>.</param>
/// <param name="Value">The value in storage form (see <see cref="Storage.SqliteValueConverter"/>); <see cref="DBNull"/> for null.</param>
internal readonly record struct SqlFilterParameter(string Name, object Value);
