/*
 * The slant panel: a Shadow DOM (open, host `#slant-panel-host`) fixed to the
 * side of the page, so the page's CSS cannot reach it and it cannot reach the
 * page. It shows the state (loading, error with what to do, result), each
 * analyzer's summary with a toggle and its model card, the sources, the
 * satire verdict, keyboard navigation through the marks, and the hover card.
 * It builds every node with textContent: nothing from a server is parsed as HTML.
 */
"use strict";
(() => {
  const slant = (globalThis.__slant ??= {});
  if (slant.Panel) return;

  const BUILT_IN_ORDER = ["opinion", "sources", "satire"];
  const LIST_LIMIT = 60;

  /** Build an element: h("p", {class: "x", onclick: f}, "text", child). */
  function h(tag, attrs = {}, ...children) {
    const el = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs)) {
      if (value === null || value === undefined || value === false) continue;
      if (name.startsWith("on")) el.addEventListener(name.slice(2), value);
      else if (name === "class") el.className = value;
      else el.setAttribute(name, value === true ? "" : String(value));
    }
    for (const child of children.flat(Infinity)) {
      if (child === null || child === undefined || child === false) continue;
      el.append(child instanceof Node ? child : String(child));
    }
    return el;
  }

  const percent = (score) => (typeof score === "number" ? `${Math.round(score * 100)}%` : "");
  const excerpt = (text, max = 140) => {
    const flat = String(text || "").replace(/\s+/g, " ").trim();
    return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
  };
  const humanize = (label) => String(label).replace(/_/g, " ");

  const STYLES = `
    :host { all: initial; }
    .panel {
      position: fixed; top: 12px; right: 12px; z-index: 2147483647;
      width: 360px; max-width: calc(100vw - 24px); max-height: calc(100vh - 24px);
      display: flex; flex-direction: column; box-sizing: border-box;
      font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
      color: #1d1d1f; background: #ffffff; border: 1px solid #c9c9cf; border-radius: 10px;
      box-shadow: 0 6px 24px rgba(0,0,0,.22); overflow: hidden;
    }
    .panel.dark { color: #ececf1; background: #1f2024; border-color: #4a4b52; }
    .panel.collapsed .body, .panel.collapsed footer { display: none; }
    header { display: flex; align-items: center; gap: 8px; padding: 8px 10px;
      border-bottom: 1px solid rgba(127,127,127,.35); }
    header h2 { font-size: 15px; margin: 0; font-weight: 700; letter-spacing: .02em; }
    .status { flex: 1; font-size: 12px; opacity: .85; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    .body { overflow: auto; padding: 8px 12px 12px; }
    section { margin: 10px 0 0; padding-top: 8px; border-top: 1px solid rgba(127,127,127,.25); }
    section:first-child { border-top: 0; margin-top: 0; padding-top: 0; }
    h3 { font-size: 14px; margin: 0 0 4px; display: flex; align-items: center; gap: 6px; }
    h3 .version { font-weight: 400; font-size: 12px; opacity: .7; }
    p { margin: 4px 0; }
    ul { margin: 4px 0; padding-left: 0; list-style: none; }
    li { margin: 2px 0; }
    a { color: inherit; }
    .headline { font-weight: 600; }
    .muted { opacity: .75; font-size: 12px; }
    button {
      font: inherit; color: inherit; background: rgba(127,127,127,.12);
      border: 1px solid rgba(127,127,127,.45); border-radius: 6px; padding: 3px 8px; cursor: pointer;
    }
    button:hover { background: rgba(127,127,127,.24); }
    button:focus-visible, a:focus-visible, input:focus-visible, .panel:focus-visible {
      outline: 3px solid #2f7cf6; outline-offset: 1px; }
    .item { display: block; width: 100%; text-align: left; margin: 3px 0; padding: 5px 8px; }
    .item .who { font-weight: 600; }
    .chips { display: flex; flex-wrap: wrap; gap: 4px 10px; margin: 4px 0; font-size: 12px; }
    .chip { display: inline-flex; align-items: center; gap: 4px; }
    .swatch { display: inline-block; width: 14px; height: 10px; border-radius: 2px; }
    .swatch.line { height: 0; border-bottom: 3px solid; border-radius: 0; }
    .nav { display: flex; gap: 6px; align-items: center; margin: 6px 0; }
    .details { margin-top: 6px; }
    .mark { padding: 6px 8px; margin: 4px 0; border-radius: 6px; background: rgba(127,127,127,.12); }
    .mark .label { font-weight: 700; }
    .cues { font-size: 12px; }
    .cue { font-weight: 600; text-decoration: underline dotted; }
    .error h3 { color: #c62828; }
    .panel.dark .error h3 { color: #ff8a80; }
    code { font: 12px/1.4 ui-monospace, monospace; background: rgba(127,127,127,.18); padding: 1px 4px; border-radius: 4px; }
    .spinner { display: inline-block; width: 12px; height: 12px; border: 2px solid currentColor;
      border-right-color: transparent; border-radius: 50%; animation: spin .8s linear infinite; }
    @keyframes spin { to { transform: rotate(360deg); } }
    @media (prefers-reduced-motion: reduce) { .spinner { animation: none; } }
    footer { padding: 8px 12px; font-size: 12px; border-top: 1px solid rgba(127,127,127,.35); opacity: .9; }
    .tooltip {
      position: fixed; z-index: 2147483647; max-width: 340px; box-sizing: border-box;
      font: 13px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
      color: #1d1d1f; background: #fffef6; border: 1px solid #b8b39a; border-radius: 8px;
      padding: 4px 8px; box-shadow: 0 4px 16px rgba(0,0,0,.25);
    }
    .tooltip.dark { color: #ececf1; background: #2a2b30; border-color: #5a5b62; }
    .tooltip[hidden] { display: none; }
  `;


  /**
   * The model card link: the analyzer's own URL, or a path the server serves
   * (resolved against the server, not the page). Only http(s) links are drawn,
   * so a plugin cannot slip a javascript: URL into the page.
   */
  function modelCardUrl(modelCard, server) {
    try {
      const url = new URL(modelCard || "/api/v1/analyzers", server);
      return url.protocol === "http:" || url.protocol === "https:" ? url.href : `${server}/api/v1/analyzers`;
    } catch {
      return `${server}/api/v1/analyzers`;
    }
  }

  class Panel {
    /**
     * @param {Document} doc
     * @param {object} handlers onClose, onRetry, onOpenOptions, onToggle(analyzer, on),
     *   onSelectMark(mark), onStep(+1|-1), onWrong(mark), onTooltipLeave()
     */
    constructor(doc, handlers, { dark = false } = {}) {
      this.doc = doc;
      this.handlers = handlers;
      this.host = doc.createElement("div");
      this.host.id = "slant-panel-host";
      this.root = this.host.attachShadow({ mode: "open" });
      this.root.append(h("style", {}, STYLES));
      this.status = h("span", { class: "status", role: "status", "aria-live": "polite" });
      this.body = h("div", { class: "body" });
      this.footer = h("footer");
      this.collapseButton = h("button", {
        type: "button", "aria-expanded": "true", title: "Fold the panel",
        onclick: () => this.toggleCollapsed(),
      }, "–");
      this.panel = h("aside", {
        class: `panel${dark ? " dark" : ""}`, "aria-label": "slant analysis of this page", tabindex: "-1",
      },
        h("header", {}, h("h2", {}, "slant"), this.status, this.collapseButton,
          h("button", { type: "button", title: "Hide slant and its marks", "aria-label": "Hide slant and its marks",
            onclick: () => handlers.onClose() }, "×")),
        this.body, this.footer);
      this.tooltip = h("div", { class: `tooltip${dark ? " dark" : ""}`, role: "tooltip", hidden: true });
      this.tooltip.addEventListener("mouseleave", () => handlers.onTooltipLeave?.());
      this.root.append(this.panel, this.tooltip);
      doc.documentElement.append(this.host);
    }

    toggleCollapsed() {
      const collapsed = this.panel.classList.toggle("collapsed");
      this.collapseButton.textContent = collapsed ? "+" : "–";
      this.collapseButton.setAttribute("aria-expanded", String(!collapsed));
    }

    destroy() {
      this.host.remove();
    }

    /**
     * Where the text goes, said as it stands: "sending" while the request runs, "sent" once
     * the server answered, "policy" after an error (the text may never have left the page).
     */
    _trust(server, phase) {
      const where = {
        sending: ["The text goes only to ", h("b", {}, server), ", only because you clicked."],
        sent: ["Text was sent only to ", h("b", {}, server), ", only because you clicked."],
        policy: ["slant sends text only to ", h("b", {}, server), ", and only when you click."],
      }[phase];
      this.footer.replaceChildren(
        h("p", {}, "Marks are automated and can be wrong: read them as hints, not verdicts."),
        h("p", {}, ...where, " slant keeps nothing but its settings and your corrections. ",
          h("a", { href: "#", onclick: (e) => { e.preventDefault(); this.handlers.onOpenOptions(); } },
            "Settings")),
      );
    }

    showLoading({ server, configured }) {
      this.status.replaceChildren(h("span", { class: "spinner", "aria-hidden": "true" }), " Reading the article…");
      this.body.replaceChildren(
        h("p", {}, "Sending the article's text to ", h("b", {}, server), " for analysis."),
        ...(configured ? [] : [firstUseNote(server)]),
      );
      this._trust(server, "sending");
    }

    /** An error that says what happened and what to do about it. */
    showError({ server, configured, error, health }) {
      this.status.textContent = "Could not analyze this page";
      const advice = adviceFor(error, health, server);
      this.body.replaceChildren(
        h("section", { class: "error", role: "alert" },
          h("h3", {}, advice.title),
          h("p", {}, error.message || ""),
          ...advice.steps.map((step) => h("p", {}, ...step)),
          healthLine(health),
          h("div", { class: "nav" },
            h("button", { type: "button", onclick: () => this.handlers.onRetry() }, "Try again"),
            h("button", { type: "button", onclick: () => this.handlers.onOpenOptions() }, "Open settings"))),
        ...(configured ? [] : [firstUseNote(server)]),
      );
      this._trust(server, "policy");
      this.panel.focus({ preventScroll: true });
    }

    /**
     * @param {object} view {server, response, method, legend, marks, marksByAnalyzer,
     *   sourceMarks, undrawn, corrections, elapsedMs}
     */
    showResult(view) {
      const { response } = view;
      const drawn = view.marks.filter((m) => !m.cue).length;
      this.status.textContent = `${drawn} marks · ${view.elapsedMs} ms`;
      const names = Object.keys(response.results).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
      this.position = h("span", { class: "muted", "aria-live": "polite" }, `${drawn} marks`);
      this.details = h("div", { class: "details" });
      this.body.replaceChildren(
        h("section", {},
          h("p", { class: "muted" },
            `${response.sentences.length} sentences read (${methodName(view.method)}), language ${response.language}.`,
            view.undrawn ? ` ${view.undrawn} marks could not be placed on the page.` : ""),
          h("div", { class: "nav" },
            h("button", { type: "button", onclick: () => this.handlers.onStep(-1) }, "◀ Previous mark"),
            h("button", { type: "button", onclick: () => this.handlers.onStep(1) }, "Next mark ▶"),
            this.position),
          this.details),
        ...names.map((name) => this._analyzerSection(name, response.results[name], view)),
        h("section", {},
          h("p", { class: "muted" },
            `${view.corrections} correction${view.corrections === 1 ? "" : "s"} saved on this device. `,
            h("a", { href: "#", onclick: (e) => { e.preventDefault(); this.handlers.onOpenOptions(); } },
              "Export them as JSON Lines"))),
      );
      this._trust(view.server, "sent");
    }

    _analyzerSection(name, result, view) {
      const info = result.analyzer || { name };
      const modelCard = modelCardUrl(info.model_card, view.server);
      const toggle = h("input", {
        type: "checkbox", checked: true, id: `toggle-${name}`,
        "aria-label": `Show the ${name} marks on the page`,
        onchange: (e) => this.handlers.onToggle(name, e.target.checked),
      });
      toggle.checked = true;
      const heading = h("h3", {}, toggle, h("label", { for: `toggle-${name}` }, name),
        info.version ? h("span", { class: "version" }, `v${info.version}`) : null,
        h("a", { href: modelCard, target: "_blank", rel: "noopener noreferrer", class: "muted" }, "model card"));
      if (result.status !== "ok") {
        toggle.disabled = true;
        return h("section", {}, heading,
          h("p", {}, `${result.status}: ${result.error || "no result"}`));
      }
      const summary = result.summary || {};
      const legend = view.legend.filter((entry) => entry.analyzer === name);
      const section = h("section", { "data-analyzer": name }, heading,
        summary.headline ? h("p", { class: "headline" }, summary.headline) : null,
        legend.length ? h("div", { class: "chips", "aria-label": `${name} legend` },
          legend.map((entry) => h("span", { class: "chip" },
            h("span", {
              class: `swatch${entry.lineStyle ? " line" : ""}`,
              style: entry.lineStyle ? `border-bottom-color:${entry.swatch};border-bottom-style:${entry.lineStyle === "wavy" ? "dotted" : entry.lineStyle}` : `background:${entry.swatch}`,
            }),
            `${entry.description} (${entry.count})`))) : null);
      const marks = (view.marksByAnalyzer.get(name) || []).filter((m) => !m.cue);
      if (name === "sources") section.append(this._sourceList(marks));
      else if (name === "satire") section.append(satireVerdict(summary), this._markList(marks));
      else if (name !== "opinion") section.append(this._markList(marks));
      return section;
    }

    _sourceList(marks) {
      if (!marks.length) return h("p", { class: "muted" }, "No attributions found.");
      return h("ul", { class: "sources", "aria-label": "Sources cited" },
        marks.slice(0, LIST_LIMIT).map((mark) => {
          const d = mark.annotation.data || {};
          return h("li", {}, h("button", {
            type: "button", class: "item", "data-mark": mark.id,
            onclick: () => this.handlers.onSelectMark(mark),
          },
            h("span", { class: "who" }, d.name || excerpt(mark.annotation.quote, 40)),
            d.role ? `, ${d.role}` : "",
            h("span", { class: "muted" }, ` — ${humanize(mark.label)}${d.kind ? `, ${d.kind}` : ""}`),
            d.cue && d.cue.text ? h("div", { class: "muted" }, `cue: “${d.cue.text}”`) : null,
            d.content && d.content.text ? h("div", {}, `“${excerpt(d.content.text)}”`) : null));
        }),
        marks.length > LIST_LIMIT ? h("li", { class: "muted" }, `… and ${marks.length - LIST_LIMIT} more`) : null);
    }

    _markList(marks) {
      if (!marks.length) return h("p", { class: "muted" }, "Nothing marked.");
      return h("ul", {}, marks.slice(0, LIST_LIMIT).map((mark) => h("li", {},
        h("button", { type: "button", class: "item", onclick: () => this.handlers.onSelectMark(mark) },
          h("span", { class: "who" }, humanize(mark.label)), ` ${percent(mark.annotation.score)} `,
          h("span", { class: "muted" }, excerpt(mark.annotation.quote, 90))))));
    }

    /** The marks at one spot, as cards with their explanation and a "wrong" button. */
    markCards(marks, cueTexts) {
      return marks.map((mark) => {
        const a = mark.annotation;
        const d = a.data || {};
        const wrong = h("button", { type: "button", onclick: async () => {
          wrong.disabled = true;
          wrong.textContent = (await this.handlers.onWrong(mark)) ? "Noted, thank you" : "Could not save";
        } }, "This mark is wrong");
        const cues = cueTexts(mark);
        return h("div", { class: "mark" },
          h("div", {}, h("span", { class: "label" }, humanize(a.label)), ` · ${mark.analyzer}`,
            typeof a.score === "number" ? ` · ${percent(a.score)}` : ""),
          a.explanation ? h("div", {}, a.explanation) : null,
          cues.length ? h("div", { class: "cues" }, "Cue words: ",
            cues.map((c, i) => [i ? ", " : "", h("span", { class: "cue" }, c.text), c.kind ? ` (${c.kind})` : ""])) : null,
          mark.analyzer === "sources" && (d.name || d.role) ? h("div", { class: "muted" },
            [d.name, d.role].filter(Boolean).join(", "), d.cue?.text ? ` — “${d.cue.text}”` : "") : null,
          h("div", {}, wrong));
      });
    }

    /** Keyboard navigation: the current mark's cards, inside the panel. */
    showCurrent(index, total, cards) {
      this.position.textContent = `Mark ${index + 1} of ${total}`;
      this.details.replaceChildren(...cards);
    }

    showTooltip(cards, x, y) {
      if (!cards.length) return this.hideTooltip();
      this.tooltip.replaceChildren(...cards);
      this.tooltip.hidden = false;
      const width = Math.min(340, globalThis.innerWidth - 16);
      const left = Math.max(8, Math.min(x + 12, globalThis.innerWidth - width - 8));
      const height = this.tooltip.offsetHeight;
      const top = y + 18 + height > globalThis.innerHeight ? Math.max(8, y - height - 12) : y + 18;
      this.tooltip.style.left = `${left}px`;
      this.tooltip.style.top = `${top}px`;
    }

    hideTooltip() {
      this.tooltip.hidden = true;
    }

    tooltipContains(node) {
      return this.tooltip.contains(node);
    }
  }

  function rank(name) {
    const i = BUILT_IN_ORDER.indexOf(name);
    return i < 0 ? BUILT_IN_ORDER.length : i;
  }

  function methodName(method) {
    return { readability: "article found by Readability", selection: "your selection", body: "whole page body" }[method] || method;
  }

  function satireVerdict(summary) {
    const evidence = Array.isArray(summary.evidence) ? summary.evidence : [];
    return h("div", {},
      h("p", {}, "Verdict: ", h("b", {}, humanize(summary.label || "unknown")),
        typeof summary.score === "number" ? ` (${percent(summary.score)} likely satire or containing it)` : ""),
      evidence.length ? h("ul", { "aria-label": "Satire evidence" }, evidence.map((e) =>
        h("li", {}, h("b", {}, e.kind), `: ${excerpt(e.text, 120)}`,
          typeof e.score === "number" ? h("span", { class: "muted" }, ` (${percent(e.score)})`) : null))) : null);
  }

  function firstUseNote(server) {
    return h("section", {},
      h("h3", {}, "First time here?"),
      h("p", {}, "slant needs a slant server. This extension uses ", h("code", {}, server),
        " unless you set another one in the settings."),
      startServerSteps());
  }

  function startServerSteps() {
    return h("p", {}, "To start one on this computer, run ", h("code", {}, "make run"),
      " in your slant checkout (or ", h("code", {}, "slant serve"),
      " where slant is installed), then click Try again.");
  }

  function healthLine(health) {
    if (!health) return null;
    if (!health.reachable) {
      return h("p", { class: "muted" }, `Health check: no answer from ${health.server}/api/v1/health.`);
    }
    if (!health.compatible) {
      return h("p", { class: "muted" }, `Health check: ${health.server} answers, but speaks API “${health.api ?? "unknown"}”; `,
        "this extension needs “v1”. Update the extension or the server.");
    }
    return h("p", { class: "muted" }, `Health check: ${health.server} is up (slant ${health.slantVersion}, API v1).`);
  }

  /** What to tell the reader for each failure. Steps are arrays of nodes/strings. */
  function adviceFor(error, health, server) {
    const settings = ["Check the server address and API key in the settings."];
    if (error.kind === "unreachable") {
      return { title: "The slant server is not reachable", steps: [[startServerSteps()], settings] };
    }
    if (error.kind === "timeout") {
      return { title: "The server took too long", steps: [["It may be busy or the page very long: try again, or select a passage and click slant."]] };
    }
    if (error.kind === "permission") {
      return { title: "Permission needed", steps: [["Open the settings, save the server address and allow access when the browser asks."]] };
    }
    if (error.kind === "page") {
      return { title: "No text to analyze", steps: [["Select the passage you want checked and click slant again."]] };
    }
    if (error.kind === "mismatch") {
      return { title: "The answer does not fit this page", steps: [["The server counted the text differently. Update the server or the extension."]] };
    }
    switch (error.code) {
      case "unauthorized":
        return { title: "This server needs an API key", steps: [["Enter the key in the settings, then try again."]] };
      case "forbidden":
        return { title: "The server refused the API key", steps: [["Check the key in the settings (ask whoever runs the server)."]] };
      case "payload_too_large":
        return { title: "This page is too long for the server", steps: [["Select the part you want checked and click slant again: the selection is sent instead. The server's operator can raise the limit."]] };
      case "rate_limited":
        return { title: "Too many requests", steps: [[`The server asks you to wait${error.retryAfter ? ` ${error.retryAfter} s` : ""} before trying again.`]] };
      case "unknown_analyzer":
        return { title: "An analyzer in your settings is not on this server", steps: [settings] };
      case "validation_error":
        return { title: "The server found no text to analyze", steps: [["Select the passage you want checked and click slant again."]] };
      default:
        if (health && health.reachable && !health.compatible) {
          return { title: "This server does not speak slant's API v1", steps: [settings] };
        }
        return { title: `The server answered with an error (${error.status || "?"})`, steps: [settings, [`Server: ${server}`]] };
    }
  }

  slant.Panel = Panel;
})();
