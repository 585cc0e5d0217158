using Microsoft.ML.OnnxRuntime;

namespace ContextMemory.Embeddings.Onnx;

/// <summary>One ONNX Runtime session over a model: runs a padded batch and pools its hidden states.</summary>
/// <remarks>
/// <see cref="InferenceSession.Run(RunOptions, IReadOnlyCollection{string}, IReadOnlyCollection{OrtValue}, IReadOnlyCollection{string})"/>
/// is thread-safe, so several batches may run on one session at once.
/// </remarks>
internal sealed class OnnxEncoder : IDisposable
{
    private static readonly string[] InputNames = ["input_ids", "attention_mask", "token_type_ids"];
    private static readonly string[] OutputNames = ["last_hidden_state"];

    private readonly InferenceSession _session;
    private readonly ModelDescriptor _model;
    private readonly bool _normalize;

    public OnnxEncoder(ModelDescriptor model, int intraOpThreads, bool normalize)
    {
        _model = model;
        _normalize = normalize;
        using var options = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            IntraOpNumThreads = intraOpThreads == 0 ? Environment.ProcessorCount : intraOpThreads,
            InterOpNumThreads = 1,
        };
        _session = new InferenceSession(EmbeddedModelFiles.ReadModel(model), options);
    }

    /// <summary>Embeds one batch; a cancellation during the run stops ONNX Runtime at its next operator.</summary>
    public float[][] Encode(TokenBatch batch, CancellationToken cancellationToken)
    {
        long[] shape = [batch.Rows, batch.Tokens];
        using var ids = OrtValue.CreateTensorValueFromMemory(batch.Ids, shape);
        using var mask = OrtValue.CreateTensorValueFromMemory(batch.Mask, shape);
        using var types = OrtValue.CreateTensorValueFromMemory(batch.TypeIds, shape);
        using var runOptions = new RunOptions();
        using var registration = cancellationToken.Register(static state => ((RunOptions)state!).Terminate = true, runOptions);
        IDisposableReadOnlyCollection<OrtValue> outputs;
        try
        {
            outputs = _session.Run(runOptions, InputNames, [ids, mask, types], OutputNames);
        }
        catch (OnnxRuntimeException) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancellationToken);
        }

        using (outputs)
        {
            return Pool(outputs[0], batch);
        }
    }

    private float[][] Pool(OrtValue output, TokenBatch batch)
    {
        var shape = output.GetTensorTypeAndShape().Shape;
        if (shape.Length != 3 || shape[0] != batch.Rows || shape[1] != batch.Tokens || shape[2] != _model.Dimensions)
        {
            throw new InvalidOperationException(OnnxEmbeddingErrors.UnexpectedOutputShape(string.Join(", ", shape)));
        }

        var hidden = output.GetTensorDataAsSpan<float>();
        var vectors = new float[batch.Rows][];
        for (var row = 0; row < batch.Rows; row++)
        {
            vectors[row] = Pooling.Pool(hidden, batch, row, _model.Dimensions, _model.Pooling, _normalize);
        }

        return vectors;
    }

    public void Dispose() => _session.Dispose();
}
