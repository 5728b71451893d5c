using System.Runtime.Intrinsics.X86;
using VlaRosNode.Policy.Retrieval;

namespace VlaRosNode.Policy.Tests;

/// <summary>The datastore's int8 first pass (<see cref="QuantizedKeys"/>): its bound holds, its kernels agree, and the
/// search it prunes returns exactly the hits of scoring every entry, near-ties and exact ties included.</summary>
public sealed class BoundedSearchTests
{
    private const int Dimension = 384;

    /// <summary>40 directions, 30 entries near each (some exact copies, so similarities tie), unit keys.</summary>
    private static DatastoreCollection ClusteredCollection(int seed, out List<float[]> directions)
    {
        var rng = new Random(seed);
        var store = new ActionDatastore(Dimension, 7);
        var collection = store.Collection("pick up the red cube");
        directions = [];
        var actions = new int[7];
        for (var d = 0; d < 40; d++)
        {
            var direction = RandomVector(rng, 1f);
            directions.Add(direction);
            for (var e = 0; e < 30; e++)
            {
                var key = e % 10 == 9 ? direction : direction.Zip(RandomVector(rng, 0.01f), (a, b) => a + b).ToArray();
                collection.Add(key, actions, d, e);
            }
        }
        return collection;
    }

    private static float[] RandomVector(Random rng, float scale) =>
        Enumerable.Range(0, Dimension).Select(_ => (float)(rng.NextDouble() * 2 - 1) * scale).ToArray();

    [TestCase(1)]
    [TestCase(5)]
    [TestCase(40)]
    public void Bounded_search_returns_the_hits_of_scoring_every_entry(int k)
    {
        var collection = ClusteredCollection(7, out var directions);
        var rng = new Random(8);
        var (bounded, exact) = (new RetrievalHit[k], new RetrievalHit[k]);
        for (var trial = 0; trial < 60; trial++)
        {
            var query = directions[trial % directions.Count].Zip(RandomVector(rng, trial % 3 * 0.01f), (a, b) => a + b).ToArray();
            VisualEmbedding.Normalize(query);
            Assert.That(collection.SearchBounded(query, bounded), Is.EqualTo(collection.SearchExact(query, exact)));
            Assert.That(bounded, Is.EqualTo(exact), $"trial {trial}: entries and similarities, in order");
        }
    }

    [Test]
    public void The_bound_holds_for_spread_and_spiky_vectors()
    {
        var rng = new Random(9);
        var codes = new sbyte[Dimension];
        for (var trial = 0; trial < 300; trial++)
        {
            var (query, key) = (RandomVector(rng, 1f), RandomVector(rng, 1f));
            if (trial % 2 == 1)
                key[rng.Next(Dimension)] = 40f; // one large component: the others are coded coarsely
            if (trial % 3 == 2)
                key = query.Zip(RandomVector(rng, 0.001f), (a, b) => a + b).ToArray(); // nearly the query
            VisualEmbedding.Normalize(query);
            VisualEmbedding.Normalize(key);
            var keys = new QuantizedKeys(Dimension);
            keys.CatchUp(key);
            var (inverse, _, error) = QuantizedKeys.Code(query, codes);
            var (approximate, upper) = (new float[1], new float[1]);
            keys.Approximate(codes, inverse, 1f, error, approximate, upper);
            var exact = query.Zip(key, (a, b) => (double)a * b).Sum();
            var margin = upper[0] - approximate[0];
            Assert.That(exact, Is.InRange(approximate[0] - margin, (double)upper[0]), $"trial {trial}");
            Assert.That(margin, Is.LessThan(0.05f), "a bound loose enough to prune nothing would be useless");
        }
    }

    [TestCase(384)]
    [TestCase(100)]
    [TestCase(31)]
    [TestCase(0)]
    public void Int8_kernels_agree_with_the_scalar_sum(int length)
    {
        var rng = new Random(length);
        var a = Enumerable.Range(0, length).Select(_ => (sbyte)rng.Next(-127, 128)).ToArray();
        var b = Enumerable.Range(0, length).Select(_ => (sbyte)rng.Next(-127, 128)).ToArray();
        var expected = a.Zip(b, (x, y) => x * y).Sum();
        Assert.That(QuantizedKeys.Dot(a, b), Is.EqualTo(expected));
        if (Avx512BW.IsSupported)
            Assert.That(QuantizedKeys.DotAvx512(a, b), Is.EqualTo(expected), "AVX-512BW");
        if (Avx2.IsSupported)
            Assert.That(QuantizedKeys.DotAvx2(a, b), Is.EqualTo(expected), "AVX2");
    }

    [Test]
    public void Entries_added_after_a_search_are_searched()
    {
        var collection = ClusteredCollection(10, out _);
        var hits = new RetrievalHit[1];
        var query = RandomVector(new Random(11), 1f);
        VisualEmbedding.Normalize(query);
        collection.SearchBounded(query, hits);
        Assert.That(hits[0].Similarity, Is.LessThan(0.5f));
        collection.Add(query, new int[7], 99, 0);
        collection.SearchBounded(query, hits);
        Assert.That(hits[0].Entry, Is.EqualTo(collection.Count - 1));
        Assert.That(hits[0].Similarity, Is.EqualTo(1f).Within(1e-6f));
    }
}
