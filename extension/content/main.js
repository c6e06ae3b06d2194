/*
 * The toolbar click, in the page: the extension's transport for the shared
 * view (content/view.js). The text goes to the background, which alone talks
 * to the configured server; "this is wrong" goes there too, and is kept on
 * this device when the server does not collect feedback. A second click hides
 * everything and leaves the page as it was. Safe to inject twice: the state
 * lives on one namespace object created once per page.
 */
"use strict";
(() => {
  const slant = (globalThis.__slant ??= {});
  if (slant.main) return;

  const api = globalThis.browser ?? globalThis.chrome;
  const state = { settings: null, preferSelection: false };

  const transport = {
    client: "extension",
    async analyze(payload) {
      const reply = await api.runtime.sendMessage({ type: "slant:analyze", payload });
      state.preferSelection = !reply.ok && reply.error?.code === "payload_too_large";
      return reply;
    },
    async sendFeedback(record) {
      const reply = await api.runtime.sendMessage({ type: "slant:feedback", record });
      if (reply.ok) return { ok: true, stored: "server", message: `Sent to ${reply.server}, thank you` };
      if (reply.off) {
        const saved = await keepLocally(record, reply.server);
        return saved
          ? { ok: true, stored: "device", message: "Kept on this device: the server did not take it" }
          : { ok: false, stored: null, message: "Could not save" };
      }
      return { ok: false, stored: null, message: reply.message || "Could not send" };
    },
    countCorrections,
    openOptions: () => api.runtime.sendMessage({ type: "slant:open-options" }),
    close: () => view.hide(),
    async retry() {
      const settings = await api.runtime.sendMessage({ type: "slant:settings" });
      view.hide();
      onActionClick({ serverUrl: settings.serverUrl, configured: settings.configured });
    },
  };
  const view = new slant.View(document, transport);

  /** Called by the background on every toolbar click. */
  function onActionClick(settings) {
    if (view.phase !== "idle") {
      view.hide();
      return "hidden";
    }
    state.settings = settings;
    const extract = () => slant.extract.extractArticle(document, { preferSelection: state.preferSelection });
    view.show(extract, { server: settings.serverUrl, configured: settings.configured })
      .catch((error) => view.fail({ kind: "internal", message: String(error && error.message || error) }));
    return "started";
  }

  /** A correction the server would not take, kept for export from the options page. */
  async function keepLocally(record, server) {
    try {
      const { corrections = [] } = await api.storage.local.get("corrections");
      corrections.push({ noted_at: new Date().toISOString(), verdict: "wrong", server, ...record });
      await api.storage.local.set({ corrections });
      return true;
    } catch (error) {
      console.warn("slant: could not save the correction", error);
      return false;
    }
  }

  async function countCorrections() {
    try {
      const { corrections = [] } = await api.storage.local.get("corrections");
      return corrections.length;
    } catch {
      return 0;
    }
  }

  slant.main = { onActionClick };
})();
