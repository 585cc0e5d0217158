using ContextMemory.VectorStore.Tests.Conformance.Shapes;

namespace ContextMemory.VectorStore.Tests.Conformance;

// The conformance matrix: every index kind with every record shape (typed records keyed by long, int, string and
// Guid, and dynamic dictionary records, whose key type varies by index kind). The tests themselves are in ConformanceTests<TKey, TRecord>.

public sealed class Flat_LongKeys() : ConformanceTests<long, ConformanceRecord<long>>(new TypedShape<long>(), IndexKindCase.Flat);

public sealed class Flat_IntKeys() : ConformanceTests<int, ConformanceRecord<int>>(new TypedShape<int>(), IndexKindCase.Flat);

public sealed class Flat_StringKeys() : ConformanceTests<string, ConformanceRecord<string>>(new TypedShape<string>(), IndexKindCase.Flat);

public sealed class Flat_GuidKeys() : ConformanceTests<Guid, ConformanceRecord<Guid>>(new TypedShape<Guid>(), IndexKindCase.Flat);

public sealed class Flat_DynamicRecords() : ConformanceTests<object, Dictionary<string, object?>>(new DynamicShape(typeof(long)), IndexKindCase.Flat);

public sealed class Hnsw_LongKeys() : ConformanceTests<long, ConformanceRecord<long>>(new TypedShape<long>(), IndexKindCase.Hnsw);

public sealed class Hnsw_IntKeys() : ConformanceTests<int, ConformanceRecord<int>>(new TypedShape<int>(), IndexKindCase.Hnsw);

public sealed class Hnsw_StringKeys() : ConformanceTests<string, ConformanceRecord<string>>(new TypedShape<string>(), IndexKindCase.Hnsw);

public sealed class Hnsw_GuidKeys() : ConformanceTests<Guid, ConformanceRecord<Guid>>(new TypedShape<Guid>(), IndexKindCase.Hnsw);

public sealed class Hnsw_DynamicRecords() : ConformanceTests<object, Dictionary<string, object?>>(new DynamicShape(typeof(string)), IndexKindCase.Hnsw);

public sealed class IvfFlat_LongKeys() : ConformanceTests<long, ConformanceRecord<long>>(new TypedShape<long>(), IndexKindCase.IvfFlat);

public sealed class IvfFlat_IntKeys() : ConformanceTests<int, ConformanceRecord<int>>(new TypedShape<int>(), IndexKindCase.IvfFlat);

public sealed class IvfFlat_StringKeys() : ConformanceTests<string, ConformanceRecord<string>>(new TypedShape<string>(), IndexKindCase.IvfFlat);

public sealed class IvfFlat_GuidKeys() : ConformanceTests<Guid, ConformanceRecord<Guid>>(new TypedShape<Guid>(), IndexKindCase.IvfFlat);

public sealed class IvfFlat_DynamicRecords() : ConformanceTests<object, Dictionary<string, object?>>(new DynamicShape(typeof(Guid)), IndexKindCase.IvfFlat);

public sealed class QuantizedFlat_LongKeys() : ConformanceTests<long, ConformanceRecord<long>>(new TypedShape<long>(), IndexKindCase.QuantizedFlat);

public sealed class QuantizedFlat_IntKeys() : ConformanceTests<int, ConformanceRecord<int>>(new TypedShape<int>(), IndexKindCase.QuantizedFlat);

public sealed class QuantizedFlat_StringKeys() : ConformanceTests<string, ConformanceRecord<string>>(new TypedShape<string>(), IndexKindCase.QuantizedFlat);

public sealed class QuantizedFlat_GuidKeys() : ConformanceTests<Guid, ConformanceRecord<Guid>>(new TypedShape<Guid>(), IndexKindCase.QuantizedFlat);

public sealed class QuantizedFlat_DynamicRecords() : ConformanceTests<object, Dictionary<string, object?>>(new DynamicShape(typeof(int)), IndexKindCase.QuantizedFlat);

public sealed class Dynamic_LongKeys() : ConformanceTests<long, ConformanceRecord<long>>(new TypedShape<long>(), IndexKindCase.Dynamic);

public sealed class Dynamic_IntKeys() : ConformanceTests<int, ConformanceRecord<int>>(new TypedShape<int>(), IndexKindCase.Dynamic);

public sealed class Dynamic_StringKeys() : ConformanceTests<string, ConformanceRecord<string>>(new TypedShape<string>(), IndexKindCase.Dynamic);

public sealed class Dynamic_GuidKeys() : ConformanceTests<Guid, ConformanceRecord<Guid>>(new TypedShape<Guid>(), IndexKindCase.Dynamic);

public sealed class Dynamic_DynamicRecords() : ConformanceTests<object, Dictionary<string, object?>>(new DynamicShape(typeof(Guid)), IndexKindCase.Dynamic);

public sealed class FaissFactoryHnsw16_LongKeys() : ConformanceTests<long, ConformanceRecord<long>>(new TypedShape<long>(), IndexKindCase.FactoryHnsw16);

public sealed class FaissFactoryHnsw16_IntKeys() : ConformanceTests<int, ConformanceRecord<int>>(new TypedShape<int>(), IndexKindCase.FactoryHnsw16);

public sealed class FaissFactoryHnsw16_StringKeys() : ConformanceTests<string, ConformanceRecord<string>>(new TypedShape<string>(), IndexKindCase.FactoryHnsw16);

public sealed class FaissFactoryHnsw16_GuidKeys() : ConformanceTests<Guid, ConformanceRecord<Guid>>(new TypedShape<Guid>(), IndexKindCase.FactoryHnsw16);

public sealed class FaissFactoryHnsw16_DynamicRecords() : ConformanceTests<object, Dictionary<string, object?>>(new DynamicShape(typeof(long)), IndexKindCase.FactoryHnsw16);
