using Microsoft.ML.Tokenizers;

namespace ContextMemory.Embeddings.Onnx;

/// <summary>
/// BERT WordPiece tokenization as the models were trained with it (uncased: lower-cased, accents stripped, Chinese
/// characters split, punctuation split), truncated to a token budget that keeps the closing [SEP], and the plan that
/// sorts texts by length into batches so each is padded only to its own longest text.
/// </summary>
/// <remarks>Thread-safe: the tokenizer is immutable once built.</remarks>
internal sealed class TextTokenizer
{
    private readonly BertTokenizer _tokenizer;
    private readonly int _maxTokens;

    public TextTokenizer(byte[] vocabulary, int maxTokens)
    {
        using var stream = new MemoryStream(vocabulary, writable: false);
        _tokenizer = BertTokenizer.Create(stream, new BertOptions
        {
            LowerCaseBeforeTokenization = true,
            ApplyBasicTokenization = true,
            IndividuallyTokenizeCjk = true,

            // The uncased models' tokenizer strips accents ("café" -> "cafe"); without it such words become [UNK].
            RemoveNonSpacingMarks = true,

            // A text that contains "[SEP]" or "[CLS]" is text, not structure: it cannot end or restart the sequence.
            SplitOnSpecialTokens = false,
        });
        _maxTokens = maxTokens;
    }

    public int PaddingId => _tokenizer.PaddingTokenId;

    /// <summary>The token ids of <paramref name="text"/> with [CLS] and [SEP], at most the token budget.</summary>
    public IReadOnlyList<int> Encode(string text) =>
        _tokenizer.EncodeToIds(text, _maxTokens, addSpecialTokens: true, out _, out _, considerPreTokenization: true, considerNormalization: true);

    /// <summary>Tokenizes every text and cuts them, shortest first, into batches of at most <paramref name="maxBatchSize"/>.</summary>
    public List<TokenBatch> Plan(IReadOnlyList<string> texts, string prefix, int maxBatchSize)
    {
        var encoded = new (int Position, IReadOnlyList<int> Ids)[texts.Count];
        for (var i = 0; i < texts.Count; i++)
        {
            encoded[i] = (i, Encode(prefix.Length == 0 ? texts[i] : prefix + texts[i]));
        }

        // A stable sort keeps equal-length texts in input order, so a batch's content does not depend on the sort.
        var ordered = encoded.OrderBy(e => e.Ids.Count).ToArray();
        var batches = new List<TokenBatch>((ordered.Length + maxBatchSize - 1) / maxBatchSize);
        foreach (var chunk in ordered.Chunk(maxBatchSize))
        {
            batches.Add(TokenBatch.Create(chunk, PaddingId));
        }

        return batches;
    }
}
