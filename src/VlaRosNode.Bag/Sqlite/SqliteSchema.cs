namespace VlaRosNode.Bag.Sqlite;

/// <summary>The rosbag2 sqlite3 schemas: Humble (schema_version 3) and Jazzy (schema_version 4, which adds
/// topics.type_description_hash and the message_definitions table).</summary>
public enum SqliteSchemaVersion
{
    Humble = 3,
    Jazzy = 4,
}

internal static class SqliteSchema
{
    public static string[] CreateStatements(SqliteSchemaVersion version)
    {
        var jazzy = version == SqliteSchemaVersion.Jazzy;
        var hashColumn = jazzy ? ",type_description_hash TEXT NOT NULL" : "";
        var statements = new List<string>
        {
            "CREATE TABLE schema(schema_version INTEGER PRIMARY KEY,ros_distro TEXT NOT NULL);",
            "CREATE TABLE metadata(id INTEGER PRIMARY KEY,metadata_version INTEGER NOT NULL,metadata TEXT NOT NULL);",
            $"CREATE TABLE topics(id INTEGER PRIMARY KEY,name TEXT NOT NULL,type TEXT NOT NULL,serialization_format TEXT NOT NULL,offered_qos_profiles TEXT NOT NULL{hashColumn});",
            "CREATE TABLE messages(id INTEGER PRIMARY KEY,topic_id INTEGER NOT NULL,timestamp INTEGER NOT NULL,data BLOB NOT NULL);",
            "CREATE INDEX timestamp_idx ON messages (timestamp ASC);",
        };
        if (jazzy)
            statements.Add("CREATE TABLE message_definitions(id INTEGER PRIMARY KEY,topic_type TEXT NOT NULL,encoding TEXT NOT NULL,encoded_message_definition TEXT NOT NULL,type_description_hash TEXT NOT NULL);");
        return statements.ToArray();
    }
}
