// The server counts code points, JavaScript UTF-16 units: TextMap converts,
// so an emoji (two UTF-16 units) or text outside the BMP shifts no later mark.
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { test } from "node:test";

createRequire(import.meta.url)("../../content/textmap.js");
const { TextMap } = globalThis.__slant;

/** A stand-in text node: the fields TextMap reads, and a Range that records itself. */
function fakeNode(data) {
  const node = { data, isConnected: true };
  node.ownerDocument = {
    createRange: () => ({
      setStart(n, o) { this.start = [n, o]; },
      setEnd(n, o) { this.end = [n, o]; },
    }),
  };
  return node;
}

/** What a Range covers, as text. */
function covered(range) {
  const [a, from] = range.start;
  const [b, to] = range.end;
  return a === b ? a.data.slice(from, to) : a.data.slice(from) + "|" + b.data.slice(0, to);
}

/** Code point offsets of `needle` in `text`, as the server would send them. */
function codePointSpan(text, needle) {
  const at = text.indexOf(needle);
  const start = [...text.slice(0, at)].length;
  return [start, start + [...needle].length];
}

test("offsets after an emoji and an astral letter land on the right words", () => {
  const map = new TextMap();
  const first = fakeNode("Fans cheered 🎉 as 𝒳 won.");
  const second = fakeNode("Critics said it was a waste.");
  map.appendNode(first);
  map.appendBreak();
  map.appendNode(second);
  assert.equal(map.codePointLength(), [...map.text].length);
  for (const word of ["as", "won.", "Critics", "waste."]) {
    const [s, e] = codePointSpan(map.text, word);
    assert.equal(covered(map.rangeFor(s, e)), word);
  }
});

test("toUtf16 and toCodePoint are inverse on every code point boundary", () => {
  const map = new TextMap();
  map.appendNode(fakeNode("a🎉b👩‍👩‍👧c e\u0301 𝔸"));
  const n = map.codePointLength();
  for (let cp = 0; cp <= n; cp++) assert.equal(map.toCodePoint(map.toUtf16(cp)), cp);
  assert.equal(map.toUtf16(n), map.text.length);
});

test("a span across nodes starts and ends in the right nodes; filler is not drawn", () => {
  const map = new TextMap();
  const a = fakeNode("Mayor ");
  const link = fakeNode("Helen Okafor");
  const c = fakeNode(" said\nyes.");
  map.appendNode(a);
  map.appendNode(link);
  map.appendNode(c);
  assert.equal(map.text, "Mayor Helen Okafor said yes.", "line breaks become spaces of the same length");
  const range = map.rangeFor(0, map.codePointLength());
  assert.deepEqual([range.start[0], range.start[1], range.end[0], range.end[1]], [a, 0, c, c.data.length]);
  map.appendBreak();
  const [s] = codePointSpan(map.text + "x", "x");
  assert.equal(map.rangeFor(s - 2, s), null, "the blank line between blocks maps to nothing");
});

test("whitespace-only nodes add one space and no segment", () => {
  const map = new TextMap();
  map.appendNode(fakeNode("one"));
  map.appendNode(fakeNode("\n      "));
  map.appendNode(fakeNode("two"));
  assert.equal(map.text, "one two");
  assert.equal(map.segments.length, 2);
});
