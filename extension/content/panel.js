/*
 * The slant panel: a Shadow DOM (open, host `#slant-panel-host`) docked to the
 * right of the page, which reflows beside it (or folds it to a narrow strip),
 * so it never covers the article. Page styles cannot reach it and it cannot
 * reach the page. At the top, what a reader wants first: genre, satire and
 * sourcing, one line each with the score in words; then the layers to show,
 * the walk through the marks, one card per source, and the analyzers' details.
 * Every node is built with textContent: nothing from a server is parsed as HTML.
 */
"use strict";
(() => {
  const slant = (globalThis.__slant ??= {});
  if (slant.Panel) return;

  const BUILT_IN_ORDER = ["opinion", "sources", "satire"];
  const LIST_LIMIT = 60;
  const STRIP_WIDTH = 44;
  /** Below this much room for the page beside the panel, the panel starts folded. */
  const MIN_PAGE_WIDTH = 600;
  const GENRE_NAMES = {
    opinion: "Opinion piece", news: "News report", opinion_piece: "Opinion piece", news_report: "News report", analysis: "Analysis", editorial: "Editorial",
    review: "Review", feature: "Feature", letter: "Letter to the editor", satire: "Satire",
  };
  /** What a reader may say a mark is instead: [label, words]. Unlisted marks are just "wrong". */
  const ALTERNATIVES = {
    "opinion/opinion": [["fact", "a fact"]],
    "opinion/fact": [["opinion", "an opinion"]],
    "sources/named_source": [["vague_source", "a vague source"], ["not_a_source", "not a source"]],
    "sources/vague_source": [["named_source", "a named source"], ["not_a_source", "not a source"]],
    "satire/satire": [["not_satire", "not satire"]],
  };
  const QUOTE_MARKS = /^[\s"'“”‘’«»„‚‹›]+|[\s"'“”‘’«»„‚‹›]+$/g;

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
  const capitalize = (text) => text.charAt(0).toUpperCase() + text.slice(1);
  /**
   * A quotation in one pair of curly quotes, whatever quotes it came with; one that quotes
   * someone inside it keeps its own marks rather than gain a second, unbalanced pair.
   */
  function quoted(text, max = 140) {
    const bare = String(text || "").replace(QUOTE_MARKS, "");
    return /["“”]/.test(bare) ? excerpt(text, max) : `“${excerpt(bare, max)}”`;
  }

  /** A probability in the words a reader uses. */
  function chanceWords(p) {
    if (p >= 0.95) return "almost certain";
    if (p >= 0.8) return "very likely";
    if (p >= 0.6) return "likely";
    if (p > 0.4) return "a toss-up";
    if (p > 0.2) return "unlikely";
    if (p > 0.05) return "very unlikely";
    return "almost ruled out";
  }

  const STYLES = `
    :host { all: initial; }
    .panel {
      position: fixed; top: 0; right: 0; bottom: 0; z-index: 2147483647;
      width: var(--slant-width, 340px);
      display: flex; flex-direction: column; box-sizing: border-box;
      font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
      color: #1d1d1f; background: #ffffff; border-left: 1px solid #c9c9cf;
      box-shadow: -2px 0 12px rgba(0,0,0,.12); overflow: hidden;
    }
    .panel.dark { color: #ececf1; background: #1f2024; border-color: #4a4b52; }
    .panel.collapsed { width: ${STRIP_WIDTH}px; }
    .panel.collapsed .body, .panel.collapsed footer, .panel.collapsed .status,
    .panel.collapsed .close { display: none; }
    .panel.collapsed header { flex-direction: column; border-bottom: 0; padding: 8px 4px; }
    .panel.collapsed h2 { writing-mode: vertical-rl; transform: rotate(180deg); }
    .strip-verdicts { display: none; }
    .panel.collapsed .strip-verdicts { display: flex; flex-direction: column; gap: 6px; align-items: center; }
    header { display: flex; align-items: center; gap: 8px; padding: 8px 10px;
      border-bottom: 1px solid rgba(127,127,127,.35); }
    header h2 { font-size: 15px; margin: 0; font-weight: 700; letter-spacing: .02em; }
    .status { flex: 1; font-size: 12px; opacity: .85; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    .body { overflow: auto; padding: 10px 12px 12px; flex: 1; }
    section { margin: 12px 0 0; padding-top: 10px; border-top: 1px solid rgba(127,127,127,.25); }
    section:first-child { border-top: 0; margin-top: 0; padding-top: 0; }
    h3 { font-size: 13px; margin: 0 0 6px; text-transform: uppercase; letter-spacing: .06em; opacity: .8; }
    h4 { font-size: 14px; margin: 0 0 2px; display: flex; align-items: center; gap: 6px; flex-wrap: wrap; }
    h4 .version { font-weight: 400; font-size: 12px; opacity: .7; }
    p { margin: 4px 0; }
    ul { margin: 4px 0; padding-left: 0; list-style: none; }
    li { margin: 2px 0; }
    a { color: inherit; }
    .muted { opacity: .75; font-size: 12px; }
    button {
      font: inherit; color: inherit; background: rgba(127,127,127,.12);
      border: 1px solid rgba(127,127,127,.45); border-radius: 6px; padding: 3px 8px; cursor: pointer;
    }
    button:hover { background: rgba(127,127,127,.24); }
    button:focus-visible, a:focus-visible, input:focus-visible, .panel:focus-visible {
      outline: 3px solid #2f7cf6; outline-offset: 1px; }
    .summary { display: grid; gap: 6px; margin: 0; }
    .verdict { border-left: 4px solid var(--tone, #9a9aa2); padding: 4px 8px; border-radius: 0 6px 6px 0;
      background: rgba(127,127,127,.08); }
    .verdict dt { font-size: 11px; text-transform: uppercase; letter-spacing: .06em; opacity: .75; }
    .verdict dd { margin: 0; }
    .verdict .word { font-weight: 700; font-size: 15px; }
    .verdict .how { font-size: 13px; opacity: .85; }
    .dot { width: 12px; height: 12px; border-radius: 50%; background: var(--tone, #9a9aa2); }
    .layers { display: flex; flex-wrap: wrap; gap: 6px; }
    .layer { display: inline-flex; align-items: center; gap: 5px; font-size: 13px; padding: 2px 8px;
      border: 1px solid rgba(127,127,127,.45); border-radius: 999px; cursor: pointer; }
    .layer:has(input:checked) { background: rgba(127,127,127,.16); }
    .layer input { margin: 0; }
    .swatch { display: inline-block; width: 14px; height: 10px; border-radius: 2px; }
    .swatch.line { height: 0; border-bottom: 3px solid; border-radius: 0; }
    .nav { display: flex; gap: 6px; align-items: center; flex-wrap: wrap; margin: 6px 0; }
    .card { padding: 6px 8px; margin: 6px 0; border-radius: 6px; background: rgba(127,127,127,.10);
      border: 1px solid rgba(127,127,127,.25); }
    .card .who { font-weight: 700; }
    .card .kind { font-size: 12px; opacity: .75; }
    .quote { display: block; width: 100%; text-align: left; margin: 4px 0 0; padding: 4px 6px;
      background: transparent; border-color: transparent; }
    .quote:hover { border-color: rgba(127,127,127,.45); }
    .item { display: block; width: 100%; text-align: left; margin: 3px 0; padding: 5px 8px; }
    .item .who { font-weight: 600; }
    .mark { padding: 6px 8px; margin: 4px 0; border-radius: 6px; background: rgba(127,127,127,.12); }
    .mark .label { font-weight: 700; }
    .wrong { display: flex; flex-wrap: wrap; gap: 4px; align-items: center; margin-top: 4px; font-size: 12px; }
    .wrong button { font-size: 12px; padding: 2px 6px; }
    .cues { font-size: 12px; }
    .cue { font-weight: 600; text-decoration: underline dotted; }
    .error h3 { color: #c62828; text-transform: none; letter-spacing: 0; font-size: 14px; opacity: 1; }
    .panel.dark .error h3 { color: #ff8a80; }
    code { font: 12px/1.4 ui-monospace, monospace; background: rgba(127,127,127,.18); padding: 1px 4px; border-radius: 4px; }
    .spinner { display: inline-block; width: 12px; height: 12px; border: 2px solid currentColor;
      border-right-color: transparent; border-radius: 50%; animation: spin .8s linear infinite; }
    @keyframes spin { to { transform: rotate(360deg); } }
    @media (prefers-reduced-motion: reduce) { .spinner { animation: none; } }
    details summary { cursor: pointer; font-weight: 600; }
    footer { padding: 8px 12px; font-size: 12px; border-top: 1px solid rgba(127,127,127,.35); opacity: .9; }
    footer p { margin: 2px 0; }
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

  /**
   * Makes room for the panel: the page's root gets a right margin as wide as the
   * panel, so the page reflows beside it. One rule in a sheet of our own, removed on hide.
   */
  class Dock {
    constructor(doc) {
      this.style = new slant.draw.PageStyle(doc, "slant-dock-style");
    }

    set(width) {
      this.style.set(`html { margin-right: ${width}px !important; }`);
    }

    remove() {
      this.style.remove();
    }
  }

  class Panel {
    /**
     * @param {Document} doc
     * @param {object} handlers onClose, onRetry, onOpenOptions, onLayer(layer, on),
     *   onSelectMark(mark), onStep(+1|-1), onWrong(mark, correctLabel) -> {ok, message},
     *   onTooltipLeave()
     * @param {object} options dark: the page is dark; canOpenOptions: there is a settings page;
     *   client: "extension" or "reader" (the server's own page), for the advice's wording
     */
    constructor(doc, handlers, { dark = false, canOpenOptions = true, client = "extension" } = {}) {
      this.doc = doc;
      this.handlers = handlers;
      this.canOpenOptions = canOpenOptions;
      this.words = CLIENT_WORDS[client] || CLIENT_WORDS.extension;
      this.host = doc.createElement("div");
      this.host.id = "slant-panel-host";
      this.root = this.host.attachShadow({ mode: "open" });
      this.root.append(h("style", {}, STYLES));
      this.status = h("span", { class: "status", role: "status", "aria-live": "polite" });
      this.body = h("div", { class: "body" });
      this.footer = h("footer");
      this.stripVerdicts = h("div", { class: "strip-verdicts", "aria-hidden": "true" });
      this.collapseButton = h("button", {
        type: "button", "aria-expanded": "true", title: "Fold the panel to a strip",
        "aria-label": "Fold the panel to a strip", onclick: () => this.setCollapsed(!this.collapsed),
      }, "⇥");
      this.panel = h("aside", {
        class: `panel${dark ? " dark" : ""}`, "aria-label": "slant analysis of this page", tabindex: "-1",
      },
        h("header", {}, h("h2", {}, "slant"), this.status, this.collapseButton,
          h("button", { type: "button", class: "close", title: "Hide slant and its marks",
            "aria-label": "Hide slant and its marks", onclick: () => handlers.onClose() }, "×"),
          this.stripVerdicts),
        this.body, this.footer);
      this.tooltip = h("div", { class: `tooltip${dark ? " dark" : ""}`, role: "tooltip", hidden: true });
      this.tooltip.addEventListener("mouseleave", () => handlers.onTooltipLeave?.());
      this.root.append(this.panel, this.tooltip);
      this.dock = new Dock(doc);
      this.collapsed = false;
      this._onResize = () => this.layout();
      globalThis.addEventListener("resize", this._onResize);
      doc.documentElement.append(this.host);
      this.layout(true);
    }

    /** Width for the window: wider on wide screens; folded when the page would get too narrow. */
    layout(initial = false) {
      const viewport = globalThis.innerWidth;
      const width = viewport >= 1600 ? 400 : viewport >= 1200 ? 340 : 300;
      this.panel.style.setProperty("--slant-width", `${width}px`);
      if (initial && viewport - width < MIN_PAGE_WIDTH) this.setCollapsed(true);
      else this.dock.set(this.collapsed ? STRIP_WIDTH : width);
    }

    setCollapsed(collapsed) {
      this.collapsed = collapsed;
      this.panel.classList.toggle("collapsed", collapsed);
      this.collapseButton.textContent = collapsed ? "⇤" : "⇥";
      const what = collapsed ? "Open the panel" : "Fold the panel to a strip";
      this.collapseButton.title = what;
      this.collapseButton.setAttribute("aria-label", what);
      this.collapseButton.setAttribute("aria-expanded", String(!collapsed));
      this.layout();
    }

    destroy() {
      globalThis.removeEventListener("resize", this._onResize);
      this.dock.remove();
      this.host.remove();
    }

    _settingsLink(text) {
      if (!this.canOpenOptions) return null;
      return h("a", { href: "#", onclick: (e) => { e.preventDefault(); this.handlers.onOpenOptions(); } }, text);
    }

    /**
     * Where the text goes, said as it stands: "sending" while the request runs, "sent" once
     * the server answered, "policy" after an error (the text may never have left the page).
     */
    _trust(server, phase) {
      const where = {
        sending: ["The text goes only to ", h("b", {}, server), ", only because you asked."],
        sent: ["Text was sent only to ", h("b", {}, server), ", only because you asked."],
        policy: ["slant sends text only to ", h("b", {}, server), ", and only when you ask."],
      }[phase];
      this.footer.replaceChildren(
        h("p", {}, "Marks are automated and can be wrong: read them as hints, not verdicts."),
        h("p", {}, ...where, " Nothing is kept unless you report a mark as wrong. ", this._settingsLink("Settings")),
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
      const advice = adviceFor(error, health, server, this.words);
      this.body.replaceChildren(
        h("section", { class: "error", role: "alert" },
          h("h3", {}, advice.title),
          h("p", {}, error.message || ""),
          ...advice.steps.map((step) => h("p", {}, ...step)),
          healthLine(health, this.words),
          h("div", { class: "nav" },
            h("button", { type: "button", onclick: () => this.handlers.onRetry() }, "Try again"),
            this.canOpenOptions
              ? h("button", { type: "button", onclick: () => this.handlers.onOpenOptions() }, "Open settings")
              : null)),
        ...(configured ? [] : [firstUseNote(server)]),
      );
      this._trust(server, "policy");
      this.panel.focus({ preventScroll: true });
    }

    /**
     * @param {object} view {server, response, method, layers, marks, marksByAnalyzer,
     *   undrawn, corrections, elapsedMs}
     */
    showResult(view) {
      const { response } = view;
      const drawn = view.marks.filter((m) => !m.cue).length;
      this.status.textContent = `${drawn} marks · ${view.elapsedMs} ms`;
      const names = Object.keys(response.results).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
      const verdicts = summaryVerdicts(response.results);
      this.stripVerdicts.replaceChildren(...verdicts.map((v) =>
        h("span", { class: "dot", style: `--tone:${v.tone}`, title: `${v.what}: ${v.word}` })));
      this.position = h("span", { class: "muted", "aria-live": "polite" }, `${drawn} marks`);
      this.details = h("div", { class: "details" });
      const sources = response.results.sources;
      const satire = response.results.satire;
      this.body.replaceChildren(
        h("section", { class: "glance", "aria-labelledby": "slant-glance" },
          h("h3", { id: "slant-glance" }, "At a glance"),
          h("dl", { class: "summary" }, verdicts.map((v) =>
            h("div", { class: "verdict", style: `--tone:${v.tone}`, "data-verdict": v.key },
              h("dt", {}, v.what),
              h("dd", {}, h("span", { class: "word" }, v.word), v.how ? h("span", { class: "how" }, ` · ${v.how}`) : null))))),
        view.layers.length ? h("section", { "aria-labelledby": "slant-layers" },
          h("h3", { id: "slant-layers" }, "Show on the page"),
          h("div", { class: "layers" }, view.layers.map((layer) => this._layerToggle(layer)))) : null,
        h("section", { "aria-labelledby": "slant-walk" },
          h("h3", { id: "slant-walk" }, "Marks"),
          h("div", { class: "nav" },
            h("button", { type: "button", onclick: () => this.handlers.onStep(-1) }, "◀ Previous mark"),
            h("button", { type: "button", onclick: () => this.handlers.onStep(1) }, "Next mark ▶"),
            this.position),
          this.details),
        sources?.status === "ok" ? this._sourceSection(view.marksByAnalyzer.get("sources") || []) : null,
        satire?.status === "ok" ? satireSection(satire.summary || {}) : null,
        ...names.filter((n) => !BUILT_IN_ORDER.includes(n) && response.results[n].status === "ok")
          .map((n) => h("section", {}, h("h3", {}, n),
            this._markList((view.marksByAnalyzer.get(n) || []).filter((m) => !m.cue)))),
        h("section", { class: "about" },
          h("details", {},
            h("summary", {}, "About this analysis"),
            h("p", { class: "muted" },
              `${response.sentences.length} sentences read (${methodName(view.method)}), language ${response.language}.`,
              view.undrawn ? ` ${view.undrawn} marks could not be placed on the page.` : ""),
            ...names.map((name) => analyzerAbout(name, response.results[name], view.server)),
            typeof view.corrections === "number" ? h("p", { class: "muted" },
              `${view.corrections} correction${view.corrections === 1 ? "" : "s"} kept on this device. `,
              this._settingsLink("Export them as JSON Lines")) : null)),
      );
      this._trust(view.server, "sent");
    }

    _layerToggle(layer) {
      const input = h("input", {
        type: "checkbox", "data-layer": layer.id,
        onchange: (e) => this.handlers.onLayer(layer.id, e.target.checked),
      });
      input.checked = layer.visible;
      return h("label", { class: "layer", title: layer.entries.map((e) => `${e.description} (${e.count})`).join(", ") },
        input,
        layer.entries.map((entry) => h("span", {
          class: `swatch${entry.lineStyle ? " line" : ""}`,
          style: entry.lineStyle
            ? `border-bottom-color:${entry.swatch};border-bottom-style:${entry.lineStyle === "wavy" ? "dotted" : entry.lineStyle}`
            : `background:${entry.swatch}`,
        })),
        `${layer.name} (${layer.count})`);
    }

    /** One card per source (repeated captions and pronouns folded in), with its quotes. */
    _sourceSection(marks) {
      const cards = sourceCards(marks.filter((m) => !m.cue));
      return h("section", { class: "sources", "aria-labelledby": "slant-sources" },
        h("h3", { id: "slant-sources" }, `Sources (${cards.length})`),
        cards.length ? null : h("p", { class: "muted" }, "No one is quoted or cited."),
        cards.slice(0, LIST_LIMIT).map((card) => h("div", { class: "card source", "data-source": card.name },
          h("div", {}, h("span", { class: "who" }, card.name), card.role ? `, ${card.role}` : ""),
          h("div", { class: "kind" }, card.vague ? "vague source" : "named source",
            card.marks.length > 1 ? ` · cited ${card.marks.length} times` : ""),
          card.quotes.length
            ? card.quotes.map((q) => h("button", {
              type: "button", class: "quote", onclick: () => this.handlers.onSelectMark(q.mark),
              title: "Show it in the article",
            }, q.cue ? h("span", { class: "muted" }, `${q.cue}: `) : null, quoted(q.text)))
            : h("button", { type: "button", class: "quote", onclick: () => this.handlers.onSelectMark(card.marks[0]) },
              "Show it in the article"))),
        cards.length > LIST_LIMIT ? h("p", { class: "muted" }, `… and ${cards.length - LIST_LIMIT} more`) : null);
    }

    _markList(marks) {
      if (!marks.length) return h("p", { class: "muted" }, "Nothing marked.");
      return h("ul", {}, marks.slice(0, LIST_LIMIT).map((mark) => h("li", {},
        h("button", { type: "button", class: "item", onclick: () => this.handlers.onSelectMark(mark) },
          h("span", { class: "who" }, humanize(mark.label)), ` ${percent(mark.annotation.score)} `,
          h("span", { class: "muted" }, excerpt(mark.annotation.quote, 90))))));
    }

    /** The marks at one spot, as cards with their explanation and "this is wrong". */
    markCards(marks, cueTexts) {
      return marks.map((mark) => {
        const a = mark.annotation;
        const d = a.data || {};
        const cues = cueTexts(mark);
        return h("div", { class: "mark", "data-analyzer": mark.analyzer, "data-label": a.label },
          h("div", {}, h("span", { class: "label" }, capitalize(humanize(a.label))),
            typeof a.score === "number" ? ` · ${chanceWords(a.score)} (${percent(a.score)})` : "",
            a.label === mark.analyzer ? null : h("span", { class: "muted" }, ` · ${mark.analyzer}`)),
          a.explanation ? h("div", {}, a.explanation) : null,
          cues.length ? h("div", { class: "cues" }, "Cue words: ",
            cues.map((c, i) => [i ? ", " : "", h("span", { class: "cue" }, c.text), c.kind ? ` (${c.kind})` : ""])) : null,
          mark.analyzer === "sources" && (d.name || d.role) ? h("div", { class: "muted" },
            [d.name, d.role].filter(Boolean).join(", "), d.cue?.text ? ` — ${quoted(d.cue.text)}` : "") : null,
          this._wrongControls(mark));
      });
    }

    /** "This mark is wrong", with what it is instead where that is known. */
    _wrongControls(mark) {
      const box = h("div", { class: "wrong" });
      const choices = ALTERNATIVES[`${mark.analyzer}/${mark.label}`];
      const send = async (button, correctLabel) => {
        for (const b of box.querySelectorAll("button")) b.disabled = true;
        const answer = await this.handlers.onWrong(mark, correctLabel);
        box.replaceChildren(h("span", { role: "status" }, answer.message));
      };
      if (!choices) {
        const button = h("button", { type: "button", onclick: () => send(button, null) }, "This mark is wrong");
        box.append(button);
        return box;
      }
      box.append(h("span", {}, "This mark is wrong: it is"));
      for (const [label, words] of choices) {
        const button = h("button", {
          type: "button", "data-correct": label, "aria-label": `This mark is wrong: it is ${words}`,
          onclick: () => send(button, label),
        }, words);
        box.append(button);
      }
      return box;
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
      return undefined;
    }

    hideTooltip() {
      this.tooltip.hidden = true;
    }
  }

  /** Genre, satire, sourcing: {key, what, word, how, tone} for the summary block. */
  function summaryVerdicts(results) {
    const missing = (key, what, result) => ({
      key, what, word: "Not analyzed", tone: "#9a9aa2",
      how: result ? humanize(result.status) : "analyzer not on this server",
    });
    const verdicts = [];
    const opinion = results.opinion;
    if (opinion?.status === "ok" && opinion.summary) {
      const s = opinion.summary;
      const share = typeof s.score === "number" ? `${percent(s.score)} of sentences read as opinion` : "";
      if (typeof s.genre === "string" && s.genre) {
        const sure = typeof s.genre_score === "number" ? `${chanceWords(s.genre_score)} (${percent(s.genre_score)})` : "";
        // Called on the page's own word ("section 'Opinion'") even when the sentences read as fact.
        const filed = typeof s.genre_filed_as === "string" && s.genre_filed_as ? `filed as opinion by ${s.genre_filed_as}` : "";
        verdicts.push({
          key: "genre", what: "Genre", word: GENRE_NAMES[s.genre] || capitalize(humanize(s.genre)),
          how: [sure, filed, share].filter(Boolean).join(" · "), tone: s.genre === "news" || s.genre === "news_report" ? "#4096ff" : "#ffa500",
        });
      } else {
        verdicts.push({
          key: "genre", what: "Genre", word: s.label === "opinion" ? "Mostly opinion" : "Mostly factual",
          how: share, tone: s.label === "opinion" ? "#ffa500" : "#4096ff",
        });
      }
    } else verdicts.push(missing("genre", "Genre", opinion));
    const satire = results.satire;
    if (satire?.status === "ok" && satire.summary) {
      const s = satire.summary;
      const word = { satire: "Satire", contains_satire: "Contains satire", not_satire: "Not satire" }[s.label]
        || capitalize(humanize(s.label || "unknown"));
      verdicts.push({
        key: "satire", what: "Satire", word,
        how: typeof s.score === "number" ? `satire ${chanceWords(s.score)} (${percent(s.score)})` : "",
        tone: s.label === "not_satire" ? "#2e9d5b" : "#d71e8c",
      });
    } else verdicts.push(missing("satire", "Satire", satire));
    const sources = results.sources;
    if (sources?.status === "ok" && sources.summary) {
      const s = sources.summary;
      const named = s.named ?? 0;
      const vague = s.vague ?? 0;
      const word = { sourced: "Sourced", thinly_sourced: "Thinly sourced", unsourced: "No sources cited" }[s.label]
        || capitalize(humanize(s.label || "unknown"));
      verdicts.push({
        key: "sourcing", what: "Sourcing", word,
        how: named + vague ? `${named} named, ${vague} vague attribution${vague === 1 ? "" : "s"}` : "no one is quoted or cited",
        tone: { sourced: "#2e9d5b", thinly_sourced: "#e0a000", unsourced: "#c62828" }[s.label] || "#9a9aa2",
      });
    } else verdicts.push(missing("sourcing", "Sourcing", sources));
    return verdicts;
  }

  /** Source marks grouped by who: {name, role, vague, marks, quotes: [{text, cue, mark}]}. */
  function sourceCards(marks) {
    const cards = new Map();
    for (const mark of marks) {
      const d = mark.annotation.data || {};
      const name = d.name || excerpt(mark.annotation.quote, 40);
      const key = name.toLowerCase();
      if (!cards.has(key)) cards.set(key, { name, role: null, vague: true, marks: [], quotes: [], seen: new Set() });
      const card = cards.get(key);
      card.role ||= d.role || null;
      card.vague &&= mark.label !== "named_source";
      card.marks.push(mark);
      // A split content ('"A," she said. "B."') is shown as its parts, not what divides them.
      const parts = d.content ? (d.content.parts || [d.content]).map((p) => (p.text || "").replace(QUOTE_MARKS, "")) : [];
      const text = parts.some(Boolean) ? excerpt(parts.filter(Boolean).join(" … "), 10000) : "";
      if (text && !card.seen.has(text.toLowerCase())) {
        card.seen.add(text.toLowerCase());
        const cue = d.cue?.text && d.cue.text.toLowerCase() !== key ? d.cue.text : null;
        card.quotes.push({ text, cue, mark });
      }
    }
    return [...cards.values()];
  }

  function satireSection(summary) {
    const evidence = Array.isArray(summary.evidence) ? summary.evidence : [];
    if (!evidence.length) return null;
    return h("section", { "aria-labelledby": "slant-satire" },
      h("h3", { id: "slant-satire" }, "Satire evidence"),
      h("ul", { "aria-label": "Satire evidence" }, evidence.map((e) =>
        h("li", {}, h("b", {}, e.kind), `: ${excerpt(e.text, 120)}`,
          typeof e.score === "number" ? h("span", { class: "muted" }, ` (${percent(e.score)})`) : null,
          Array.isArray(e.leaning_on) && e.leaning_on.length
            ? h("span", { class: "muted" }, `; leaning on ${e.leaning_on.map((w) => `“${w}”`).join(", ")}`)
            : null))));
  }

  function analyzerAbout(name, result, server) {
    const info = result.analyzer || { name };
    return h("div", { class: "analyzer", "data-analyzer": name },
      h("h4", {}, name, info.version ? h("span", { class: "version" }, `v${info.version}`) : null,
        h("a", { href: modelCardUrl(info.model_card, server), target: "_blank", rel: "noopener noreferrer",
          class: "muted model-card" }, "model card")),
      result.status === "ok"
        ? (result.summary?.headline ? h("p", { class: "muted" }, result.summary.headline) : null)
        : h("p", {}, `${result.status}: ${result.error || "no result"}`));
  }

  function rank(name) {
    const i = BUILT_IN_ORDER.indexOf(name);
    return i < 0 ? BUILT_IN_ORDER.length : i;
  }

  function methodName(method) {
    return {
      readability: "article found by Readability", selection: "your selection", body: "whole page body",
      pasted: "pasted text", file: "uploaded file",
    }[method] || method;
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

  /**
   * The words that differ between the extension and the server's own reader page: the page has
   * no settings page (its API key field sits above the text) and no selection to send.
   */
  const CLIENT_WORDS = {
    extension: {
      self: "this extension",
      update: "Update the extension or the server.",
      settings: "Check the server address and API key in the settings.",
      enterKey: "Enter the key in the settings, then try again.",
      checkKey: "Check the key in the settings (ask whoever runs the server).",
      shorter: "select a passage and click slant",
    },
    reader: {
      self: "this page",
      update: "Reload this page; if that does not help, the server needs updating.",
      settings: "Check the API key under “More options”; if the error stays, tell whoever runs this server.",
      enterKey: "Close this panel, enter the key under “More options”, then analyze again.",
      checkKey: "Check the key under “More options” (ask whoever runs this server).",
      shorter: "paste a shorter passage and analyze it",
    },
  };

  function healthLine(health, words) {
    if (!health) return null;
    if (!health.reachable) {
      return h("p", { class: "muted" }, `Health check: no answer from ${health.server}/api/v1/health.`);
    }
    if (!health.compatible) {
      return h("p", { class: "muted" }, `Health check: ${health.server} answers, but speaks API “${health.api ?? "unknown"}”; `,
        `${words.self} needs “v1”. ${words.update}`);
    }
    return h("p", { class: "muted" }, `Health check: ${health.server} is up (slant ${health.slantVersion}, API v1).`);
  }

  /** What to tell the reader for each failure. Steps are arrays of nodes/strings. */
  function adviceFor(error, health, server, words) {
    const settings = [words.settings];
    if (error.kind === "unreachable") {
      return { title: "The slant server is not reachable", steps: [[startServerSteps()], settings] };
    }
    if (error.kind === "timeout") {
      return { title: "The server took too long", steps: [[`It may be busy or the page very long: try again, or ${words.shorter}.`]] };
    }
    if (error.kind === "permission") {
      return { title: "Permission needed", steps: [["Open the settings, save the server address and allow access when the browser asks."]] };
    }
    if (error.kind === "page") {
      return { title: "No text to analyze", steps: [["Select the passage you want checked and click slant again."]] };
    }
    if (error.kind === "mismatch") {
      return { title: "The answer does not fit this page", steps: [[`The server counted the text differently. ${words.update}`]] };
    }
    switch (error.code) {
      case "unauthorized":
        return { title: "This server needs an API key", steps: [[words.enterKey]] };
      case "forbidden":
        return { title: "The server refused the API key", steps: [[words.checkKey]] };
      case "payload_too_large":
        return { title: "This page is too long for the server", steps: [[words === CLIENT_WORDS.extension
          ? "Select the part you want checked and click slant again: the selection is sent instead. The server's operator can raise the limit."
          : "Paste the part you want checked and analyze it again. The server's operator can raise the limit."]] };
      case "rate_limited":
        return { title: "Too many requests", steps: [[`The server asks you to wait${error.retryAfter ? ` ${error.retryAfter} s` : ""} before trying again.`]] };
      case "unknown_analyzer":
        return { title: "An analyzer in your settings is not on this server", steps: [settings] };
      case "validation_error":
        return { title: "The server found no text to analyze", steps: [[`Check the text, or ${words.shorter}.`]] };
      default:
        if (health && health.reachable && !health.compatible) {
          return { title: "This server does not speak slant's API v1", steps: [settings] };
        }
        return { title: `The server answered with an error (${error.status || "?"})`, steps: [settings, [`Server: ${server}`]] };
    }
  }

  slant.Panel = Panel;
})();
