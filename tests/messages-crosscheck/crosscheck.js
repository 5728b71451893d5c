#!/usr/bin/env node
// Independent CDR encoder/decoder for the C# cross-check (tests/VlaRosNode.Messages.Tests/CrossCheckTests.cs).
//   node crosscheck.js encode          -> fixture JSON: every case of cases.js, its values and its CDR (base64)
//   node crosscheck.js decode < in.json -> decodes the C# encodings in {cases:[{type,name,cdr}]} with @foxglove,
//                                         and compares the C# ros2msg schemas in {schemas:{type:text}} with the
//                                         reference definitions
// Reference definitions: see definitions.js.
"use strict";
const fs = require("fs");
const { parse } = require("@foxglove/rosmsg");
const { MessageReader, MessageWriter } = require("@foxglove/rosmsg2-serialization");
const { msgFiles, referenceDefinitions } = require("./definitions.js");

// JSON-safe values: NaN/Inf/-0 as the YAML spellings the C# side parses, bigints as strings, typed arrays as arrays.
function normalize(value) {
  if (typeof value === "number") {
    if (Number.isNaN(value)) return ".nan";
    if (value === Infinity) return ".inf";
    if (value === -Infinity) return "-.inf";
    if (Object.is(value, -0)) return "-0.0";
    return value;
  }
  if (typeof value === "bigint") return value.toString();
  if (ArrayBuffer.isView(value) || Array.isArray(value)) return Array.from(value, normalize);
  if (value !== null && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalize(v)]));
  return value;
}

// The fields that decide the wire format, for comparing two parsed definitions: the root and the types it
// uses (builtin_interfaces/Time is a primitive to @foxglove/rosmsg, so its own definition is never used).
function wireShape(definitions) {
  const used = new Set();
  const visit = (def) => {
    if (def === undefined || used.has(def)) return;
    used.add(def);
    for (const f of def.definitions) if (f.isComplex === true) visit(definitions.find((d) => d.name === f.type));
  };
  visit(definitions[0]);
  return definitions.filter((def) => used.has(def)).map((def) => ({
    name: def.name ?? "(root)",
    fields: def.definitions.map((f) => [f.name, f.type, f.isArray === true, f.arrayLength ?? null, f.arrayUpperBound ?? null,
      f.upperBound ?? null, f.isConstant === true, f.isConstant === true ? String(f.value) : null, f.defaultValue ?? null]),
  }));
}

// @foxglove/cdr 3.5.0 CdrWriter.string() sizes strings by UTF-16 length, so it truncates non-ASCII text.
// Where their round trip does not give back what went in, we record no bytes for the case (only their
// reader is used for it) and say why.
const WRITER_DEFECT = "@foxglove/cdr CdrWriter.string sizes by UTF-16 length: non-ASCII strings come out truncated";

// `input` with its explicitly given fields laid over the decoded `full` values (which carry the defaults).
function overlay(full, input) {
  if (input === null || typeof input !== "object" || Array.isArray(input)) return input;
  return Object.fromEntries(Object.entries(full).map(([k, v]) => [k, k in input ? overlay(v, input[k]) : v]));
}

function encode() {
  const files = msgFiles();
  const lines = require("./cases.js").map(({ type, name, value }) => {
    const definitions = referenceDefinitions(type, files);
    const cdr = new MessageWriter(definitions).writeMessage(value);
    const decoded = normalize(new MessageReader(definitions).readMessage(cdr));
    const values = overlay(decoded, normalize(value));
    const faithful = JSON.stringify(values) === JSON.stringify(decoded);
    return JSON.stringify(faithful
      ? { type, name, values, cdr: Buffer.from(cdr).toString("base64") }
      : { type, name, values, cdr: null, writerDefect: WRITER_DEFECT });
  });
  const versions = Object.fromEntries(["@foxglove/rosmsg", "@foxglove/rosmsg-msgs-common", "@foxglove/rosmsg2-serialization"]
    .map((p) => [p, require(`${p}/package.json`).version]));
  process.stdout.write(`{"generator":"tests/messages-crosscheck/crosscheck.js encode","versions":${JSON.stringify(versions)},"cases":[\n${lines.join(",\n")}\n]}\n`);
}

function decode() {
  const files = msgFiles();
  const input = JSON.parse(fs.readFileSync(0, "utf8"));
  const cases = input.cases.map(({ type, name, cdr }) => {
    try {
      const reader = new MessageReader(referenceDefinitions(type, files));
      const values = normalize(reader.readMessage(Buffer.from(cdr, "base64")));
      return { type, name, values, trailingBytes: reader.lastReadHadTrailingBytes() };
    } catch (e) {
      return { type, name, error: String(e) };
    }
  });
  const schemaMismatches = Object.entries(input.schemas).flatMap(([type, text]) => {
    const ours = wireShape(parse(text, { ros2: true }));
    const reference = wireShape(referenceDefinitions(type, files));
    ours[0].name = reference[0].name; // the root of a ros2msg text has no name
    const sort = (shape) => JSON.stringify(shape.slice(0, 1).concat(shape.slice(1).sort((a, b) => a.name.localeCompare(b.name))));
    return sort(ours) === sort(reference) ? [] : [{ type, ours, reference }];
  });
  process.stdout.write(JSON.stringify({ cases, schemaMismatches }) + "\n");
}

const mode = process.argv[2];
if (mode === "encode") encode();
else if (mode === "decode") decode();
else {
  process.stderr.write("usage: node crosscheck.js encode | decode < input.json\n");
  process.exit(2);
}
