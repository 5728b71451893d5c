// Writes an MCAP file with @mcap/core (the reference TypeScript implementation) and prints, as JSON, every
// message it wrote, so our C# reader can be checked against an independent writer.
// usage: node write.js OUT.mcap none|zstd|lz4 CHUNK_SIZE summary|nosummary MESSAGES
"use strict";
const fs = require("fs");
const { McapWriter } = require("@mcap/core");
const { FileHandleWritable } = require("@mcap/nodejs");
const zstd = require("@foxglove/wasm-zstd");
const lz4 = require("lz4js");

async function main() {
  const [out, compression, chunkSizeText, summaryMode, countText] = process.argv.slice(2);
  await zstd.isLoaded;
  const compressChunk = {
    none: undefined,
    zstd: (data) => ({ compression: "zstd", compressedData: zstd.compress(data, 3) }),
    lz4: (data) => ({ compression: "lz4", compressedData: Uint8Array.from(lz4.compress(data)) }),
  }[compression];
  const withSummary = summaryMode === "summary";
  const handle = await fs.promises.open(out, "w");
  const writer = new McapWriter({
    writable: new FileHandleWritable(handle),
    chunkSize: Number(chunkSizeText),
    compressChunk,
    useStatistics: withSummary,
    useSummaryOffsets: withSummary,
    useChunkIndex: withSummary,
    useMessageIndex: withSummary,
    useMetadataIndex: withSummary,
    repeatSchemas: withSummary,
    repeatChannels: withSummary,
  });
  await writer.start({ profile: "ros2", library: "@mcap/core crosscheck" });
  const stringSchema = await writer.registerSchema({ name: "std_msgs/msg/String", encoding: "ros2msg", data: new TextEncoder().encode("string data") });
  const jointSchema = await writer.registerSchema({ name: "sensor_msgs/msg/JointState", encoding: "ros2msg", data: new TextEncoder().encode("std_msgs/Header header\nstring[] name\nfloat64[] position\nfloat64[] velocity\nfloat64[] effort") });
  const qos = "- history: 1\n  depth: 10\n  reliability: 1\n  durability: 2\n  deadline:\n    sec: 0\n    nsec: 0\n  lifespan:\n    sec: 0\n    nsec: 0\n  liveliness: 1\n  liveliness_lease_duration:\n    sec: 0\n    nsec: 0\n  avoid_ros_namespace_conventions: false\n";
  const channels = [
    { id: await writer.registerChannel({ topic: "/chatter", schemaId: stringSchema, messageEncoding: "cdr", metadata: new Map([["offered_qos_profiles", qos]]) }), topic: "/chatter" },
    { id: await writer.registerChannel({ topic: "/joint_states", schemaId: jointSchema, messageEncoding: "cdr", metadata: new Map() }), topic: "/joint_states" },
  ];
  const expected = [];
  const count = Number(countText);
  const base = 1700000000000000000n;
  for (let i = 0; i < count; i++) {
    const channel = channels[i % 2];
    // A few messages arrive late (log time earlier than the one before): readers must still sort them.
    const late = i % 17 === 5 ? -3n : 0n;
    const logTime = base + BigInt(i) * 1000000n + late * 1000000n;
    const size = 8 + ((i * 37) % 700);
    const data = new Uint8Array(size);
    data.set([0, 1, 0, 0]);
    for (let k = 4; k < size; k++) data[k] = (i * 31 + k * 7) & 0xff;
    await writer.addMessage({ channelId: channel.id, sequence: i, logTime, publishTime: logTime + 5n, data });
    expected.push({ topic: channel.topic, logTime: logTime.toString(), publishTime: (logTime + 5n).toString(), data: Buffer.from(data).toString("base64") });
  }
  await writer.addMetadata({ name: "rosbag2", metadata: new Map([["serialized_metadata", "rosbag2_bagfile_information:\n  version: 9\n"]]) });
  await writer.end();
  await handle.close();
  process.stdout.write(JSON.stringify({ messages: expected }));
}

main().catch((e) => { console.error(e); process.exit(1); });
