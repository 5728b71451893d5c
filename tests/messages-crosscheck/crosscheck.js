#!/usr/bin/env node
// Independent CDR encoder/decoder for the C# cross-check (tests/VlaRosNode.Messages.Tests/CrossCheckTests.cs).
//   node crosscheck.js encode          -> fixture JSON: every case of cases.js, its values and its CDR (base64)
//   node crosscheck.js decode < in.json -> decodes the C# encodings in {cases:[{type,name,cdr}]} with @foxglove,
//                                         and compares the C# ros2msg schemas in {schemas:{type:text}} with the
//                                         reference definitions
// Reference definitions: @foxglove/rosmsg-msgs-common (ROS 2 Humble) where it has the type; otherwise our
// interfaces/**/*.msg parsed by @foxglove/rosmsg.
"use strict";
const fs = require("fs");
const path = require("path");
const { parse } = require("@foxglove/rosmsg");
const { ros2humble } = require("@foxglove/rosmsg-msgs-common");
const { MessageReader, MessageWriter } = require("@foxglove/rosmsg2-serialization");

const interfacesDir = path.join(__dirname, "..", "..", "interfaces");
const shortName = (rosName) => rosName.replace("/msg/", "/");

function msgFiles() {
  const files = {};
  for (const pkg of fs.readdirSync(interfacesDir)) {
    const dir = path.join(interfacesDir, pkg, "msg");
    if (!fs.existsSync(dir)) continue;
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".msg")))
      files[`${pkg}/${file.slice(0, -4)}`] = fs.readFileSync(path.join(dir, file), "utf8");
  }
  return files;
}

// Root definition first, then every definition it needs, as MessageWriter/MessageReader expect.
function referenceDefinitions(rosName, files) {
  const name = shortName(rosName);
  if (ros2humble[name] === undefined) {
    // Not in msgs-common: our .msg file and those it refers to, resolved by @foxglove/rosmsg.
    const text = [files[name], ...dependencyNames(name, files).map((n) => `${"=".repeat(80)}\nMSG: ${n}\n${files[n]}`)].join("\n");
    return parse(text, { ros2: true });
  }
  const result = [];
  const visit = (typeName) => {
    if (result.some((d) => d.name === typeName)) return;
    const def = ros2humble[typeName];
    result.push(def);
    for (const field of def.definitions) if (field.isComplex === true) visit(field.type);
  };
  visit(name);
  return result;
}

// Every message type a .msg file needs, directly or not (unqualified names are in the same package).
function dependencyNames(name, files, found = []) {
  const pkg = name.split("/")[0];
  for (const field of parse(files[name], { ros2: true, skipTypeFixup: true })[0].definitions) {
    if (field.isComplex !== true) continue;
    const dependency = field.type.includes("/") ? field.type.replace("/msg/", "/") : `${pkg}/${field.type}`;
    if (!found.includes(dependency)) {
      found.push(dependency);
      dependencyNames(dependency, files, found);
    }
  }
  return found;
}

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
