using VlaRosNode.Policy.Retrieval;

namespace VlaRosNode.Policy.Tests;

/// <summary>Datastore search against brute force, the visual key, and the file format (round trip and fuzzed loader).</summary>
public class DatastoreTests
{
    private static ActionDatastore RandomStore(int seed, int entriesPerCollection = 200)
    {
        var rng = new Random(seed);
        var store = new ActionDatastore(24, 7);
        var key = new float[24];
        foreach (var instruction in new[] { "Pick up the red cube", "open the  DRAWER" })
            for (var e = 0; e < entriesPerCollection; e++)
            {
                for (var i = 0; i < key.Length; i++)
                    key[i] = (float)(rng.NextDouble() * 2 - 1);
                var steps = 1 + rng.Next(4);
                var actions = Enumerable.Range(0, 7 * steps).Select(_ => 31744 + rng.Next(256)).ToArray();
                store.Collection(instruction).Add(key, actions, e / 50, e % 50);
            }
        return store;
    }

    [TestCase(1)]
    [TestCase(5)]
    [TestCase(17)]
    public void Top_k_equals_brute_force(int k)
    {
        var store = RandomStore(3);
        var collection = store.Find("pick up the red cube")!;
        var rng = new Random(4);
        var query = new float[24];
        var hits = new RetrievalHit[k];
        for (var trial = 0; trial < 50; trial++)
        {
            for (var i = 0; i < query.Length; i++)
                query[i] = (float)(rng.NextDouble() * 2 - 1);
            VisualEmbedding.Normalize(query);
            var found = collection.Search(query, hits);
            var expected = Enumerable.Range(0, collection.Count)
                .Select(e => (Entry: e, Cosine: CosineInDouble(query, collection.Key(e).ToArray())))
                .OrderByDescending(x => x.Cosine).ThenBy(x => x.Entry).Take(k).ToArray();
            Assert.That(found, Is.EqualTo(k));
            Assert.That(hits.Select(h => h.Entry), Is.EqualTo(expected.Select(x => x.Entry)), $"trial {trial}");
            Assert.That(hits.Select(h => (double)h.Similarity), Is.EqualTo(expected.Select(x => x.Cosine)).Within(1e-5));
        }
    }

    private static double CosineInDouble(float[] a, float[] b)
    {
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += (double)a[i] * b[i];
            na += (double)a[i] * a[i];
            nb += (double)b[i] * b[i];
        }
        return dot / Math.Sqrt(na * nb);
    }

    [Test]
    public void Search_returns_fewer_hits_than_k_in_a_small_collection()
    {
        var store = RandomStore(5, entriesPerCollection: 3);
        var hits = new RetrievalHit[5];
        Assert.That(store.Find("pick up the red cube")!.Search(store.Find("pick up the red cube")!.Key(1), hits), Is.EqualTo(3));
        Assert.That(hits[0].Entry, Is.EqualTo(1));
        Assert.That(hits[0].Similarity, Is.EqualTo(1f).Within(1e-6f));
    }

    [Test]
    public void Instruction_selects_its_collection_regardless_of_case_and_spacing()
    {
        var store = RandomStore(6, entriesPerCollection: 2);
        Assert.That(store.Find("  Open the drawer "), Is.SameAs(store.Find("open the  DRAWER")));
        Assert.That(store.Find("open the drawer")!.Name, Is.EqualTo("open the drawer"));
        Assert.That(store.Find("close the drawer"), Is.Null);
    }

    [Test]
    public void Short_episode_tails_are_padded_with_their_last_action()
    {
        var store = new ActionDatastore(2, 7);
        var collection = store.Collection("open the drawer");
        int[] only = [1, 2, 3, 4, 5, 6, 7];
        collection.Add([3f, 4f], only, 0, 9);
        Assert.That(collection.Info(0), Is.EqualTo(new DatastoreEntryInfo(0, 9, 1)));
        Assert.That(collection.Actions(0, 3).ToArray(), Is.EqualTo(only));
        Assert.That(collection.Key(0).ToArray(), Is.EqualTo(new[] { 0.6f, 0.8f }));
    }

    [Test]
    public void Visual_key_pools_each_camera_and_is_a_unit_vector()
    {
        // 2 cameras x 2 tokens x hidden 2: camera 0 tokens (1, 0) and (3, 0); camera 1 tokens (0, 2) and (0, 2).
        float[] tokens = [1, 0, 3, 0, 0, 2, 0, 2];
        var key = new float[4];
        VisualEmbedding.Pool(tokens, 2, key);
        var norm = Math.Sqrt(4 * 4 + 4 * 4);
        Assert.That(key, Is.EqualTo(new[] { (float)(4 / norm), 0f, 0f, (float)(4 / norm) }).Within(1e-6f));
    }

    [Test]
    public void File_round_trip_keeps_every_entry_bit_for_bit()
    {
        var store = RandomStore(7, entriesPerCollection: 30);
        var path = Path.Combine(Path.GetTempPath(), $"ds-{Guid.NewGuid():N}.vds");
        try
        {
            DatastoreFile.Save(store, path);
            var loaded = DatastoreFile.Load(path);
            Assert.That(loaded.Collections.Select(c => c.Name), Is.EquivalentTo(store.Collections.Select(c => c.Name)));
            foreach (var original in store.Collections)
            {
                var copy = loaded.Find(original.Name)!;
                Assert.That(copy.Count, Is.EqualTo(original.Count));
                for (var e = 0; e < original.Count; e++)
                {
                    Assert.That(copy.Key(e).ToArray(), Is.EqualTo(original.Key(e).ToArray()));
                    Assert.That(copy.Info(e), Is.EqualTo(original.Info(e)));
                    for (var ahead = 0; ahead < 4; ahead++)
                        Assert.That(copy.Actions(e, ahead).ToArray(), Is.EqualTo(original.Actions(e, ahead).ToArray()));
                }
            }
            Assert.That(DatastoreFile.Write(loaded), Is.EqualTo(File.ReadAllBytes(path)));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void Mutated_files_fail_only_with_DatastoreFormatException()
    {
        var valid = DatastoreFile.Write(RandomStore(8, entriesPerCollection: 4));
        var rng = Fuzz.Random(9);
        int rejected = 0, rejectedPastChecksum = 0;
        for (var i = 0; i < Fuzz.Cases(4000); i++)
        {
            var mutated = Mutate(valid, rng);
            var fixChecksum = i % 2 == 0; // half keep a valid CRC so the structural checks are reached
            if (fixChecksum && mutated.Length >= 4)
                BitConverter.GetBytes(System.IO.Hashing.Crc32.HashToUInt32(mutated.AsSpan(0, mutated.Length - 4))).CopyTo(mutated, mutated.Length - 4);
            try
            {
                DatastoreFile.Read(mutated, "fuzz");
            }
            catch (DatastoreFormatException e)
            {
                Assert.That(e.Message, Does.StartWith("datastore 'fuzz' at byte "));
                Assert.That(e.Offset, Is.InRange(0, mutated.Length));
                rejected++;
                if (fixChecksum && !e.Problem.Contains("CRC"))
                    rejectedPastChecksum++;
            }
        }
        Assert.That(rejected, Is.GreaterThan(2000));
        Assert.That(rejectedPastChecksum, Is.GreaterThan(300), "mutations with a valid CRC must hit the structural checks");
    }

    private static byte[] Mutate(byte[] valid, Random rng)
    {
        var bytes = valid.ToList();
        var edits = 1 + rng.Next(3);
        for (var e = 0; e < edits && bytes.Count > 0; e++)
        {
            var at = rng.Next(bytes.Count);
            switch (rng.Next(6))
            {
                case 0: bytes[at] ^= (byte)(1 << rng.Next(8)); break;
                case 1: bytes[at] = (byte)rng.Next(256); break;
                case 2: bytes.RemoveRange(at, Math.Min(bytes.Count - at, 1 + rng.Next(8))); break;
                case 3: bytes.InsertRange(at, Enumerable.Range(0, 1 + rng.Next(8)).Select(_ => (byte)rng.Next(256))); break;
                case 4: bytes.RemoveRange(at, bytes.Count - at); break;
                default: // a plausible but wrong u32 at a 4-byte boundary (counts, dimensions, steps)
                    var word = at & ~3;
                    if (word + 4 <= bytes.Count)
                    {
                        var value = BitConverter.GetBytes(rng.Next(3) switch { 0 => 0u, 1 => uint.MaxValue, _ => (uint)rng.Next(1, 100) });
                        for (var b = 0; b < 4; b++)
                            bytes[word + b] = value[b];
                    }
                    break;
            }
        }
        return bytes.ToArray();
    }

    [Test]
    public void Missing_magic_and_wrong_checksum_are_named()
    {
        Assert.That(() => DatastoreFile.Read("not a datastore at all"u8, "x.vds"),
            Throws.TypeOf<DatastoreFormatException>().With.Message.Contains("magic"));
        var valid = DatastoreFile.Write(RandomStore(10, entriesPerCollection: 1));
        valid[20] ^= 1;
        Assert.That(() => DatastoreFile.Read(valid, "x.vds"),
            Throws.TypeOf<DatastoreFormatException>().With.Message.Contains("CRC-32"));
    }
}
