#!/usr/bin/env python3
"""An independent rosbag2 sqlite3 (Humble schema) writer and reader, using only Python's standard library.

usage: sqlite_bag.py write OUT.db3 COUNT   -> writes a bag, prints the messages it wrote as JSON
       sqlite_bag.py read IN.db3           -> prints schema version, topics and messages (in timestamp order) as JSON
"""
import base64
import json
import sqlite3
import sys

HUMBLE_SCHEMA = [
    "CREATE TABLE schema(schema_version INTEGER PRIMARY KEY,ros_distro TEXT NOT NULL);",
    "CREATE TABLE metadata(id INTEGER PRIMARY KEY,metadata_version INTEGER NOT NULL,metadata TEXT NOT NULL);",
    "CREATE TABLE topics(id INTEGER PRIMARY KEY,name TEXT NOT NULL,type TEXT NOT NULL,"
    "serialization_format TEXT NOT NULL,offered_qos_profiles TEXT NOT NULL);",
    "CREATE TABLE messages(id INTEGER PRIMARY KEY,topic_id INTEGER NOT NULL,timestamp INTEGER NOT NULL,data BLOB NOT NULL);",
    "CREATE INDEX timestamp_idx ON messages (timestamp ASC);",
]

# What rosbag2 Humble writes for a default reliable publisher (integer enums, "infinite" durations).
HUMBLE_QOS = (
    "- history: 3\n  depth: 0\n  reliability: 1\n  durability: 2\n"
    "  deadline:\n    sec: 2147483647\n    nsec: 4294967295\n"
    "  lifespan:\n    sec: 2147483647\n    nsec: 4294967295\n"
    "  liveliness: 1\n"
    "  liveliness_lease_duration:\n    sec: 2147483647\n    nsec: 4294967295\n"
    "  avoid_ros_namespace_conventions: false"
)


def cdr_string(text):
    raw = text.encode() + b"\0"
    return b"\x00\x01\x00\x00" + len(raw).to_bytes(4, "little") + raw


def write(path, count):
    db = sqlite3.connect(path)
    for statement in HUMBLE_SCHEMA:
        db.execute(statement)
    db.execute("INSERT INTO schema VALUES (3, 'humble')")
    topics = [("/chatter", "std_msgs/msg/String"), ("/robot/status", "std_msgs/msg/String")]
    for name, type_name in topics:
        db.execute("INSERT INTO topics(name, type, serialization_format, offered_qos_profiles) VALUES (?, ?, 'cdr', ?)",
                   (name, type_name, HUMBLE_QOS))
    written = []
    base = 1_600_000_000_000_000_000
    for i in range(count):
        topic_id = 1 + i % 2
        timestamp = base + i * 2_000_000 - (5_000_000 if i % 11 == 7 else 0)
        data = cdr_string(f"message {i}")
        db.execute("INSERT INTO messages(topic_id, timestamp, data) VALUES (?, ?, ?)", (topic_id, timestamp, data))
        written.append({"topic": topics[topic_id - 1][0], "timestamp": timestamp, "data": base64.b64encode(data).decode()})
    db.commit()
    db.close()
    print(json.dumps({"messages": written}))


def read(path):
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    version = db.execute("SELECT schema_version, ros_distro FROM schema").fetchone() if "schema" in tables else None
    topics = {row[0]: {"name": row[1], "type": row[2], "serialization_format": row[3], "offered_qos_profiles": row[4]}
              for row in db.execute("SELECT id, name, type, serialization_format, offered_qos_profiles FROM topics")}
    messages = [{"topic": topics[t]["name"], "timestamp": ts, "data": base64.b64encode(d).decode()}
                for t, ts, d in db.execute("SELECT topic_id, timestamp, data FROM messages ORDER BY timestamp, id")]
    metadata = [row[0] for row in db.execute("SELECT metadata FROM metadata")] if "metadata" in tables else []
    print(json.dumps({"schema_version": version and version[0], "ros_distro": version and version[1], "tables": sorted(tables),
                      "topics": list(topics.values()), "messages": messages, "metadata": metadata}))


if __name__ == "__main__":
    if sys.argv[1] == "write":
        write(sys.argv[2], int(sys.argv[3]))
    else:
        read(sys.argv[2])
