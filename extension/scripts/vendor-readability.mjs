#!/usr/bin/env node
// Copies Mozilla's Readability, unmodified, from the npm package pinned in
// package-lock.json into vendor/readability/, with its licence and a note of
// the version and checksum. Run `npm ci && npm run vendor` to update it; the
// vendored files are never edited by hand (tests/vendor.test.mjs checks).
import { createHash } from "node:crypto";
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const extension = join(dirname(fileURLToPath(import.meta.url)), "..");
const pkgDir = join(extension, "node_modules", "@mozilla", "readability");
const lock = JSON.parse(readFileSync(join(extension, "package-lock.json"), "utf8"));
const locked = lock.packages["node_modules/@mozilla/readability"];
const installed = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8"));
if (installed.version !== locked.version) {
  throw new Error(`installed Readability ${installed.version} is not the locked ${locked.version}: run npm ci`);
}
const target = join(extension, "vendor", "readability");
mkdirSync(target, { recursive: true });
const files = ["Readability.js", "LICENSE.md"];
const sums = files.map((name) => {
  copyFileSync(join(pkgDir, name), join(target, name));
  const sha256 = createHash("sha256").update(readFileSync(join(target, name))).digest("hex");
  return `| ${name} | ${sha256} |`;
});
writeFileSync(join(target, "VENDORED.md"), `# Vendored: Mozilla Readability ${locked.version}

Copied unmodified from the npm package \`@mozilla/readability@${locked.version}\`
(licence: ${installed.license}, see LICENSE.md; package integrity
\`${locked.integrity}\`) by \`npm run vendor\` (scripts/vendor-readability.mjs).
Do not edit these files: change the pinned version in package.json, run
\`npm install && npm run vendor\`, and commit the result.

| file | sha256 |
|---|---|
${sums.join("\n")}
`);
console.log(`vendored @mozilla/readability ${locked.version} into ${target}`);
