/*
 * Options page: the three settings slant keeps in chrome.storage.local
 * (`serverUrl`, `apiKey`, `analyzers`), a connection test against
 * /api/v1/health and /api/v1/analyzers, and the export of the reader's
 * corrections as JSON Lines.
 */
"use strict";

const api = globalThis.browser ?? globalThis.chrome;
const DEFAULT_SERVER = "http://127.0.0.1:5000";
const LOCAL_HOSTS = new Set(["127.0.0.1", "localhost"]);

const form = document.getElementById("settings");
const serverInput = document.getElementById("serverUrl");
const keyInput = document.getElementById("apiKey");
const analyzersBox = document.getElementById("analyzers");
const statusLine = document.getElementById("status");

function say(message, ok = null) {
  statusLine.textContent = message;
  statusLine.className = ok === null ? "" : ok ? "ok" : "bad";
}

function parseServer(value) {
  const url = new URL(value.trim());
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error("use http:// or https://");
  return url.href.replace(/\/+$/, "");
}

/** Ask for access to a non-local server; must run inside the click handler. */
function requestAccess(server) {
  const url = new URL(server);
  if (LOCAL_HOSTS.has(url.hostname) && url.protocol === "http:") return Promise.resolve(true);
  return api.permissions.request({ origins: [`${url.origin}/*`] });
}

function selectedAnalyzers() {
  return [...analyzersBox.querySelectorAll("input:checked")].map((box) => box.value);
}

function showAnalyzers(names, selected) {
  analyzersBox.replaceChildren(...names.map((name) => {
    const box = Object.assign(document.createElement("input"), { type: "checkbox", value: name });
    box.checked = selected.includes(name);
    const label = document.createElement("label");
    label.append(box, ` ${name}`);
    return label;
  }));
}

async function load() {
  const stored = await api.storage.local.get(["serverUrl", "apiKey", "analyzers"]);
  serverInput.value = stored.serverUrl || DEFAULT_SERVER;
  keyInput.value = stored.apiKey || "";
  const analyzers = Array.isArray(stored.analyzers) ? stored.analyzers : [];
  showAnalyzers(analyzers, analyzers);
  await showCorrectionCount();
}

/** The server address typed in the form, or null after saying why it is not valid. */
function typedServer() {
  try {
    return parseServer(serverInput.value);
  } catch (error) {
    say(`That server address is not valid: ${error.message}`, false);
    return null;
  }
}

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  const server = typedServer();
  if (server === null) return;
  const granted = await requestAccess(server).catch(() => false);
  await api.storage.local.set({
    serverUrl: server,
    apiKey: keyInput.value.trim(),
    analyzers: selectedAnalyzers(),
  });
  say(granted ? "Saved." : `Saved, but slant may not contact ${server} until you allow it.`, granted);
});

document.getElementById("test").addEventListener("click", async () => {
  const server = typedServer();
  if (server === null) return;
  if (!(await requestAccess(server).catch(() => false))) {
    say(`Access to ${server} was not granted.`, false);
    return;
  }
  say(`Testing ${server}…`);
  try {
    const health = await (await fetch(`${server}/api/v1/health`)).json();
    if (health.api !== "v1") {
      say(`${server} answers but speaks API “${health.api}”; this extension needs v1.`, false);
      return;
    }
    const headers = keyInput.value.trim() ? { Authorization: `Bearer ${keyInput.value.trim()}` } : {};
    const response = await fetch(`${server}/api/v1/analyzers`, { headers });
    const listing = await response.json();
    if (!response.ok) {
      say(`Health is fine (slant ${health.slant_version}), but the analyzers list failed: ${listing.error?.message ?? response.status}.`, false);
      return;
    }
    showAnalyzers(listing.map((a) => a.name), selectedAnalyzers());
    say(`Connected: slant ${health.slant_version}, API v1, analyzers: ${listing.map((a) => a.name).join(", ")}.`, true);
  } catch (error) {
    say(`No slant server at ${server} (${error.message}). Start one with “make run”.`, false);
  }
});

async function corrections() {
  const { corrections: list = [] } = await api.storage.local.get("corrections");
  return list;
}

async function showCorrectionCount() {
  const n = (await corrections()).length;
  document.getElementById("corrections-count").textContent =
    n ? `${n} correction${n === 1 ? "" : "s"} saved on this device.` : "No corrections yet.";
}

document.getElementById("export").addEventListener("click", async () => {
  const lines = (await corrections()).map((record) => JSON.stringify(record)).join("\n");
  const blob = new Blob(lines ? [`${lines}\n`] : [], { type: "application/x-ndjson" });
  const link = Object.assign(document.createElement("a"), {
    href: URL.createObjectURL(blob),
    download: "slant-corrections.jsonl",
  });
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10000);
});

document.getElementById("clear").addEventListener("click", async () => {
  if (!confirm("Delete every correction saved on this device?")) return;
  await api.storage.local.remove("corrections");
  await showCorrectionCount();
});

api.storage.onChanged.addListener((changes) => {
  if (changes.corrections) showCorrectionCount();
});

load();
