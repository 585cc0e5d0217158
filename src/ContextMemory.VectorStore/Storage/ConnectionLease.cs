namespace ContextMemory.VectorStore.Storage;

/// <summary>A rented connection; disposing it returns the connection to its pool.</summary>
internal readonly struct ConnectionLease : IDisposable
{
    private readonly ConnectionPool _pool;

    public ConnectionLease(ConnectionPool pool, PooledConnection connection)
    {
        _pool = pool;
        Connection = connection;
    }

    public PooledConnection Connection { get; }

    public void Dispose() => _pool.Return(Connection);
}
