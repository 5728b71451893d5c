using System.Buffers.Binary;
using System.Text;
using VlaRosNode.Bag.Mcap;

namespace VlaRosNode.Bag.Tests;

/// <summary>Cut-off recordings and corrupt files: recovered where possible, otherwise one typed error naming file,
/// offset and reason.</summary>
public class McapFaultTests
{
    private const int PayloadSize = 200;

    /// <summary>A file of equal-sized messages in time order, plus where its chunks are.</summary>
    private static (string Path, List<ExpectedMessage> Messages, IReadOnlyList<McapChunkRef> Chunks) Recording(BagCompression compression, int chunkSize = 8 * 1024, int count = 400)
    {
        var path = Path.Combine(TestSupport.TempDir(), "rec.mcap");
        var messages = Enumerable.Range(0, count).Select(i => new ExpectedMessage(i % 2 == 0 ? "/chatter" : "/joint_states",
            SampleBags.BaseTime + i * 1000L, SampleBags.BaseTime + i * 1000L, TestSupport.Payload(i, PayloadSize))).ToList();
        SampleBags.WriteMcap(path, messages, new McapWriterOptions(compression, chunkSize));
        using var reader = McapBagReader.Open(path);
        return (path, messages, reader.Chunks.ToList());
    }

    private static void Cut(string path, long length)
    {
        using var file = new FileStream(path, FileMode.Open);
        file.SetLength(length);
    }

    private static void Patch(string path, long offset, ReadOnlySpan<byte> bytes)
    {
        using var file = new FileStream(path, FileMode.Open);
        file.Position = offset;
        file.Write(bytes);
    }

    [Test]
    public void CutInsideAnUncompressedChunkKeepsEveryCompleteMessage()
    {
        var (path, messages, chunks) = Recording(BagCompression.None);
        var last = chunks[^2]; // a full chunk (the last one may hold only a few messages)
        const int recordsStart = 9 + 8 + 8 + 8 + 4 + 4 + 8; // chunk prefix and header fields, compression ""
        const int messageRecord = 9 + 22 + PayloadSize;
        var cut = last.Offset + recordsStart + 5 * messageRecord + 100; // 5 complete messages and part of a 6th
        var messagesBefore = messages.Count(m => (ulong)m.LogTime < last.StartTime);
        Cut(path, cut);

        using var bag = BagReader.Open(path);
        SampleBags.AssertSameMessages(bag.ReadMessages(), messages.Take(messagesBefore + 5).ToList());
        var issue = bag.Issues.Single();
        Assert.That(issue.Kind, Is.EqualTo(BagIssueKind.Truncated));
        Assert.That(issue.Offset, Is.EqualTo(last.Offset));
        Assert.That(issue.Description, Does.Contain("recovered 5 complete messages"));
        var info = bag.Info();
        Assert.That(info.Incomplete, Is.True);
        Assert.That(info.MessageCount, Is.EqualTo(messagesBefore + 5));
    }

    [TestCase(BagCompression.Zstd)]
    [TestCase(BagCompression.Lz4)]
    public void CutInsideACompressedChunkKeepsWhatDecompresses(BagCompression compression)
    {
        // Large chunks so the codec has emitted several blocks before the cut.
        var (path, messages, chunks) = Recording(compression, chunkSize: 512 * 1024, count: 6000);
        var last = chunks[^1];
        var messagesBefore = messages.Count(m => (ulong)m.LogTime < last.StartTime);
        Cut(path, last.Offset + last.Length * 3 / 4);

        using var bag = BagReader.Open(path);
        var read = bag.ReadMessages().ToList();
        Assert.That(read, Has.Count.GreaterThan(messagesBefore), "complete blocks of the cut chunk are recovered");
        SampleBags.AssertSameMessages(read, messages.Take(read.Count).ToList());
        Assert.That(bag.Issues.Single().Kind, Is.EqualTo(BagIssueKind.Truncated));
    }

    [Test]
    public void FileWithoutSummaryAndFooterReadsFullyAndSaysIncomplete()
    {
        var (path, messages, _) = Recording(BagCompression.Zstd);
        var bytes = File.ReadAllBytes(path);
        var dataEnd = Array.LastIndexOf(bytes, (byte)McapOpcode.DataEnd, bytes.Length - 1);
        // DataEnd is the last record of the data section; its opcode is followed by length 4.
        while (BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(dataEnd + 1)) != 4)
            dataEnd = Array.LastIndexOf(bytes, (byte)McapOpcode.DataEnd, dataEnd - 1);
        Cut(path, dataEnd);

        using var bag = BagReader.Open(path);
        SampleBags.AssertSameMessages(bag.ReadMessages(), messages);
        Assert.That(bag.Info().Incomplete, Is.True);
        Assert.That(bag.Issues.Single().LostBytes, Is.Zero);
    }

    [Test]
    public void CutSummaryKeepsAllMessagesAndSaysIncomplete()
    {
        var (path, messages, _) = Recording(BagCompression.Lz4);
        Cut(path, new FileInfo(path).Length - 30);
        using var bag = BagReader.Open(path);
        SampleBags.AssertSameMessages(bag.ReadMessages(), messages);
        Assert.That(bag.Info().Incomplete, Is.True);
        Assert.That(bag.Issues.Single().Description, Does.Contain("summary"));
    }

    [Test]
    public void WrongMagicNamesFileAndOffset()
    {
        var (path, _, _) = Recording(BagCompression.None, count: 20);
        Patch(path, 1, "X"u8);
        var e = Assert.Throws<BagFormatException>(() => McapBagReader.Open(path));
        Assert.That((e!.File, e.Location), Is.EqualTo(("rec.mcap", "offset 0")));
        Assert.That(e.Reason, Does.Contain("magic"));
    }

    [Test]
    public void CorruptChunkCrcIsReportedAndCanBeSkipped()
    {
        var (path, messages, chunks) = Recording(BagCompression.None);
        var bad = chunks[3];
        Patch(path, bad.Offset + 100, [0xEE, 0xEE]);

        using (var reader = McapBagReader.Open(path))
        {
            var e = Assert.Throws<BagFormatException>(() => reader.ReadMessages(MessageFilter.All).ToList());
            Assert.That(e!.Location, Is.EqualTo($"offset {bad.Offset}"));
            Assert.That(e.Reason, Does.Contain("CRC mismatch"));
        }

        using var skipping = McapBagReader.Open(path, new BagReadOptions(SkipCorrupt: true));
        var expected = messages.Where(m => (ulong)m.LogTime < bad.StartTime || (ulong)m.LogTime > bad.EndTime).ToList();
        SampleBags.AssertSameMessages(skipping.ReadMessages(MessageFilter.All), expected);
        var issue = skipping.Issues.Single();
        Assert.That((issue.Kind, issue.Offset), Is.EqualTo((BagIssueKind.CorruptChunkSkipped, bad.Offset)));
    }

    [Test]
    public void UnknownCompressionIsNamed()
    {
        var (path, _, chunks) = Recording(BagCompression.Zstd, count: 50);
        // The compression string follows the chunk's fixed fields: 9 + 8 + 8 + 8 + 4 + 4 (length) bytes in.
        Patch(path, chunks[0].Offset + 41, "zzzz"u8);
        using var reader = McapBagReader.Open(path);
        var e = Assert.Throws<BagFormatException>(() => reader.ReadMessages(MessageFilter.All).ToList());
        Assert.That(e!.Reason, Does.Contain("unknown chunk compression 'zzzz'"));
        Assert.That(e.Location, Is.EqualTo($"offset {chunks[0].Offset}"));
    }

    [Test]
    public void RecordLengthPastTheEndIsNamed()
    {
        var (path, _, _) = Recording(BagCompression.None, count: 50);
        var bytes = File.ReadAllBytes(path);
        // The footer's summary_start points at the first summary record: give that record an impossible length.
        var summaryStart = (long)BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(bytes.Length - 8 - 20));
        Patch(path, summaryStart + 1, BitConverter.GetBytes(ulong.MaxValue / 2));
        var e = Assert.Throws<BagFormatException>(() => McapBagReader.Open(path, new BagReadOptions(ValidateCrcs: false)));
        Assert.That(e!.Location, Is.EqualTo($"offset {summaryStart}"));
        Assert.That(e.Reason, Does.Contain("runs past the end"));
    }

    [Test]
    public void MessageRecordPastTheEndOfItsChunkIsNamed()
    {
        var (path, _, chunks) = Recording(BagCompression.None, count: 50);
        const int firstMessageInChunk = 9 + 8 + 8 + 8 + 4 + 4 + 8;
        Patch(path, chunks[0].Offset + firstMessageInChunk + 1, BitConverter.GetBytes(1UL << 40));
        using var reader = McapBagReader.Open(path, new BagReadOptions(ValidateCrcs: false));
        var e = Assert.Throws<BagFormatException>(() => reader.ReadMessages(MessageFilter.All).ToList());
        Assert.That(e!.Location, Is.EqualTo($"offset 0 inside the records of the chunk at offset {chunks[0].Offset}"));
        Assert.That(e.Reason, Does.Contain("runs past the end of the chunk"));
    }

    [Test]
    public void SqliteFileWithoutRosbagTablesNamesTheTable()
    {
        var path = Path.Combine(TestSupport.TempDir(), "other.db3");
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE something(x INTEGER);";
            command.ExecuteNonQuery();
        }
        var e = Assert.Throws<BagFormatException>(() => BagReader.Open(path));
        Assert.That((e!.File, e.Location), Is.EqualTo(("other.db3", "table topics")));
    }

    [Test]
    public void NeitherMcapNorSqliteIsNamed()
    {
        var path = Path.Combine(TestSupport.TempDir(), "x.mcap");
        File.WriteAllText(path, "hello, not a bag");
        var e = Assert.Throws<BagFormatException>(() => BagReader.Open(path));
        Assert.That(e!.Reason, Does.Contain("wrong magic"));
        Assert.That(Encoding.UTF8.GetString(Convert.FromHexString(e.Reason.Split("first bytes ")[1].TrimEnd(')'))), Does.StartWith("hello"));
    }
}
