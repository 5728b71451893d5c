using Microsoft.Data.Sqlite;
using VlaRosNode.Bag.Metadata;

namespace VlaRosNode.Bag.Sqlite;

/// <summary>Reads a rosbag2 sqlite3 file. The schema (Humble, Jazzy, or older without QoS) is detected from the
/// tables and columns present. Every database error becomes a <see cref="BagFormatException"/> naming the table.</summary>
public sealed class SqliteBagReader : IBagStorageReader
{
    private readonly SqliteConnection _connection;
    private readonly string _name;
    private readonly Dictionary<long, TopicMetadata> _topics = [];
    private StorageSummary? _summary;

    private SqliteBagReader(string path)
    {
        FilePath = path;
        _name = Path.GetFileName(path);
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        try
        {
            Guard("database header", () => _connection.Open());
            var tables = Guard("sqlite_master", () => Strings("SELECT name FROM sqlite_master WHERE type = 'table';"));
            foreach (var required in new[] { "topics", "messages" })
                if (!tables.Contains(required))
                    throw new BagFormatException(_name, $"table {required}", "missing: not a rosbag2 sqlite3 bag");
            var topicColumns = Guard("table topics", () => Strings("SELECT name FROM pragma_table_info('topics');"));
            Schema = topicColumns.Contains("type_description_hash") ? SqliteSchemaVersion.Jazzy : SqliteSchemaVersion.Humble;
            var definitions = tables.Contains("message_definitions") ? ReadDefinitions() : [];
            Guard("table topics", () => ReadTopics(topicColumns, definitions));
            EmbeddedMetadataYaml = tables.Contains("metadata")
                ? Guard("table metadata", () => Strings("SELECT metadata FROM metadata ORDER BY id DESC LIMIT 1;").FirstOrDefault())
                : null;
        }
        catch
        {
            _connection.Dispose();
            throw;
        }
    }

    public static SqliteBagReader Open(string path) => new(path);

    public string FilePath { get; }

    public string StorageIdentifier => "sqlite3";

    public SqliteSchemaVersion Schema { get; }

    public IReadOnlyList<TopicMetadata> Topics => _topics.OrderBy(kv => kv.Key).Select(kv => kv.Value).ToList();

    public IReadOnlyList<BagIssue> Issues => [];

    public string? EmbeddedMetadataYaml { get; }

    public StorageSummary Summary => _summary ??= Guard("table messages", ReadSummary);

    public IEnumerable<BagMessage> ReadMessages(MessageFilter filter)
    {
        var ids = _topics.Where(kv => filter.IncludesTopic(kv.Value.Name)).Select(kv => kv.Key).ToList();
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT topic_id, timestamp, data FROM messages WHERE timestamp >= $s AND timestamp <= $e" +
                              (filter.Topics is null ? "" : $" AND topic_id IN ({string.Join(',', ids)})") + " ORDER BY timestamp, id;";
        command.Parameters.AddWithValue("$s", filter.StartTime);
        command.Parameters.AddWithValue("$e", filter.EndTime);
        using var reader = Guard("table messages", command.ExecuteReader);
        while (true)
        {
            BagMessage message;
            try
            {
                if (!reader.Read())
                    break;
                var topicId = reader.GetInt64(0);
                if (!_topics.TryGetValue(topicId, out var topic))
                    throw new BagFormatException(_name, "table messages", $"message refers to topic_id {topicId}, which table topics does not have");
                var time = reader.GetInt64(1);
                message = new BagMessage(topic, time, time, reader.IsDBNull(2) ? Array.Empty<byte>() : (byte[])reader.GetValue(2));
            }
            catch (Exception e) when (IsDatabaseError(e))
            {
                throw new BagFormatException(_name, "table messages", e.Message, e);
            }
            yield return message;
        }
    }

    private Dictionary<string, MessageDefinition> ReadDefinitions() => Guard("table message_definitions", () =>
    {
        var definitions = new Dictionary<string, MessageDefinition>();
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT topic_type, encoding, encoded_message_definition FROM message_definitions;";
        using var reader = command.ExecuteReader();
        while (reader.Read())
            definitions.TryAdd(reader.GetString(0), new MessageDefinition(reader.GetString(1), reader.GetString(2)));
        return definitions;
    });

    private void ReadTopics(IReadOnlySet<string> columns, Dictionary<string, MessageDefinition> definitions)
    {
        var qos = columns.Contains("offered_qos_profiles") ? "offered_qos_profiles" : "''";
        var hash = columns.Contains("type_description_hash") ? "type_description_hash" : "''";
        using var command = _connection.CreateCommand();
        command.CommandText = $"SELECT id, name, type, serialization_format, {qos}, {hash} FROM topics ORDER BY id;";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var type = reader.GetString(2);
            var id = reader.GetInt64(0);
            _topics[id] = new TopicMetadata(reader.GetString(1), type, reader.GetString(3),
                QosYaml.Parse(reader.GetString(4), _name, $"table topics row {id} offered_qos_profiles"), reader.GetString(5),
                definitions.GetValueOrDefault(type));
        }
    }

    private StorageSummary ReadSummary()
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT topic_id, COUNT(*), MIN(timestamp), MAX(timestamp) FROM messages GROUP BY topic_id;";
        using var reader = command.ExecuteReader();
        var counts = new Dictionary<string, long>();
        long total = 0, start = long.MaxValue, end = long.MinValue;
        while (reader.Read())
        {
            var name = _topics.TryGetValue(reader.GetInt64(0), out var topic) ? topic.Name : $"<unknown topic_id {reader.GetInt64(0)}>";
            counts[name] = counts.GetValueOrDefault(name) + reader.GetInt64(1);
            total += reader.GetInt64(1);
            start = Math.Min(start, reader.GetInt64(2));
            end = Math.Max(end, reader.GetInt64(3));
        }
        return total == 0 ? StorageSummary.Empty : new StorageSummary(counts, total, start, end);
    }

    private HashSet<string> Strings(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var values = new HashSet<string>();
        while (reader.Read())
            values.Add(reader.GetString(0));
        return values;
    }

    private T Guard<T>(string location, Func<T> action)
    {
        try
        {
            return action();
        }
        catch (Exception e) when (IsDatabaseError(e))
        {
            throw new BagFormatException(_name, location, e.Message, e);
        }
    }

    private void Guard(string location, Action action) => Guard(location, () => { action(); return 0; });

    /// <summary>What a damaged database or a column of the wrong type throws.</summary>
    private static bool IsDatabaseError(Exception e) => e is SqliteException or InvalidCastException or FormatException or OverflowException or InvalidOperationException;

    public void Dispose() => _connection.Dispose();
}
