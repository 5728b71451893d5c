#!/usr/bin/env node
// The npm side of `vla bench cdr`: times @foxglove/rosmsg2-serialization encoding and decoding the very messages the
// C# side measured, the way src/VlaRosNode.Cli/Commands/Bench/MicroBenchmark.cs does: 300 ms warm-up, then `runs`
// runs of `calls` calls, median run.
// stdin: {"runs": 7, "messages": [{"label", "type", "cdr": base64, "calls"}]}
// stdout: {"results": [{"label", "encodeNs", "decodeNs", "bytes"}]} (nanoseconds per call).
"use strict";
const fs = require("fs");
const { MessageReader, MessageWriter } = require("@foxglove/rosmsg2-serialization");
const { msgFiles, referenceDefinitions } = require("./definitions.js");

function measure(fn, calls, runs) {
  const warmUpEnd = process.hrtime.bigint() + 300_000_000n;
  while (process.hrtime.bigint() < warmUpEnd) fn();
  const perCall = [];
  for (let r = 0; r < runs; r++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < calls; i++) fn();
    perCall.push(Number(process.hrtime.bigint() - start) / calls);
  }
  perCall.sort((a, b) => a - b);
  return perCall[Math.floor(runs / 2)];
}

const input = JSON.parse(fs.readFileSync(0, "utf8"));
const files = msgFiles();
const results = input.messages.map(({ label, type, cdr, calls }) => {
  const definitions = referenceDefinitions(type, files);
  const reader = new MessageReader(definitions);
  const writer = new MessageWriter(definitions);
  const bytes = Buffer.from(cdr, "base64");
  const message = reader.readMessage(bytes);
  // A caller buffer, as on the C# side. writeMessage is typed to take a Uint8Array, but CdrWriter wraps it in a
  // DataView, which needs the ArrayBuffer itself.
  const output = new ArrayBuffer(writer.calculateByteSize(message));
  return {
    label,
    bytes: bytes.length,
    encodeNs: measure(() => writer.writeMessage(message, output), calls, input.runs),
    decodeNs: measure(() => reader.readMessage(bytes), calls, input.runs),
  };
});
process.stdout.write(JSON.stringify({ results }) + "\n");
