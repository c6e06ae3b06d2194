/*
 * The server's page for readers without the extension: paste text or open a
 * saved page, and the article is drawn here with the extension's own code
 * (content/*.js, served from the extension folder): the same extraction, the
 * same marks, the same panel. Only the transport differs: this page talks to
 * the server it came from, and keeps nothing.
 */
"use strict";
(() => {
  const slant = globalThis.__slant;
  const $ = (id) => document.getElementById(id);
  const form = $("input");
  const result = $("result");
  const body = $("article-body");
  const title = $("article-title");
  const server = location.origin;
  let pending = null; // the last article, for "Try again"

  async function post(path, payload) {
    const headers = { "Content-Type": "application/json", Accept: "application/json" };
    if ($("key").value) headers.Authorization = `Bearer ${$("key").value}`;
    const response = await fetch(path, { method: "POST", headers, body: JSON.stringify(payload) });
    return { response, json: await response.json().catch(() => null) };
  }

  const transport = {
    client: "reader",
    async analyze(payload) {
      let answer;
      try {
        answer = await post("/api/v1/analyze", payload);
      } catch {
        return { ok: false, server, error: { kind: "unreachable", message: `Cannot reach ${server}.` } };
      }
      const { response, json } = answer;
      if (response.ok && json && json.results) return { ok: true, server, response: json };
      const envelope = json && json.error;
      return {
        ok: false, server,
        error: {
          kind: "http", status: response.status, code: envelope ? envelope.code : null,
          message: envelope ? envelope.message : `HTTP ${response.status}`,
          retryAfter: response.headers.get("Retry-After"),
        },
      };
    },
    async sendFeedback(record) {
      const { response, json } = await post("/api/v1/feedback", record);
      if (response.ok) return { ok: true, stored: "server", message: "Sent to this server, thank you" };
      if (response.status === 404) {
        return { ok: false, stored: null, message: "Not sent: this server does not collect feedback" };
      }
      return { ok: false, stored: null, message: json?.error?.message || `Not sent (HTTP ${response.status})` };
    },
    countCorrections: async () => null,
    openOptions: null,
    close: () => showForm(),
    retry: () => {
      view.hide();
      if (pending) draw(pending);
    },
  };
  const view = new slant.View(document, transport);

  /** Paragraphs at blank lines, <br> at single line breaks; every character kept as typed. */
  function render(text) {
    body.replaceChildren();
    for (const block of text.split(/\n{2,}/)) {
      if (!block.trim()) continue;
      const p = document.createElement("p");
      block.split("\n").forEach((line, i) => {
        if (i) p.append(document.createElement("br"));
        p.append(line);
      });
      body.append(p);
    }
  }

  /** A saved page read as the extension reads a live one (Readability), as text and what it declares. */
  function articleOfHtml(html) {
    const doc = new DOMParser().parseFromString(html, "text/html");
    const article = slant.extract.extractArticle(doc);
    // A parsed page is not laid out: where Readability finds no article, take all its text.
    const text = article.method === "readability" ? article.map.text : slant.extract.extractElement(doc.body).text;
    const canonical = doc.querySelector('link[rel="canonical"]')?.getAttribute("href")
      || doc.querySelector('meta[property="og:url"]')?.getAttribute("content") || "";
    return {
      text, title: article.title || doc.title, url: /^https?:\/\//.test(canonical) ? canonical : "", method: "file",
      page: article.page,
    };
  }

  function draw(source) {
    pending = source;
    form.hidden = true;
    result.hidden = false;
    title.textContent = source.title || "Your text";
    render(source.text);
    const url = $("url").value.trim() || source.url || "";
    const article = () => ({
      map: slant.extract.extractElement(body), method: source.method, title: source.title, url, page: source.page,
    });
    view.show(article,
      { server }).catch((error) => view.fail({ kind: "internal", message: String(error?.message || error) }));
    title.focus();
  }

  function showForm() {
    view.hide();
    result.hidden = true;
    body.replaceChildren();
    form.hidden = false;
    $("text").focus();
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    $("form-error").textContent = "";
    const file = $("file").files[0];
    let source;
    if (file) {
      const content = await file.text();
      source = /\.html?$/i.test(file.name) || file.type === "text/html"
        ? articleOfHtml(content)
        : { text: content.replace(/\r\n?/g, "\n"), title: file.name, url: "", method: "file" };
      $("file").value = "";
    } else {
      source = { text: $("text").value.replace(/\r\n?/g, "\n"), title: "", url: "", method: "pasted" };
    }
    if (!source.text.trim()) {
      $("form-error").textContent = "Paste some text or choose a file first.";
      return;
    }
    draw(source);
  });
  $("again").addEventListener("click", showForm);
})();
