// Read throughput of @mcap/core (indexed reader, CRCs validated, zstd/lz4 via @mcap/support) for `vla bench bag`:
// reads every message of one file, touches each payload, prints {messages, bytes, seconds, cpuSeconds} as JSON. The clock
// starts after the modules have loaded, at the reader's initialisation, as the C# side's does at open.
// usage: node bench-read.js FILE.mcap
"use strict";
const fs = require("fs");
const { McapIndexedReader } = require("@mcap/core");
const { FileHandleReadable } = require("@mcap/nodejs");
const { loadDecompressHandlers } = require("@mcap/support");

async function main() {
  const decompressHandlers = await loadDecompressHandlers();
  const start = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  const handle = await fs.promises.open(process.argv[2], "r");
  const reader = await McapIndexedReader.Initialize({ readable: new FileHandleReadable(handle), decompressHandlers });
  let messages = 0, bytes = 0, checksum = 0;
  for await (const m of reader.readMessages({ validateCrcs: true })) {
    messages++;
    bytes += m.data.byteLength;
    checksum = (checksum + m.data[m.data.byteLength - 1]) | 0;
  }
  await handle.close();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const cpu = process.cpuUsage(cpuStart);
  process.stdout.write(JSON.stringify({ messages, bytes, checksum, seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6 }));
}

main().catch((e) => { console.error(String(e && e.stack || e)); process.exit(1); });
