namespace VlaRosNode.Policy.Retrieval;

/// <summary>One search result: the entry's index in its collection and its cosine similarity to the query.</summary>
public readonly record struct RetrievalHit(int Entry, float Similarity);
