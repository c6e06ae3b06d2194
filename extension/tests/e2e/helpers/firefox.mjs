// Starts Debian's Firefox ESR headless and drives it over WebDriver BiDi with
// a small client on the `ws` package: install the unpacked extension with
// webExtension.install, open pages, and click the toolbar button the way
// Firefox's own keyboard shortcut does (the action's triggerAction, reached
// through a chrome-scope script; needs --remote-allow-system-access).
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import WebSocket from "ws";
import { EXTENSION_DIR } from "./chromium.mjs";

export const FIREFOX = process.env.SLANT_FIREFOX || "/usr/bin/firefox-esr";
export const GECKO_ID = "slant-extension@slant";
/** Fixed by pref, so the options page has a known moz-extension:// address. */
export const EXTENSION_UUID = "0b7e5a5e-51a4-4c6b-9d8e-5a1a2c3d4e5f";

// Keep Firefox off the network and quiet.
const PREFS = {
  "browser.shell.checkDefaultBrowser": false,
  "app.update.enabled": false,
  "app.normandy.enabled": false,
  "datareporting.policy.dataSubmissionEnabled": false,
  "toolkit.telemetry.enabled": false,
  "browser.startup.homepage_override.mstone": "ignore",
  "extensions.getAddons.cache.enabled": false,
  "messaging-system.rsexperimentloader.enabled": false,
  "network.connectivity-service.enabled": false,
  "browser.region.network.url": "",
  "services.settings.server": "data:,",
  "extensions.webextensions.uuids": JSON.stringify({ [GECKO_ID]: EXTENSION_UUID }),
};

class BiDi {
  constructor(socket) {
    this.socket = socket;
    this.nextId = 1;
    this.pending = new Map();
    socket.on("message", (raw) => {
      const message = JSON.parse(raw);
      const waiter = this.pending.get(message.id);
      if (!waiter) return;
      this.pending.delete(message.id);
      if (message.type === "error") waiter.reject(new Error(`${message.error}: ${message.message}`));
      else waiter.resolve(message.result);
    });
  }

  send(method, params = {}) {
    const id = this.nextId++;
    this.socket.send(JSON.stringify({ id, method, params }));
    return new Promise((resolve, reject) => this.pending.set(id, { resolve, reject }));
  }

  /** Evaluate an expression (awaiting promises) in a context; returns the BiDi remote value. */
  async evaluate(context, expression) {
    const result = await this.send("script.evaluate", {
      expression, target: { context }, awaitPromise: true, resultOwnership: "none",
    });
    if (result.type === "exception") throw new Error(result.exceptionDetails.text);
    return result.result;
  }
}

/** Launch Firefox; returns {bidi, close}. */
export async function launchFirefox() {
  const profile = mkdtempSync(join(tmpdir(), "slant-firefox-"));
  writeFileSync(join(profile, "user.js"),
    Object.entries(PREFS).map(([k, v]) => `user_pref(${JSON.stringify(k)}, ${JSON.stringify(v)});`).join("\n"));
  const child = spawn(FIREFOX, [
    "--headless", "--remote-debugging-port=0", "--remote-allow-system-access",
    "--no-remote", "--profile", profile, "about:blank",
  ], { stdio: ["ignore", "ignore", "pipe"], detached: true });
  let log = "";
  const endpoint = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Firefox did not start BiDi:\n${log}`)), 30000);
    child.stderr.on("data", (chunk) => {
      log = (log + chunk).slice(-4000);
      const m = log.match(/WebDriver BiDi listening on (ws:\/\/\S+)/);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.once("exit", () => reject(new Error(`Firefox exited:\n${log}`)));
  });
  const socket = new WebSocket(`${endpoint}/session`);
  await new Promise((resolve, reject) => {
    socket.once("open", resolve);
    socket.once("error", reject);
  });
  const bidi = new BiDi(socket);
  await bidi.send("session.new", { capabilities: { alwaysMatch: { "moz:scope": "chrome" } } }).catch(
    () => bidi.send("session.new", { capabilities: {} }),
  );
  const close = async () => {
    await bidi.send("session.end").catch(() => {});
    socket.close();
    child.stderr.destroy();
    try {
      process.kill(-child.pid, "SIGKILL");
    } catch {
      // already gone
    }
    rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
  };
  return { bidi, close };
}

/** The browser window's chrome context, where Firefox's own UI code runs. */
export async function chromeContext(bidi) {
  const { contexts } = await bidi.send("browsingContext.getTree", { "moz:scope": "chrome" });
  const win = contexts.find((c) => c.url === "chrome://browser/content/browser.xhtml") ?? contexts[0];
  return win.context;
}

/** Click the extension's toolbar button, as its keyboard shortcut does. */
export async function clickAction(bidi) {
  const context = await chromeContext(bidi);
  await bidi.evaluate(context, `(() => {
    const { ExtensionParent } = ChromeUtils.importESModule("resource://gre/modules/ExtensionParent.sys.mjs");
    const extension = ExtensionParent.GlobalManager.getExtension(${JSON.stringify(GECKO_ID)});
    ExtensionParent.apiManager.global.browserActionFor(extension).triggerAction(window);
  })()`);
}

/** Write settings into the extension's storage from its options page. */
export async function setSettings(bidi, optionsContext, values) {
  await bidi.evaluate(optionsContext, `browser.storage.local.set(${JSON.stringify(values)}).then(() => true)`);
}

export { EXTENSION_DIR };
