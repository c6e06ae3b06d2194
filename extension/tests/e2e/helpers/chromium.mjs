// Starts Debian's Chromium headless with the unpacked extension loaded through
// CDP (Extensions.loadUnpacked), and clicks the toolbar button through
// Extensions.triggerAction, as a reader would. Playwright drives the pages
// over the same CDP connection.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

export const EXTENSION_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
export const CHROMIUM = process.env.SLANT_CHROMIUM || "/usr/bin/chromium";

const FLAGS = [
  "--headless=new",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-quic",
  "--no-first-run",
  "--no-default-browser-check",
  "--enable-unsafe-extension-debugging",
  "--remote-debugging-port=0",
  "--window-size=1280,900",
];

async function waitForFile(path, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (existsSync(path)) {
      const text = readFileSync(path, "utf8");
      if (text.includes("\n")) return text;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${path} did not appear: Chromium failed to start`);
}

/** Launch Chromium, load the extension; returns {browser, context, cdp, extensionId, close}. */
export async function launchWithExtension() {
  const profile = mkdtempSync(join(tmpdir(), "slant-chromium-"));
  // Its own process group, so that every helper process it forks ends with it.
  const child = spawn(CHROMIUM, [...FLAGS, `--user-data-dir=${profile}`, "about:blank"], {
    stdio: ["ignore", "ignore", "pipe"],
    detached: true,
  });
  const stop = async () => {
    child.stderr.destroy();
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once("exit", r));
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        // already gone
      }
      await exited;
    }
    rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
  };
  let stderr = "";
  child.stderr.on("data", (chunk) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  try {
    const port = (await waitForFile(join(profile, "DevToolsActivePort"), 20000)).split("\n")[0];
    const browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
    const cdp = await browser.newBrowserCDPSession();
    const { id: extensionId } = await cdp.send("Extensions.loadUnpacked", { path: EXTENSION_DIR });
    const context = browser.contexts()[0];
    const close = async () => {
      await browser.close().catch(() => {});
      await stop();
    };
    return { browser, context, cdp, extensionId, close };
  } catch (error) {
    await stop();
    throw new Error(`${error.message}\nchromium stderr:\n${stderr}`);
  }
}

/** The extension's service worker (started on load; woken again if it went idle). */
export async function serviceWorker(context, extensionId) {
  const prefix = `chrome-extension://${extensionId}/`;
  const found = context.serviceWorkers().find((w) => w.url().startsWith(prefix));
  if (found) return found;
  return context.waitForEvent("serviceworker", {
    predicate: (w) => w.url().startsWith(prefix),
    timeout: 10000,
  });
}

/** Write settings into chrome.storage.local from the service worker, as the options page would. */
export async function setSettings(context, extensionId, values) {
  const worker = await serviceWorker(context, extensionId);
  await worker.evaluate((v) => chrome.storage.local.set(v), values);
}

/**
 * Click the toolbar button on `page`'s tab. triggerAction wants the tab
 * target, the parent of the page target: it is the tab showing the page's URL
 * (the active one if several do).
 */
export async function clickAction(cdp, extensionId, page) {
  await page.bringToFront();
  const { targetInfos } = await cdp.send("Target.getTargets", { filter: [{ type: "tab" }] });
  const tabs = targetInfos.filter((t) => t.type === "tab" && t.url === page.url());
  const tab = tabs.find((t) => t.embedderData?.tabActive) ?? tabs[0];
  if (!tab) throw new Error(`no tab target shows ${page.url()}`);
  await cdp.send("Extensions.triggerAction", { id: extensionId, targetId: tab.targetId });
}
