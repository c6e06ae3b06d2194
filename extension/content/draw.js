/*
 * Draws annotations on the page without rewriting it.
 *
 * Where the CSS Custom Highlight API exists, each (analyzer, label) pair is
 * one named highlight styled by a generated `::highlight()` rule: the page's
 * DOM is untouched. Where it is missing, translucent boxes are drawn in an
 * overlay (its own shadow root) over the text's client rects. Any analyzer's
 * labels get a style: the built-in ones have chosen colours, others get a
 * colour derived from their name, so third-party analyzers draw unchanged.
 */
"use strict";
(() => {
  const slant = (globalThis.__slant ??= {});
  if (slant.draw) return;

  const KNOWN_STYLES = {
    "opinion/opinion": { fill: [255, 165, 0], description: "opinion sentence" },
    "opinion/fact": { fill: [64, 150, 255], description: "factual sentence" },
    "opinion/cue": { line: { rgb: [200, 90, 0], style: "dotted" }, description: "opinion cue word" },
    "sources/named_source": { line: { rgb: [0, 150, 90], style: "solid" }, description: "named source" },
    "sources/vague_source": { line: { rgb: [150, 70, 210], style: "dashed" }, description: "vague source" },
    "satire/satire": { line: { rgb: [215, 30, 140], style: "wavy" }, description: "satirical passage" },
  };
  const PRIORITY = { fill: 1, line: 3, cue: 4, focus: 10 };
  /** Layers a reader switches: opinion tints, their cue words, then one per analyzer. */
  const LAYER_NAMES = { opinion: "Opinion tints", cues: "Cue words", sources: "Sources", satire: "Satire" };
  const layerOf = (analyzer, kind) => (analyzer === "opinion" && kind === "cue" ? "cues" : analyzer);
  const DRAW_BATCH = 200;

  /** A piece of a highlight name: names say which analyzer/label they draw. */
  const cssIdent = (text) => String(text).replace(/[^A-Za-z0-9_-]/g, "_");

  /** A stable colour for a label nobody planned for. */
  function hashHue(text) {
    let h = 2166136261;
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
    return (h >>> 0) % 360;
  }

  function hslToRgb(h, s, l) {
    const f = (n) => {
      const k = (n + h / 30) % 12;
      const a = s * Math.min(l, 1 - l);
      return Math.round(255 * (l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1))));
    };
    return [f(0), f(8), f(4)];
  }

  /** The style of `analyzer/label`: {fill?: [r,g,b], line?: {rgb, style}, description}. */
  function styleFor(analyzer, label) {
    const known = KNOWN_STYLES[`${analyzer}/${label}`];
    if (known) return known;
    const rgb = hslToRgb(hashHue(`${analyzer}/${label}`), 0.75, 0.45);
    return { line: { rgb, style: "double" }, description: `${label} (${analyzer})` };
  }

  /** CSS colours of a style on a light or dark page. */
  function colours(style, dark) {
    const lift = (rgb) => (dark ? rgb.map((c) => Math.round(c + (255 - c) * 0.45)) : rgb);
    return {
      fill: style.fill ? `rgba(${style.fill.join(",")},${dark ? 0.38 : 0.26})` : null,
      line: style.line ? `rgb(${lift(style.line.rgb).join(",")})` : null,
      lineStyle: style.line ? style.line.style : null,
      swatch: style.fill ? `rgba(${style.fill.join(",")},0.55)` : `rgb(${lift(style.line.rgb).join(",")})`,
    };
  }

  /** True when the page's own background is dark, so tints must be stronger. */
  function pageIsDark(doc) {
    for (const el of [doc.body, doc.documentElement]) {
      if (!el) continue;
      const match = getComputedStyle(el).backgroundColor.match(/[\d.]+/g);
      if (!match) continue;
      const [r, g, b, a = 1] = match.map(Number);
      if (a < 0.5) continue;
      return 0.2126 * r + 0.7152 * g + 0.0722 * b < 110;
    }
    return matchMedia("(prefers-color-scheme: dark)").matches && !doc.body?.style.background;
  }

  function supportsHighlights() {
    return typeof Highlight === "function" && typeof CSS !== "undefined" && CSS.highlights;
  }

  /**
   * One stylesheet of slant's own on the page, replaced whole and removed on hide:
   * an adopted sheet where the page allows it, else one <style> element (Firefox
   * content scripts cannot always adopt sheets). The highlights and the panel's dock share it.
   */
  class PageStyle {
    constructor(doc, id) {
      this.doc = doc;
      this.id = id;
      this.sheet = null;
      this.element = null;
    }

    set(css) {
      try {
        if (!this.sheet) {
          this.sheet = new CSSStyleSheet();
          this.doc.adoptedStyleSheets = [...this.doc.adoptedStyleSheets, this.sheet];
        }
        this.sheet.replaceSync(css);
      } catch {
        this.sheet = null;
        if (!this.element) {
          this.element = this.doc.createElement("style");
          this.element.id = this.id;
          (this.doc.head || this.doc.documentElement).append(this.element);
        }
        this.element.textContent = css;
      }
    }

    remove() {
      if (this.sheet) this.doc.adoptedStyleSheets = this.doc.adoptedStyleSheets.filter((s) => s !== this.sheet);
      this.sheet = null;
      this.element?.remove();
      this.element = null;
    }
  }

  class Drawer {
    constructor(doc) {
      this.doc = doc;
      this.dark = pageIsDark(doc);
      this.useHighlights = Boolean(supportsHighlights());
      this.marks = []; // {id, analyzer, label, key, range, annotation}
      this.groups = new Map(); // key -> {name, analyzer, label, style, highlight, kind}
      this.hidden = new Set(); // layers switched off
      this.style = new PageStyle(doc, "slant-highlight-style");
      this.overlay = null;
      this.focusGroup = null;
      this._onResize = () => this._scheduleOverlay();
    }

    /** The group of `analyzer/label` (kind: fill/line/cue), created on first use. */
    group(analyzer, label, kind = null) {
      const key = `${analyzer}/${label}`;
      let group = this.groups.get(key);
      if (!group) {
        const style = styleFor(analyzer, label);
        group = {
          key,
          name: `slant-${this.groups.size}-${cssIdent(analyzer)}-${cssIdent(label)}`,
          analyzer,
          label,
          style,
          colours: colours(style, this.dark),
          kind: kind || (style.fill ? "fill" : "line"),
          layer: layerOf(analyzer, kind),
          ranges: [],
          highlight: null,
        };
        if (this.useHighlights) {
          group.highlight = new Highlight();
          group.highlight.priority = PRIORITY[group.kind];
          if (!this.hidden.has(group.layer)) CSS.highlights.set(group.name, group.highlight);
        }
        this.groups.set(key, group);
        this._writeStyles();
      }
      return group;
    }

    /**
     * Draw [{analyzer, annotation, range}] in batches so the page stays responsive.
     * Returns the marks drawn.
     */
    async drawAll(items) {
      const drawn = [];
      for (let i = 0; i < items.length; i += DRAW_BATCH) {
        for (const item of items.slice(i, i + DRAW_BATCH)) {
          const mark = this._add(item);
          if (mark) drawn.push(mark);
        }
        if (i + DRAW_BATCH < items.length) await new Promise((r) => setTimeout(r, 0));
      }
      if (!this.useHighlights) this._renderOverlay();
      return drawn;
    }

    _add({ analyzer, annotation, range, kind }) {
      if (!range) return null;
      const group = this.group(analyzer, annotation.label, kind);
      group.ranges.push(range);
      if (group.highlight) group.highlight.add(range);
      const mark = {
        id: this.marks.length,
        analyzer,
        label: annotation.label,
        key: group.key,
        layer: group.layer,
        range,
        annotation,
        cue: kind === "cue",
      };
      this.marks.push(mark);
      return mark;
    }

    /** Show or hide one layer (see layers()); hidden layers take no hover either. */
    setLayerVisible(layer, visible) {
      if (visible) this.hidden.delete(layer);
      else this.hidden.add(layer);
      for (const group of this.groups.values()) {
        if (group.layer !== layer || !group.highlight) continue;
        if (visible) CSS.highlights.set(group.name, group.highlight);
        else CSS.highlights.delete(group.name);
      }
      if (!this.useHighlights) this._renderOverlay();
    }

    /** The layers drawn, in drawing order: {id, name, visible, count, entries: legend()}. */
    layers() {
      const layers = new Map();
      for (const entry of this.legend()) {
        if (!layers.has(entry.layer)) {
          layers.set(entry.layer, {
            id: entry.layer,
            name: LAYER_NAMES[entry.layer] || entry.analyzer,
            visible: !this.hidden.has(entry.layer),
            count: 0,
            entries: [],
          });
        }
        const layer = layers.get(entry.layer);
        layer.count += entry.count;
        layer.entries.push(entry);
      }
      return [...layers.values()];
    }

    /** Marks under the viewport point (x, y), cue marks left out. */
    marksAt(x, y) {
      const position = caretAt(this.doc, x, y);
      if (!position) return [];
      return this.marks.filter((mark) => {
        if (mark.cue || this.hidden.has(mark.layer)) return false;
        try {
          if (!mark.range.isPointInRange(position.node, position.offset)) return false;
        } catch {
          return false;
        }
        return [...mark.range.getClientRects()].some(
          (r) => x >= r.left - 1 && x <= r.right + 1 && y >= r.top - 1 && y <= r.bottom + 1,
        );
      });
    }

    /** Emphasise one mark for a moment (keyboard navigation, source list). */
    flash(mark) {
      if (this.useHighlights) {
        if (!this.focusGroup) {
          this.focusGroup = { name: "slant-focus", highlight: new Highlight() };
          this.focusGroup.highlight.priority = PRIORITY.focus;
          CSS.highlights.set("slant-focus", this.focusGroup.highlight);
          this._writeStyles();
        }
        this.focusGroup.highlight.clear();
        this.focusGroup.highlight.add(mark.range);
      } else {
        this._renderOverlay(mark);
      }
    }

    clear() {
      for (const group of this.groups.values()) {
        if (group.highlight) CSS.highlights.delete(group.name);
      }
      if (this.focusGroup) CSS.highlights.delete(this.focusGroup.name);
      this.groups.clear();
      this.marks = [];
      this.style.remove();
      this.overlay?.host.remove();
      globalThis.removeEventListener("resize", this._onResize);
      this.overlay = null;
    }

    /** The legend: one entry per group drawn, in drawing order. */
    legend() {
      return [...this.groups.values()].map((g) => ({
        analyzer: g.analyzer,
        label: g.label,
        layer: g.layer,
        description: g.style.description,
        swatch: g.colours.swatch,
        lineStyle: g.colours.lineStyle,
        count: g.ranges.length,
      }));
    }

    _writeStyles() {
      if (!this.useHighlights) return;
      const rules = [...this.groups.values()].map((g) => {
        const c = g.colours;
        const parts = [];
        if (c.fill) parts.push(`background-color: ${c.fill}`);
        if (c.line) {
          parts.push(`text-decoration: underline ${c.lineStyle} ${c.line}`);
          parts.push(`text-decoration-thickness: 2px`);
        }
        return `::highlight(${g.name}) { ${parts.join("; ")} }`;
      });
      const focus = this.dark ? "rgba(255,235,59,0.55)" : "rgba(255,214,0,0.65)";
      rules.push(`::highlight(slant-focus) { background-color: ${focus}; }`);
      this.style.set(rules.join("\n"));
    }

    _scheduleOverlay() {
      clearTimeout(this._overlayTimer);
      this._overlayTimer = setTimeout(() => this._renderOverlay(), 150);
    }

    /** Fallback drawing: boxes over the text, in document coordinates. */
    _renderOverlay(focusMark = null) {
      if (!this.overlay) {
        const host = this.doc.createElement("div");
        host.id = "slant-overlay-host";
        host.style.cssText =
          "position:absolute;left:0;top:0;width:0;height:0;pointer-events:none;z-index:2147483646;";
        const root = host.attachShadow({ mode: "open" });
        this.doc.documentElement.append(host);
        this.overlay = { host, root };
        globalThis.addEventListener("resize", this._onResize);
      }
      const fragment = this.doc.createDocumentFragment();
      const dx = globalThis.scrollX;
      const dy = globalThis.scrollY;
      for (const mark of this.marks) {
        if (this.hidden.has(mark.layer)) continue;
        const c = this.groups.get(mark.key).colours;
        for (const r of mark.range.getClientRects()) {
          const box = this.doc.createElement("div");
          let css = `position:absolute;left:${r.left + dx}px;top:${r.top + dy}px;width:${r.width}px;height:${r.height}px;`;
          if (c.fill) css += `background:${c.fill};mix-blend-mode:${this.dark ? "screen" : "multiply"};`;
          if (c.line) css += `border-bottom:2px ${c.lineStyle === "wavy" ? "dotted" : c.lineStyle} ${c.line};`;
          if (mark === focusMark) css += "outline:2px solid #ffd600;";
          box.style.cssText = css;
          fragment.append(box);
        }
      }
      this.overlay.root.replaceChildren(fragment);
    }
  }

  /** The text position under a viewport point, in either browser's API. */
  function caretAt(doc, x, y) {
    if (typeof doc.caretPositionFromPoint === "function") {
      const p = doc.caretPositionFromPoint(x, y);
      return p ? { node: p.offsetNode, offset: p.offset } : null;
    }
    if (typeof doc.caretRangeFromPoint === "function") {
      const r = doc.caretRangeFromPoint(x, y);
      return r ? { node: r.startContainer, offset: r.startOffset } : null;
    }
    return null;
  }

  slant.draw = { Drawer, PageStyle, pageIsDark };
})();
