namespace ContextMemory.Evaluation;

/// <summary>An evaluation dataset is malformed; the message names the line (1-based) and what is wrong with it.</summary>
public sealed class EvaluationDatasetException : FormatException
{
    /// <summary>Creates the exception.</summary>
    public EvaluationDatasetException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public EvaluationDatasetException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public EvaluationDatasetException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The 1-based line of the dataset at fault (0 when the fault is not on one line).</summary>
    public int LineNumber { get; init; }
}
