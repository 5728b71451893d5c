// Reads an MCAP file with @mcap/core, validating every CRC it can: the indexed reader (summary CRC, chunk CRCs),
// the streaming reader over the whole file (chunk CRCs, record framing, footer), and the data section CRC
// stored in DataEnd. Prints the file's contents as JSON for our C# tests to compare with what they wrote.
// usage: node read.js IN.mcap
"use strict";
const fs = require("fs");
const { McapIndexedReader, McapStreamReader } = require("@mcap/core");
const { FileHandleReadable } = require("@mcap/nodejs");
const { loadDecompressHandlers } = require("@mcap/support");
const { crc32 } = require("@foxglove/crc");

async function main() {
  const path = process.argv[2];
  const decompressHandlers = await loadDecompressHandlers();
  const handle = await fs.promises.open(path, "r");
  const reader = await McapIndexedReader.Initialize({ readable: new FileHandleReadable(handle), decompressHandlers });
  const messages = [];
  for await (const m of reader.readMessages({ validateCrcs: true })) {
    messages.push({ topic: reader.channelsById.get(m.channelId).topic, sequence: m.sequence, logTime: m.logTime.toString(), publishTime: m.publishTime.toString(), data: Buffer.from(m.data).toString("base64") });
  }
  const metadata = [];
  for await (const m of reader.readMetadata()) metadata.push({ name: m.name, metadata: Object.fromEntries(m.metadata) });
  await handle.close();

  // Whole-file streaming pass: validates chunk CRCs independently of the indexes, and checks DataEnd's CRC.
  const bytes = fs.readFileSync(path);
  const stream = new McapStreamReader({ decompressHandlers, validateCrcs: true });
  stream.append(bytes);
  let streamed = 0, dataEndCrc, dataEndOffset = 0, offset = 0;
  for (let r; (r = stream.nextRecord()); ) {
    if (r.type === "Message") streamed++;
    if (r.type === "DataEnd") dataEndCrc = r.dataSectionCrc;
  }
  if (!stream.done()) throw new Error("stream reader did not reach the footer");
  dataEndOffset = Number(reader.dataEndOffset);
  const computed = crc32(bytes.subarray(0, dataEndOffset));
  if (dataEndCrc !== 0 && dataEndCrc !== computed) throw new Error(`data section CRC ${computed} != stored ${dataEndCrc}`);

  process.stdout.write(JSON.stringify({
    profile: reader.header.profile,
    library: reader.header.library,
    schemas: [...reader.schemasById.values()].map((s) => ({ id: s.id, name: s.name, encoding: s.encoding, data: Buffer.from(s.data).toString("utf8") })),
    channels: [...reader.channelsById.values()].map((c) => ({ id: c.id, topic: c.topic, schemaId: c.schemaId, messageEncoding: c.messageEncoding, metadata: Object.fromEntries(c.metadata) })),
    statistics: reader.statistics && { messageCount: reader.statistics.messageCount.toString(), chunkCount: reader.statistics.chunkCount, channelMessageCounts: Object.fromEntries([...reader.statistics.channelMessageCounts].map(([k, v]) => [k, v.toString()])) },
    chunkIndexes: reader.chunkIndexes.map((c) => ({ compression: c.compression, messageIndexChannels: [...c.messageIndexOffsets.keys()] })),
    dataSectionCrcChecked: dataEndCrc !== 0,
    streamedMessageCount: streamed,
    metadata,
    messages,
  }));
}

main().catch((e) => { console.error(String(e && e.stack || e)); process.exit(1); });
