#!/usr/bin/env node
// Builds the store packages: dist/slant-chrome-VERSION.zip and
// dist/slant-firefox-VERSION.zip (in the repository root), each with the
// icons and PRIVACY.md. The unpacked folder needs no build; this only drops
// what one store does not read (Chrome: background.scripts and the gecko
// settings; Firefox: background.service_worker) and leaves out the dev files.
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { deflateRawSync } from "node:zlib";
import { crc32 } from "./crc32.mjs";

const extension = join(dirname(fileURLToPath(import.meta.url)), "..");
const dist = join(extension, "..", "dist");
const SHIPPED = ["background.js", "content", "options", "vendor", "icons", "PRIVACY.md"];

function filesUnder(path) {
  if (statSync(path).isFile()) return [path];
  return readdirSync(path).sort().flatMap((name) => filesUnder(join(path, name)));
}

/** A zip archive (deflate, fixed 1980-01-01 timestamps: the same input gives the same bytes). */
function zip(entries) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const { name, data } of entries) {
    const nameBytes = Buffer.from(name, "utf8");
    const packed = deflateRawSync(data, { level: 9 });
    const crc = crc32(data);
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4); // version needed
    header.writeUInt16LE(0x0800, 6); // UTF-8 names
    header.writeUInt16LE(8, 8); // deflate
    header.writeUInt16LE(0, 10); // time
    header.writeUInt16LE(0x21, 12); // date: 1980-01-01
    header.writeUInt32LE(crc, 14);
    header.writeUInt32LE(packed.length, 18);
    header.writeUInt32LE(data.length, 22);
    header.writeUInt16LE(nameBytes.length, 26);
    locals.push(header, nameBytes, packed);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt16LE(0, 12);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, nameBytes);
    offset += header.length + nameBytes.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const manifest = JSON.parse(readFileSync(join(extension, "manifest.json"), "utf8"));
const files = SHIPPED.flatMap((path) => filesUnder(join(extension, path))).map((path) => ({
  name: relative(extension, path).split(sep).join("/"),
  data: readFileSync(path),
}));

const flavours = {
  chrome: (m) => {
    delete m.background.scripts;
    delete m.browser_specific_settings;
  },
  firefox: (m) => {
    delete m.background.service_worker;
  },
};

mkdirSync(dist, { recursive: true });
for (const [store, adapt] of Object.entries(flavours)) {
  const own = structuredClone(manifest);
  adapt(own);
  const entries = [{ name: "manifest.json", data: Buffer.from(`${JSON.stringify(own, null, 2)}\n`) }, ...files];
  const out = join(dist, `slant-${store}-${manifest.version}.zip`);
  writeFileSync(out, zip(entries));
  console.log(`${relative(process.cwd(), out)}: ${entries.length} files`);
}
