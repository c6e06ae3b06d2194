// The manifest rules the issue sets, and that every file it names exists, so
// the folder loads unpacked in both browsers with no build step.
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const extension = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const manifest = JSON.parse(readFileSync(join(extension, "manifest.json"), "utf8"));
const background = readFileSync(join(extension, "background.js"), "utf8");

test("MV3 with an action that has no popup", () => {
  assert.equal(manifest.manifest_version, 3);
  assert.ok(manifest.action);
  assert.equal(manifest.action.default_popup, undefined);
});

test("one background file serves as Chromium worker and Firefox event page", () => {
  assert.equal(manifest.background.service_worker, "background.js");
  assert.deepEqual(manifest.background.scripts, ["background.js"]);
  assert.ok(!/^\s*(import|export)\s/m.test(background), "no module syntax: Firefox loads it as a script");
  assert.ok(!/\b(document|window)\./.test(background), "a service worker has no DOM");
  assert.match(background, /globalThis\.browser \?\? globalThis\.chrome/);
  assert.match(background, /^api\.action\.onClicked\.addListener/m, "onClicked registered at top level");
});

test("permissions: activeTab, scripting, storage; hosts: local servers only", () => {
  assert.deepEqual([...manifest.permissions].sort(), ["activeTab", "scripting", "storage"]);
  assert.deepEqual(manifest.host_permissions, ["http://127.0.0.1/*", "http://localhost/*"]);
  assert.ok(manifest.optional_host_permissions.length > 0);
  assert.equal(manifest.content_scripts, undefined, "nothing runs on pages the user did not click");
  assert.ok(manifest.browser_specific_settings.gecko.id);
});

test("every file the manifest and the background name exists", () => {
  const files = [
    ...Object.values(manifest.icons),
    ...Object.values(manifest.action.default_icon),
    manifest.options_ui.page,
    manifest.background.service_worker,
  ];
  const injected = background.match(/const CONTENT_FILES = \[([^\]]*)\]/)[1].match(/"[^"]+"/g).map((s) => JSON.parse(s));
  assert.ok(injected.length >= 2);
  for (const file of [...files, ...injected]) assert.ok(existsSync(join(extension, file)), `${file} is missing`);
});

test("injected scripts declare nothing at top level, so a second injection is harmless", () => {
  const injected = background.match(/const CONTENT_FILES = \[([^\]]*)\]/)[1].match(/"[^"]+"/g).map((s) => JSON.parse(s));
  for (const file of injected) {
    const source = readFileSync(join(extension, file), "utf8");
    assert.ok(!/^(const|let|class) /m.test(source), `${file} has a top-level const/let/class`);
  }
});
