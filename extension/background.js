/*
 * slant background: runs as a Chromium service worker and as a Firefox event
 * page (no DOM, no module syntax, no state kept between events). It does two
 * things: on the toolbar click it injects the content scripts into the one tab
 * the user clicked, and it talks to the configured slant server on behalf of
 * those scripts (host permissions live here, so the server needs no CORS).
 */
"use strict";

const api = globalThis.browser ?? globalThis.chrome;

const DEFAULT_SETTINGS = Object.freeze({
  serverUrl: "http://127.0.0.1:5000",
  apiKey: "",
  analyzers: [],
});
const CONTENT_FILES = [
  "vendor/readability/Readability.js",
  "content/textmap.js",
  "content/extract.js",
  "content/draw.js",
  "content/panel.js",
  "content/view.js",
  "content/main.js",
];
const ANALYZE_TIMEOUT_MS = 30000;
const HEALTH_TIMEOUT_MS = 3000;
const SUPPORTED_API = "v1";
const LOCAL_HOSTS = new Set(["127.0.0.1", "localhost"]);

// Listeners are registered at top level so that a restarted worker gets them.
api.action.onClicked.addListener((tab) => {
  onActionClicked(tab).catch((error) => console.error("slant: click failed", error));
});
api.runtime.onMessage.addListener((message, sender, sendResponse) => {
  if (!message || typeof message.type !== "string" || !message.type.startsWith("slant:")) {
    return false;
  }
  handleMessage(message).then(sendResponse, (error) =>
    sendResponse({ ok: false, error: { kind: "internal", message: String(error) } }),
  );
  return true; // the answer comes asynchronously
});

/** Settings are read from storage on every click: the worker keeps nothing. */
async function readSettings() {
  const stored = await api.storage.local.get(["serverUrl", "apiKey", "analyzers"]);
  return {
    serverUrl: normalizeServerUrl(stored.serverUrl) || DEFAULT_SETTINGS.serverUrl,
    apiKey: typeof stored.apiKey === "string" ? stored.apiKey : "",
    analyzers: Array.isArray(stored.analyzers) ? stored.analyzers.filter(Boolean) : [],
    configured: typeof stored.serverUrl === "string" && stored.serverUrl !== "",
  };
}

function normalizeServerUrl(value) {
  if (typeof value !== "string" || !value.trim()) return "";
  try {
    const url = new URL(value.trim());
    if (url.protocol !== "http:" && url.protocol !== "https:") return "";
    return url.href.replace(/\/+$/, "");
  } catch {
    return "";
  }
}

async function onActionClicked(tab) {
  const settings = await readSettings();
  const target = { tabId: tab.id };
  await injectWithRetry(target);
  await api.scripting.executeScript({
    target,
    func: (serverUrl, configured) => globalThis.__slant.main.onActionClick({ serverUrl, configured }),
    args: [settings.serverUrl, settings.configured],
  });
}

/*
 * Chromium sometimes refuses an injection made the instant the click arrives
 * ("Cannot access contents of the page") although activeTab is granted a
 * moment later: try once more after a short pause.
 */
async function injectWithRetry(target) {
  try {
    await injectContentScripts(target);
  } catch (error) {
    console.warn("slant: injection refused, retrying once", error);
    await new Promise((resolve) => setTimeout(resolve, 150));
    await injectContentScripts(target);
  }
}

async function injectContentScripts(target) {
  const [probe] = await api.scripting.executeScript({
    target,
    func: () => Boolean(globalThis.__slant && globalThis.__slant.main),
  });
  if (!probe || probe.result !== true) {
    await api.scripting.executeScript({ target, files: CONTENT_FILES });
  }
}

async function handleMessage(message) {
  switch (message.type) {
    case "slant:analyze":
      return analyze(message.payload);
    case "slant:settings": {
      const { serverUrl, configured } = await readSettings();
      return { serverUrl, configured }; // the API key stays here
    }
    case "slant:feedback":
      return sendFeedback(message.record);
    case "slant:health":
      return checkHealth((await readSettings()).serverUrl);
    case "slant:open-options":
      await api.runtime.openOptionsPage();
      return { ok: true };
    default:
      return { ok: false, error: { kind: "internal", message: `unknown message ${message.type}` } };
  }
}

/** POST the extracted article to the server; always resolves to {ok, ...}. */
async function analyze(payload) {
  const settings = await readSettings();
  const server = settings.serverUrl;
  if (!(await hasServerPermission(server))) {
    return {
      ok: false,
      server,
      error: {
        kind: "permission",
        message: `slant may not contact ${server} yet. Open the options and grant access to it.`,
      },
    };
  }
  const body = { text: payload.text, url: payload.url, title: payload.title };
  if (payload.page) body.page = payload.page;
  if (settings.analyzers.length) body.analyzers = settings.analyzers;
  const headers = { "Content-Type": "application/json", Accept: "application/json" };
  if (settings.apiKey) headers.Authorization = `Bearer ${settings.apiKey}`;
  const started = Date.now();
  let response;
  try {
    response = await fetchWithTimeout(`${server}/api/v1/analyze`, {
      method: "POST",
      headers,
      body: JSON.stringify(body),
    }, ANALYZE_TIMEOUT_MS);
  } catch (error) {
    const timedOut = error && error.name === "AbortError";
    return {
      ok: false,
      server,
      error: {
        kind: timedOut ? "timeout" : "unreachable",
        message: timedOut
          ? `The server at ${server} did not answer within ${ANALYZE_TIMEOUT_MS / 1000} s.`
          : `Cannot reach a slant server at ${server}.`,
      },
      health: timedOut ? null : await checkHealth(server),
    };
  }
  const json = await response.json().catch(() => null);
  if (response.ok && json && json.results && Array.isArray(json.sentences)) {
    return { ok: true, server, response: json, roundTripMs: Date.now() - started };
  }
  const envelope = json && json.error ? json.error : null;
  return {
    ok: false,
    server,
    error: {
      kind: "http",
      status: response.status,
      code: envelope ? envelope.code : null,
      message: envelope ? envelope.message : `HTTP ${response.status} without a slant answer`,
      retryAfter: response.headers.get("Retry-After"),
    },
    health: envelope ? null : await checkHealth(server),
  };
}

/**
 * POST one "this is wrong" to the server. `off` when the server answers 404: its operator
 * has not turned feedback on, and the page keeps the correction on this device instead.
 */
async function sendFeedback(record) {
  const settings = await readSettings();
  const server = settings.serverUrl;
  if (!(await hasServerPermission(server))) return { ok: false, off: true, server };
  const headers = { "Content-Type": "application/json", Accept: "application/json" };
  if (settings.apiKey) headers.Authorization = `Bearer ${settings.apiKey}`;
  try {
    const response = await fetchWithTimeout(`${server}/api/v1/feedback`, {
      method: "POST", headers, body: JSON.stringify(record),
    }, HEALTH_TIMEOUT_MS);
    if (response.ok) return { ok: true, server };
    const json = await response.json().catch(() => null);
    return {
      ok: false,
      off: response.status === 404,
      server,
      message: json && json.error ? json.error.message : `HTTP ${response.status}`,
    };
  } catch (error) {
    return { ok: false, off: true, server, message: String(error) };
  }
}

/** GET /api/v1/health and say whether the server speaks our API version. */
async function checkHealth(server) {
  try {
    const response = await fetchWithTimeout(`${server}/api/v1/health`, {}, HEALTH_TIMEOUT_MS);
    const json = await response.json().catch(() => null);
    if (!response.ok || !json) {
      return { reachable: true, compatible: false, server, message: `HTTP ${response.status}` };
    }
    return {
      reachable: true,
      compatible: json.api === SUPPORTED_API,
      api: json.api ?? null,
      slantVersion: json.slant_version ?? null,
      server,
    };
  } catch (error) {
    return { reachable: false, compatible: false, server, message: String(error) };
  }
}

async function fetchWithTimeout(url, init, timeoutMs) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    return await fetch(url, { ...init, signal: controller.signal });
  } finally {
    clearTimeout(timer);
  }
}

/** Local servers are covered by host_permissions; others need a run-time grant. */
async function hasServerPermission(server) {
  const url = new URL(server);
  if (LOCAL_HOSTS.has(url.hostname) && url.protocol === "http:") return true;
  return api.permissions.contains({ origins: [`${url.origin}/*`] });
}
