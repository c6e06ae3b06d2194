/*
 * The click, in the page: extract, ask the background to analyze, draw, and
 * report progress on <html data-slant-state> (loading, done, error) and
 * <html data-slant-annotations> (marks drawn) for automated checks. A second
 * click hides everything and leaves the page as it was. Safe to inject twice:
 * the state lives on one namespace object created once per page.
 */
"use strict";
(() => {
  const slant = (globalThis.__slant ??= {});
  if (slant.main) return;

  const api = globalThis.browser ?? globalThis.chrome;
  const root = document.documentElement;
  const state = {
    phase: "idle", // idle | loading | done | error
    run: 0,
    settings: null,
    panel: null,
    drawer: null,
    article: null,
    response: null,
    server: null,
    navigable: [],
    current: -1,
    preferSelection: false,
    listeners: [],
  };

  /** Called by the background on every toolbar click. */
  function onActionClick(settings) {
    if (state.phase !== "idle") {
      hide();
      return "hidden";
    }
    state.settings = settings;
    run().catch((error) => fail({ kind: "internal", message: String(error && error.message || error) }));
    return "started";
  }

  async function run() {
    const runId = ++state.run;
    const started = performance.now();
    const { serverUrl, configured } = state.settings;
    setPhase("loading");
    state.panel = new slant.Panel(document, handlers, { dark: slant.draw.pageIsDark(document) });
    state.panel.showLoading({ server: serverUrl, configured });
    const article = slant.extract.extractArticle(document, { preferSelection: state.preferSelection });
    state.article = article;
    if (!article.map.text.trim()) {
      return fail({ kind: "page", message: "slant found no readable text on this page." });
    }
    const reply = await api.runtime.sendMessage({
      type: "slant:analyze",
      payload: { text: article.map.text, url: article.url, title: article.title },
    });
    if (runId !== state.run) return; // hidden while waiting
    state.server = reply.server || serverUrl;
    if (!reply.ok) {
      state.preferSelection = reply.error && reply.error.code === "payload_too_large";
      return fail(reply.error, reply.health);
    }
    state.preferSelection = false;
    const response = reply.response;
    if (response.text_length !== article.map.codePointLength()) {
      return fail({
        kind: "mismatch",
        message: `The server counted ${response.text_length} characters, slant sent ${article.map.codePointLength()}.`,
      });
    }
    state.response = response;
    const items = annotationItems(response, article.map);
    const drawer = new slant.draw.Drawer(document);
    state.drawer = drawer;
    const marks = await drawer.drawAll(items);
    if (runId !== state.run) return;
    const marksByAnalyzer = new Map();
    for (const mark of marks) {
      if (!marksByAnalyzer.has(mark.analyzer)) marksByAnalyzer.set(mark.analyzer, []);
      marksByAnalyzer.get(mark.analyzer).push(mark);
    }
    state.navigable = marks.filter((m) => !m.cue).sort(compareMarks);
    state.current = -1;
    const annotationCount = items.filter((item) => item.kind !== "cue").length;
    state.panel.showResult({
      server: state.server,
      response,
      method: article.method,
      legend: drawer.legend(),
      marks,
      marksByAnalyzer,
      undrawn: annotationCount - state.navigable.length,
      corrections: await countCorrections(),
      elapsedMs: Math.round(performance.now() - started),
    });
    listen(document, "mousemove", onMouseMove, { passive: true });
    listen(document, "keydown", onKeyDown);
    root.dataset.slantAnnotations = String(state.navigable.length);
    setPhase("done");
  }

  function fail(error, health = null) {
    console.warn(`slant: ${error.kind}${error.code ? ` ${error.code}` : ""}: ${error.message}`);
    state.panel?.showError({
      server: state.server || state.settings.serverUrl,
      configured: state.settings.configured,
      error,
      health,
    });
    root.dataset.slantAnnotations = "0";
    setPhase("error");
  }

  /** Undo everything: marks, panel, listeners, test hooks. */
  function hide() {
    state.run++;
    state.drawer?.clear();
    state.panel?.destroy();
    for (const [target, type, fn, options] of state.listeners) target.removeEventListener(type, fn, options);
    Object.assign(state, { phase: "idle", panel: null, drawer: null, response: null, navigable: [], listeners: [] });
    delete root.dataset.slantState;
    delete root.dataset.slantAnnotations;
  }

  function setPhase(phase) {
    state.phase = phase;
    root.dataset.slantState = phase;
  }

  function listen(target, type, fn, options) {
    target.addEventListener(type, fn, options);
    state.listeners.push([target, type, fn, options]);
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

  function compareMarks(a, b) {
    return a.range.compareBoundaryPoints(Range.START_TO_START, b.range) || a.id - b.id;
  }

  function cueTexts(mark) {
    if (mark.analyzer !== "opinion" || !state.article) return [];
    return cuesOf(mark.annotation, state.article.map).map((c) => ({
      text: c.text || state.article.map.text.slice(state.article.map.toUtf16(c.start), state.article.map.toUtf16(c.end)),
      kind: c.kind,
    }));
  }

  let hoverFrame = 0;
  let hideTimer = 0;
  function onMouseMove(event) {
    if (event.composedPath().includes(state.panel?.host)) {
      clearTimeout(hideTimer);
      return;
    }
    if (hoverFrame) return;
    const { clientX: x, clientY: y } = event;
    hoverFrame = requestAnimationFrame(() => {
      hoverFrame = 0;
      if (!state.drawer || !state.panel) return;
      const marks = state.drawer.marksAt(x, y);
      if (marks.length) {
        clearTimeout(hideTimer);
        state.panel.showTooltip(state.panel.markCards(marks, cueTexts), x, y);
      } else {
        clearTimeout(hideTimer);
        hideTimer = setTimeout(() => state.panel?.hideTooltip(), 400);
      }
    });
  }

  function onKeyDown(event) {
    if (event.key === "Escape") state.panel?.hideTooltip();
  }

  function selectMark(mark) {
    const index = state.navigable.indexOf(mark);
    state.current = index;
    const rect = mark.range.getBoundingClientRect();
    const target = globalThis.scrollY + rect.top - globalThis.innerHeight / 3;
    globalThis.scrollTo({ top: Math.max(0, target), behavior: matchMedia("(prefers-reduced-motion: reduce)").matches ? "auto" : "smooth" });
    state.drawer.flash(mark);
    const overlapping = state.navigable.filter((m) => m === mark || rangesOverlap(m.range, mark.range));
    state.panel.showCurrent(index, state.navigable.length, state.panel.markCards(
      overlapping.filter((m) => !state.drawer.hidden.has(m.analyzer)), cueTexts));
  }

  function rangesOverlap(a, b) {
    return a.compareBoundaryPoints(Range.START_TO_END, b) > 0 && a.compareBoundaryPoints(Range.END_TO_START, b) < 0;
  }

  function step(direction) {
    const visible = state.navigable.filter((m) => !state.drawer.hidden.has(m.analyzer));
    if (!visible.length) return;
    const at = visible.indexOf(state.navigable[state.current]);
    const next = at < 0 ? (direction > 0 ? 0 : visible.length - 1) : (at + direction + visible.length) % visible.length;
    selectMark(visible[next]);
  }

  /** Keep the reader's "this mark is wrong" locally, for export as JSON Lines. */
  async function recordWrong(mark) {
    const a = mark.annotation;
    const result = state.response?.results?.[mark.analyzer];
    const record = {
      noted_at: new Date().toISOString(),
      verdict: "wrong",
      url: state.article?.url ?? null,
      title: state.article?.title ?? null,
      server: state.server,
      analyzer: mark.analyzer,
      analyzer_version: result?.analyzer?.version ?? null,
      label: a.label,
      score: a.score ?? null,
      start: a.start,
      end: a.end,
      quote: a.quote,
      explanation: a.explanation ?? null,
    };
    try {
      const { corrections = [] } = await api.storage.local.get("corrections");
      corrections.push(record);
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

  const handlers = {
    onClose: () => hide(),
    onRetry: async () => {
      const settings = await api.runtime.sendMessage({ type: "slant:settings" });
      hide();
      onActionClick({ serverUrl: settings.serverUrl, configured: settings.configured });
    },
    onOpenOptions: () => api.runtime.sendMessage({ type: "slant:open-options" }),
    onToggle: (analyzer, visible) => state.drawer?.setAnalyzerVisible(analyzer, visible),
    onSelectMark: selectMark,
    onStep: step,
    onWrong: recordWrong,
    onTooltipLeave: () => {
      clearTimeout(hideTimer);
      hideTimer = setTimeout(() => state.panel?.hideTooltip(), 400);
    },
  };

  slant.main = { onActionClick };
})();
