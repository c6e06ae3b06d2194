/*
 * The text slant sends, and the way back from the server's offsets to the page.
 *
 * The text is built from the page's own text nodes, each copied verbatim
 * (line breaks and tabs become spaces of the same length) with blank lines
 * between blocks. Every copied piece remembers its node, so an annotation's
 * offsets map to a DOM Range exactly. The server counts code points and
 * JavaScript counts UTF-16 units: `rangeFor` converts, or one emoji would shift
 * every later mark.
 */
"use strict";
(() => {
  const slant = (globalThis.__slant ??= {});
  if (slant.TextMap) return;

  const LINE_BREAKS = /[\t\n\r\f\v]/g;

  class TextMap {
    constructor() {
      this.text = "";
      /** [{start, end, node, nodeOffset}] in UTF-16 units of `text`, in order. */
      this.segments = [];
      this._codePointIndex = null;
    }

    /** Copy `node.data[from:to]` and remember where it came from. */
    appendNode(node, from = 0, to = node.data.length) {
      const piece = node.data.slice(from, to);
      if (!piece) return;
      if (!piece.trim()) {
        // Indentation between tags: one space keeps words apart, nothing to draw.
        if (this.text && !/\s$/.test(this.text)) this.text += " ";
        return;
      }
      const start = this.text.length;
      this.text += piece.replace(LINE_BREAKS, " ");
      this.segments.push({ start, end: this.text.length, node, nodeOffset: from });
      this._codePointIndex = null;
    }

    /** A paragraph boundary: a blank line between blocks. */
    appendBreak() {
      if (!this.text || this.text.endsWith("\n\n")) return;
      this.text += this.text.endsWith("\n") ? "\n" : "\n\n";
    }

    /** A <br>: a line break inside a block. */
    appendLineBreak() {
      if (this.text && !this.text.endsWith("\n")) this.text += "\n";
    }

    /** UTF-16 index of every code point boundary: index[cp] = utf16 offset. */
    codePointIndex() {
      if (this._codePointIndex) return this._codePointIndex;
      const text = this.text;
      const index = [];
      let u = 0;
      for (const ch of text) {
        index.push(u);
        u += ch.length;
      }
      index.push(u);
      this._codePointIndex = Uint32Array.from(index);
      return this._codePointIndex;
    }

    /** Number of code points, as the server counts `text_length`. */
    codePointLength() {
      return this.codePointIndex().length - 1;
    }

    /** UTF-16 offset of a server (code point) offset, clamped to the text. */
    toUtf16(codePointOffset) {
      const index = this.codePointIndex();
      const clamped = Math.max(0, Math.min(index.length - 1, codePointOffset | 0));
      return index[clamped];
    }

    /** Code point offset of a UTF-16 offset (the inverse of toUtf16). */
    toCodePoint(utf16Offset) {
      const index = this.codePointIndex();
      let lo = 0;
      let hi = index.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (index[mid] <= utf16Offset) lo = mid;
        else hi = mid - 1;
      }
      return lo;
    }

    /** The DOM Range of code points [start, end), or null if none of it is drawable. */
    rangeFor(start, end) {
      let from = this.toUtf16(start);
      let to = this.toUtf16(end);
      if (to <= from) return null;
      const first = this._segmentEndingAfter(from);
      const last = this._segmentStartingBefore(to);
      if (first < 0 || last < 0 || first > last) return null;
      const a = this.segments[first];
      const b = this.segments[last];
      from = Math.max(from, a.start);
      to = Math.min(to, b.end);
      if (!a.node.isConnected || !b.node.isConnected) return null;
      const range = a.node.ownerDocument.createRange();
      try {
        range.setStart(a.node, a.nodeOffset + (from - a.start));
        range.setEnd(b.node, b.nodeOffset + (to - b.start));
      } catch {
        return null; // the page changed the node since we read it
      }
      return range;
    }

    _segmentEndingAfter(offset) {
      let lo = 0;
      let hi = this.segments.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (this.segments[mid].end > offset) hi = mid;
        else lo = mid + 1;
      }
      return lo < this.segments.length ? lo : -1;
    }

    _segmentStartingBefore(offset) {
      let lo = -1;
      let hi = this.segments.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (this.segments[mid].start < offset) lo = mid;
        else hi = mid - 1;
      }
      return lo;
    }
  }

  slant.TextMap = TextMap;
})();
