// Readability is vendored unmodified from the pinned npm package.
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const extension = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const pkg = join(extension, "node_modules", "@mozilla", "readability");
const lock = JSON.parse(readFileSync(join(extension, "package-lock.json"), "utf8"));

test("the vendored note names the locked version", () => {
  const note = readFileSync(join(extension, "vendor", "readability", "VENDORED.md"), "utf8");
  const version = lock.packages["node_modules/@mozilla/readability"].version;
  assert.match(note, new RegExp(`Readability ${version.replace(/\./g, "\\.")}\\b`));
});

test("vendored files equal the npm package's", { skip: !existsSync(pkg) && "run npm ci in extension/" }, () => {
  for (const name of ["Readability.js", "LICENSE.md"]) {
    assert.ok(
      readFileSync(join(extension, "vendor", "readability", name)).equals(readFileSync(join(pkg, name))),
      `${name} differs from @mozilla/readability: run npm run vendor, never edit it`,
    );
  }
});
