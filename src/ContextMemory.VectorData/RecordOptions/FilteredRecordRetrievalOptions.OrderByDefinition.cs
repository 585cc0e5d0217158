using System.Linq.Expressions;

namespace ContextMemory.VectorData;

public sealed partial class FilteredRecordRetrievalOptions<TRecord>
{
    /// <summary>
    /// Builds an ordering as a chain of sort keys, the first being the primary one.
    /// </summary>
    /// <remarks>
    /// Deliberately not a collection type, so that LINQ operators are not offered on it. Not thread-safe.
    /// </remarks>
#pragma warning disable CA1034 // Nested to mirror the established vector store API.
    public sealed class OrderByDefinition
#pragma warning restore CA1034
    {
        private readonly List<SortInfo> _values = [];

        /// <summary>
        /// Gets the sort keys in the order they were added. Providers read this to build their query.
        /// </summary>
        public IReadOnlyList<SortInfo> Values => _values;

        /// <summary>
        /// Adds an ascending sort key.
        /// </summary>
        /// <param name="propertySelector">The data or key property to sort by, for example <c>r =&gt; r.Title</c>.</param>
        /// <returns>This definition, for chaining.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="propertySelector"/> is <see langword="null"/>.</exception>
        public OrderByDefinition Ascending(Expression<Func<TRecord, object?>> propertySelector)
        {
            ArgumentNullException.ThrowIfNull(propertySelector);
            _values.Add(new SortInfo(propertySelector, isAscending: true));
            return this;
        }

        /// <summary>
        /// Adds a descending sort key.
        /// </summary>
        /// <param name="propertySelector">The data or key property to sort by, for example <c>r =&gt; r.CreatedAt</c>.</param>
        /// <returns>This definition, for chaining.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="propertySelector"/> is <see langword="null"/>.</exception>
        public OrderByDefinition Descending(Expression<Func<TRecord, object?>> propertySelector)
        {
            ArgumentNullException.ThrowIfNull(propertySelector);
            _values.Add(new SortInfo(propertySelector, isAscending: false));
            return this;
        }

        /// <summary>
        /// One sort key: a property and a direction.
        /// </summary>
        public sealed class SortInfo
        {
            internal SortInfo(Expression<Func<TRecord, object?>> propertySelector, bool isAscending)
            {
                PropertySelector = propertySelector;
                Ascending = isAscending;
            }

            /// <summary>
            /// Gets the selector of the property to sort by.
            /// </summary>
            public Expression<Func<TRecord, object?>> PropertySelector { get; }

            /// <summary>
            /// Gets whether the sort is ascending (<see langword="true"/>) or descending (<see langword="false"/>).
            /// </summary>
            public bool Ascending { get; }
        }
    }
}
