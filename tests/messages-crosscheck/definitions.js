// Message definitions for @foxglove/rosmsg2-serialization: @foxglove/rosmsg-msgs-common (ROS 2 Humble) where it
// has the type; otherwise our interfaces/**/*.msg parsed by @foxglove/rosmsg. Used by crosscheck.js and bench.js.
"use strict";
const fs = require("fs");
const path = require("path");
const { parse } = require("@foxglove/rosmsg");
const { ros2humble } = require("@foxglove/rosmsg-msgs-common");

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

module.exports = { msgFiles, referenceDefinitions };
