/*
 * One analysis shown to a reader: extract, ask the server, draw the marks,
 * fill the panel, follow the pointer and the keyboard, send "this is wrong".
 * Shared by the extension (content/main.js) and the server's web page, which
 * differ only in their transport: how the text reaches the server and where
 * feedback goes. Progress is reported on <html data-slant-state> (loading,
 * done, error) and <html data-slant-annotations> (marks drawn) for automated
 * checks; hide() removes every trace.
 */
"use strict";
(() => {
  const slant = (globalThis.__slant ??= {});
  if (slant.View) return;

  /** Layers hidden at first: cue words crowd the tints; satire marks matter only for a passage. */
  function hiddenLayers(response) {
    const hidden = ["cues"];
    const satire = response.results.satire;
    if (!satire || satire.status !== "ok" || satire.summary?.label !== "contains_satire") hidden.push("satire");
    return hidden;
  }

  class View {
    /**
     * @param {Document} doc
     * @param {object} transport analyze(payload) -> {ok, server, response | error, health},
     *   sendFeedback(record) -> {ok, stored: "server" | "device" | null, message},
     *   countCorrections() -> number | null, openOptions() | null, retry(), close()
     */
    constructor(doc, transport) {
      this.doc = doc;
      this.transport = transport;
      this.root = doc.documentElement;
      this.run = 0;
      this.phase = "idle";
      this.reset();
    }

    reset() {
      Object.assign(this, {
        panel: null, drawer: null, article: null, response: null, server: null,
        navigable: [], current: -1, listeners: [],
      });
    }

    /**
     * Analyze and draw. `extract()` returns {map: TextMap, method, title, url, page}; it runs once
     * the panel shows "loading", so a slow page has feedback at once.
     */
    async show(extract, { server, configured = true }) {
      const runId = ++this.run;
      const started = performance.now();
      this.server = server;
      this.configured = configured;
      this.setPhase("loading");
      this.panel = new slant.Panel(this.doc, this.handlers(), {
        dark: slant.draw.pageIsDark(this.doc),
        canOpenOptions: Boolean(this.transport.openOptions),
        client: this.transport.client,
      });
      this.panel.showLoading({ server, configured });
      const article = extract();
      this.article = article;
      if (!article.map.text.trim()) {
        return this.fail({ kind: "page", message: "slant found no readable text on this page." });
      }
      const reply = await this.transport.analyze({
        text: article.map.text, url: article.url || undefined, title: article.title || undefined,
        page: article.page || undefined,
      });
      if (runId !== this.run) return undefined; // hidden while waiting
      this.server = reply.server || server;
      if (!reply.ok) return this.fail(reply.error, reply.health);
      const response = reply.response;
      if (response.text_length !== article.map.codePointLength()) {
        return this.fail({
          kind: "mismatch",
          message: `The server counted ${response.text_length} characters, slant sent ${article.map.codePointLength()}.`,
        });
      }
      this.response = response;
      const items = annotationItems(response, article.map);
      const drawer = new slant.draw.Drawer(this.doc);
      this.drawer = drawer;
      for (const layer of hiddenLayers(response)) drawer.hidden.add(layer);
      const marks = await drawer.drawAll(items);
      if (runId !== this.run) return undefined;
      const marksByAnalyzer = new Map();
      for (const mark of marks) {
        if (!marksByAnalyzer.has(mark.analyzer)) marksByAnalyzer.set(mark.analyzer, []);
        marksByAnalyzer.get(mark.analyzer).push(mark);
      }
      this.navigable = marks.filter((m) => !m.cue).sort(compareMarks);
      this.current = -1;
      const annotationCount = items.filter((item) => item.kind !== "cue").length;
      this.panel.showResult({
        server: this.server,
        response,
        method: article.method,
        layers: drawer.layers(),
        marks,
        marksByAnalyzer,
        undrawn: annotationCount - this.navigable.length,
        corrections: await this.transport.countCorrections(),
        elapsedMs: Math.round(performance.now() - started),
      });
      this.listen(this.doc, "mousemove", (e) => this.onMouseMove(e), { passive: true });
      this.listen(this.doc, "keydown", (e) => {
        if (e.key === "Escape") this.panel?.hideTooltip();
      });
      this.root.dataset.slantAnnotations = String(this.navigable.length);
      this.setPhase("done");
      return undefined;
    }

    fail(error, health = null) {
      console.warn(`slant: ${error.kind}${error.code ? ` ${error.code}` : ""}: ${error.message}`);
      this.panel?.showError({ server: this.server, configured: this.configured, error, health });
      this.root.dataset.slantAnnotations = "0";
      this.setPhase("error");
    }

    /** Undo everything: marks, panel, listeners, test hooks. */
    hide() {
      this.run++;
      this.drawer?.clear();
      this.panel?.destroy();
      for (const [target, type, fn, options] of this.listeners) target.removeEventListener(type, fn, options);
      this.reset();
      this.phase = "idle";
      delete this.root.dataset.slantState;
      delete this.root.dataset.slantAnnotations;
    }

    setPhase(phase) {
      this.phase = phase;
      this.root.dataset.slantState = phase;
    }

    listen(target, type, fn, options) {
      target.addEventListener(type, fn, options);
      this.listeners.push([target, type, fn, options]);
    }

    cueTexts(mark) {
      if (mark.analyzer !== "opinion" || !this.article) return [];
      const map = this.article.map;
      return cuesOf(mark.annotation, map).map((c) => ({
        text: c.text || map.text.slice(map.toUtf16(c.start), map.toUtf16(c.end)),
        kind: c.kind,
      }));
    }

    onMouseMove(event) {
      if (this.panel && event.composedPath().includes(this.panel.host)) {
        clearTimeout(this.hideTimer);
        return;
      }
      if (this.hoverFrame) return;
      const { clientX: x, clientY: y } = event;
      this.hoverFrame = requestAnimationFrame(() => {
        this.hoverFrame = 0;
        if (!this.drawer || !this.panel) return;
        const marks = this.drawer.marksAt(x, y);
        clearTimeout(this.hideTimer);
        if (marks.length) {
          this.panel.showTooltip(this.panel.markCards(marks, (m) => this.cueTexts(m)), x, y);
        } else {
          this.hideTimer = setTimeout(() => this.panel?.hideTooltip(), 400);
        }
      });
    }

    selectMark(mark) {
      this.current = this.navigable.indexOf(mark);
      const rect = mark.range.getBoundingClientRect();
      const target = globalThis.scrollY + rect.top - globalThis.innerHeight / 3;
      const reduce = matchMedia("(prefers-reduced-motion: reduce)").matches;
      globalThis.scrollTo({ top: Math.max(0, target), behavior: reduce ? "auto" : "smooth" });
      this.drawer.flash(mark);
      const overlapping = this.navigable.filter(
        (m) => (m === mark || rangesOverlap(m.range, mark.range)) && !this.drawer.hidden.has(m.layer));
      if (!overlapping.includes(mark)) overlapping.unshift(mark);
      this.panel.showCurrent(this.current, this.navigable.length,
        this.panel.markCards(overlapping, (m) => this.cueTexts(m)));
    }

    step(direction) {
      const visible = this.navigable.filter((m) => !this.drawer.hidden.has(m.layer));
      if (!visible.length) return;
      const at = visible.indexOf(this.navigable[this.current]);
      const next = at < 0 ? (direction > 0 ? 0 : visible.length - 1) : (at + direction + visible.length) % visible.length;
      this.selectMark(visible[next]);
    }

    /**
     * "This mark is wrong" (and what it is instead, where the panel offers one). Only the
     * sentence holding the mark and the page's url leave the page.
     */
    async sendWrong(mark, correctLabel) {
      const a = mark.annotation;
      const result = this.response?.results?.[mark.analyzer];
      const sentence = sentenceAround(this.response, this.article.map, a.start, a.end);
      const record = {
        url: this.article?.url || null,
        analyzer: mark.analyzer,
        analyzer_version: result?.analyzer?.version ?? null,
        label: a.label,
        correct_label: correctLabel ?? null,
        score: typeof a.score === "number" ? a.score : null,
        text: sentence.text,
        start: a.start - sentence.start,
        end: a.end - sentence.start,
      };
      try {
        return await this.transport.sendFeedback(record);
      } catch (error) {
        console.warn("slant: could not send the feedback", error);
        return { ok: false, stored: null, message: "Could not save" };
      }
    }

    handlers() {
      return {
        onClose: () => this.transport.close(),
        onRetry: () => this.transport.retry(),
        onOpenOptions: () => this.transport.openOptions?.(),
        onLayer: (layer, visible) => this.drawer?.setLayerVisible(layer, visible),
        onSelectMark: (mark) => this.selectMark(mark),
        onStep: (direction) => this.step(direction),
        onWrong: (mark, correctLabel) => this.sendWrong(mark, correctLabel),
        onTooltipLeave: () => {
          clearTimeout(this.hideTimer);
          this.hideTimer = setTimeout(() => this.panel?.hideTooltip(), 400);
        },
      };
    }
  }

  /** Every annotation of every ok analyzer, with its Range; opinion cue words too. */
  function annotationItems(response, map) {
    const items = [];
    for (const [name, result] of Object.entries(response.results)) {
      if (!result || result.status !== "ok" || !Array.isArray(result.annotations)) continue;
      for (const annotation of result.annotations) {
        items.push({ analyzer: name, annotation, range: map.rangeFor(annotation.start, annotation.end) });
        if (name === "opinion" && annotation.label === "opinion") {
          for (const cue of cuesOf(annotation, map)) {
            items.push({
              analyzer: name,
              kind: "cue",
              annotation: { label: "cue", start: cue.start, end: cue.end, quote: cue.text, explanation: cue.kind },
              range: map.rangeFor(cue.start, cue.end),
            });
          }
        }
      }
    }
    return items;
  }

  /** An opinion sentence's cue words, with offsets into the whole text. */
  function cuesOf(annotation, map) {
    const cues = annotation.data && Array.isArray(annotation.data.cues) ? annotation.data.cues : [];
    const textAt = (s, e) => map.text.slice(map.toUtf16(s), map.toUtf16(e));
    return cues
      .filter((c) => Number.isInteger(c.start) && Number.isInteger(c.end) && c.end > c.start)
      .map((c) => {
        if (c.start >= annotation.start && c.end <= annotation.end && (!c.text || textAt(c.start, c.end) === c.text)) {
          return c;
        }
        // Offsets relative to the sentence: tolerated, converted.
        return { ...c, start: annotation.start + c.start, end: annotation.start + c.end };
      })
      .filter((c) => c.end <= annotation.end);
  }

  /** The server's sentence(s) covering [start, end): {start, text} in code points. */
  function sentenceAround(response, map, start, end) {
    let from = start;
    let to = end;
    for (const s of response?.sentences || []) {
      if (s.end > start && s.start < end) {
        from = Math.min(from, s.start);
        to = Math.max(to, s.end);
      }
    }
    return { start: from, text: map.text.slice(map.toUtf16(from), map.toUtf16(to)) };
  }

  function compareMarks(a, b) {
    return a.range.compareBoundaryPoints(Range.START_TO_START, b.range) || a.id - b.id;
  }

  function rangesOverlap(a, b) {
    return a.compareBoundaryPoints(Range.START_TO_END, b) > 0 && a.compareBoundaryPoints(Range.END_TO_START, b) < 0;
  }

  slant.View = View;
})();
