using Microsoft.Data.Sqlite;
using VlaRosNode.Bag.Metadata;

namespace VlaRosNode.Bag.Sqlite;

/// <summary>Writes a rosbag2 sqlite3 file (.db3) in the Humble or Jazzy schema. The database runs in WAL mode and
/// every transaction is committed before <see cref="Write"/> returns once <paramref name="messagesPerTransaction"/>
/// messages are in it (1 = each message durable on its own; converters batch more).</summary>
public sealed class SqliteBagWriter : IBagStorageWriter
{
    private readonly SqliteConnection _connection;
    private readonly SqliteSchemaVersion _schema;
    private readonly int _messagesPerTransaction;
    private readonly Dictionary<string, long> _topicIds = [];
    private readonly SqliteCommand _insert;
    private readonly SqliteParameter _topicId, _timestamp, _data;
    private SqliteTransaction? _transaction;
    private int _pending;
    private long _bytes;

    public SqliteBagWriter(string path, SqliteSchemaVersion schema = SqliteSchemaVersion.Jazzy, int messagesPerTransaction = 1, string rosDistro = "")
    {
        if (File.Exists(path))
            throw new IOException($"{path} already exists");
        FilePath = path;
        _schema = schema;
        _messagesPerTransaction = Math.Max(1, messagesPerTransaction);
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false }.ToString());
        _connection.Open();
        Execute("PRAGMA journal_mode=WAL;");
        Execute("PRAGMA synchronous=NORMAL;");
        foreach (var statement in SqliteSchema.CreateStatements(schema))
            Execute(statement);
        Execute("INSERT INTO schema(schema_version, ros_distro) VALUES ($v, $d);", ("$v", (int)schema), ("$d", rosDistro.Length > 0 ? rosDistro : schema.ToString().ToLowerInvariant()));
        _insert = _connection.CreateCommand();
        _insert.CommandText = "INSERT INTO messages(topic_id, timestamp, data) VALUES ($t, $ts, $d);";
        _topicId = _insert.Parameters.Add("$t", SqliteType.Integer);
        _timestamp = _insert.Parameters.Add("$ts", SqliteType.Integer);
        _data = _insert.Parameters.Add("$d", SqliteType.Blob);
    }

    public string FilePath { get; }

    public long BytesWritten => _bytes;

    public void CreateTopic(TopicMetadata topic)
    {
        if (_topicIds.ContainsKey(topic.Name))
            return;
        Commit();
        var qos = QosYaml.Serialize(topic.OfferedQosProfiles, enumNames: _schema == SqliteSchemaVersion.Jazzy);
        if (_schema == SqliteSchemaVersion.Jazzy)
        {
            Execute("INSERT INTO topics(name, type, serialization_format, offered_qos_profiles, type_description_hash) VALUES ($n, $t, $f, $q, $h);",
                ("$n", topic.Name), ("$t", topic.Type), ("$f", topic.SerializationFormat), ("$q", qos), ("$h", topic.TypeDescriptionHash));
            // Read the topic's id now: inserting a message definition below moves last_insert_rowid to that table.
            _topicIds[topic.Name] = LastInsertRowId();
            if (topic.Definition is { } definition)
                Execute("INSERT INTO message_definitions(topic_type, encoding, encoded_message_definition, type_description_hash) " +
                        "SELECT $t, $e, $d, $h WHERE NOT EXISTS (SELECT 1 FROM message_definitions WHERE topic_type = $t);",
                    ("$t", topic.Type), ("$e", definition.Encoding), ("$d", definition.Text), ("$h", topic.TypeDescriptionHash));
        }
        else
        {
            Execute("INSERT INTO topics(name, type, serialization_format, offered_qos_profiles) VALUES ($n, $t, $f, $q);",
                ("$n", topic.Name), ("$t", topic.Type), ("$f", topic.SerializationFormat), ("$q", qos));
            _topicIds[topic.Name] = LastInsertRowId();
        }
    }

    private long LastInsertRowId()
    {
        using var id = _connection.CreateCommand();
        id.CommandText = "SELECT last_insert_rowid();";
        return (long)id.ExecuteScalar()!;
    }

    public void Write(string topic, long logTime, long publishTime, ReadOnlySpan<byte> data)
    {
        if (!_topicIds.TryGetValue(topic, out var topicId))
            throw new InvalidOperationException($"topic '{topic}' was not created before writing to it");
        _transaction ??= _connection.BeginTransaction();
        _insert.Transaction = _transaction;
        _topicId.Value = topicId;
        _timestamp.Value = logTime;
        _data.Value = data.ToArray();
        _insert.ExecuteNonQuery();
        _bytes += data.Length + 32;
        if (++_pending >= _messagesPerTransaction)
            Commit();
    }

    public void SetEmbeddedMetadata(string yaml, int version)
    {
        Commit();
        Execute("INSERT INTO metadata(metadata_version, metadata) VALUES ($v, $m);", ("$v", version), ("$m", yaml));
    }

    /// <summary>Commits whatever is pending (a recorder calls this on a timer when batching).</summary>
    public void Commit()
    {
        _transaction?.Commit();
        _transaction?.Dispose();
        _transaction = null;
        _pending = 0;
    }

    public void Dispose()
    {
        Commit();
        _insert.Dispose();
        // Fold the WAL back into the .db3 so the bag is one self-contained file, as rosbag2 leaves it.
        Execute("PRAGMA wal_checkpoint(TRUNCATE);");
        Execute("PRAGMA journal_mode=DELETE;");
        _connection.Dispose();
    }

    private void Execute(string sql, params (string Name, object Value)[] parameters)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = _transaction;
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        command.ExecuteNonQuery();
    }
}
