using System.Linq.Expressions;
using ContextMemory.VectorStore.Failures;
using ContextMemory.VectorStore.Filters;
using ContextMemory.VectorStore.Tests.DependencyInjection;
using ContextMemory.VectorStore.Tests.Support;

namespace ContextMemory.VectorStore.Tests.Filters;

/// <summary>
/// Filters nested deeper than the store can run are refused up front with NotSupportedException naming the limit, on
/// every entry point, without recursing through them (a 200,000-level filter must not overflow the stack); filters at
/// the limit still run in SQLite and give LINQ's answer.
/// </summary>
public sealed class DeepFilterTests : IAsyncLifetime, IDisposable
{
    private const int Records = 600;
    private readonly TempStore _temp = new();
    private FaissCollection<int, ServiceRecord> _collection = null!;

    public async Task InitializeAsync()
    {
        _collection = _temp.Store.GetCollection<int, ServiceRecord>("deep", new FaissCollectionOptions());
        await _collection.EnsureCollectionExistsAsync();
        await _collection.UpsertAsync(Enumerable.Range(1, Records).Select(i => new ServiceRecord
        {
            Id = i,
            Text = "text " + i,
            Vector = new float[] { 1, i, 0, 0 },
        }));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _temp.Dispose();

    public static TheoryData<string, int> Hostile => new()
    {
        { "right-nested or", 20_000 },
        { "left chain", 50_000 },
        { "nested not", 200_000 },
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task A_hostile_deep_filter_is_refused_naming_the_limit_on_every_entry_point(string shape, int size)
    {
        var filter = Build(shape, size);

        AssertTooDeep(await Assert.ThrowsAsync<NotSupportedException>(() => _collection.GetAsync(filter, 10).ToListAsync().AsTask()));
        AssertTooDeep(await Assert.ThrowsAsync<NotSupportedException>(() =>
            _collection.SearchAsync(new float[] { 1, 1, 0, 0 }, 5, new() { Filter = filter }).ToListAsync().AsTask()));
        AssertTooDeep(await Assert.ThrowsAsync<NotSupportedException>(() =>
            _collection.HybridSearchAsync(new float[] { 1, 1, 0, 0 }, ["text"], 5, new() { Filter = filter }).ToListAsync().AsTask()));
        AssertTooDeep(await Assert.ThrowsAsync<NotSupportedException>(() => _collection.DeleteAsync(filter)));
        Assert.Equal(Records, await _collection.GetAsync(r => r.Id > 0, Records + 1).CountAsync());
    }

    [Theory]
    [InlineData("right-nested or")]
    [InlineData("left chain")]
    [InlineData("nested not")]
    public async Task A_filter_at_the_limit_runs_and_one_level_more_is_refused(string shape)
    {
        var size = SizeAtLimit(shape);
        var atLimit = Build(shape, size);
        Assert.Equal(FilterDepth.MaxDepth, Depth(atLimit.Body));

        var expected = Enumerable.Range(1, Records).Where(i => atLimit.Compile()(new ServiceRecord { Id = i })).ToList();
        var found = await _collection.GetAsync(atLimit, Records + 1).Select(r => r.Id).ToListAsync();

        Assert.NotEmpty(expected);
        Assert.Equal(expected, found.Order());
        AssertTooDeep(await Assert.ThrowsAsync<NotSupportedException>(() => _collection.GetAsync(Build(shape, size + 1), 10).ToListAsync().AsTask()));
    }

    [Fact]
    public async Task A_deep_filter_is_refused_on_a_thread_with_a_small_stack()
    {
        Exception? error = null;
        var filter = Build("nested not", 200_000);
        var thread = new Thread(() => error = Record.Exception(() => _collection.GetAsync(filter, 1).ToListAsync().AsTask().GetAwaiter().GetResult()), 256 * 1024);
        thread.Start();
        thread.Join();

        AssertTooDeep(Assert.IsType<NotSupportedException>(error));
        await Task.CompletedTask;
    }

    private static void AssertTooDeep(Exception error) =>
        Assert.Equal(VectorStoreErrors.FilterTooDeep(FilterDepth.MaxDepth), error.Message);

    /// <summary>A right-nested chain of n comparisons nests n + 2 deep (the last comparison, its member, the parameter); n nots nest n + 3.</summary>
    private static int SizeAtLimit(string shape) => shape == "nested not" ? FilterDepth.MaxDepth - 3 : FilterDepth.MaxDepth - 2;

    private static Expression<Func<ServiceRecord, bool>> Build(string shape, int size)
    {
        var record = Expression.Parameter(typeof(ServiceRecord), "r");
        var id = Expression.Property(record, nameof(ServiceRecord.Id));
        Expression Is(int value) => Expression.Equal(id, Expression.Constant(value));
        Expression body;
        switch (shape)
        {
            case "right-nested or":
                body = Is(size);
                for (var i = size - 1; i >= 1; i--)
                {
                    body = Expression.OrElse(Is(i), body);
                }

                break;
            case "left chain":
                body = Is(1);
                for (var i = 2; i <= size; i++)
                {
                    body = i % 3 == 0 ? Expression.AndAlso(body, Expression.NotEqual(id, Expression.Constant(i))) : Expression.OrElse(body, Is(i));
                }

                break;
            default:
                body = Expression.LessThan(id, Expression.Constant(100));
                for (var i = 0; i < size; i++)
                {
                    body = Expression.Not(body);
                }

                break;
        }

        return Expression.Lambda<Func<ServiceRecord, bool>>(body, record);
    }

    /// <summary>The nesting depth, counted iteratively (the filters here are too deep for recursion).</summary>
    private static int Depth(Expression root)
    {
        var deepest = 0;
        var pending = new Stack<(Expression Node, int Depth)>([(root, 1)]);
        while (pending.TryPop(out var current))
        {
            deepest = Math.Max(deepest, current.Depth);
            IEnumerable<Expression?> children = current.Node switch
            {
                BinaryExpression b => [b.Left, b.Right],
                UnaryExpression u => [u.Operand],
                MemberExpression m => [m.Expression],
                _ => [],
            };
            foreach (var child in children.OfType<Expression>())
            {
                pending.Push((child, current.Depth + 1));
            }
        }

        return deepest;
    }
}
