// A saved page opened from disk sends the address its "saved from url" note names, as the
// server reads it from the file (slant/text/article.py); a live page sends where it is.
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { test } from "node:test";

createRequire(import.meta.url)("../../content/extract.js");
const { pageUrl } = globalThis.__slant.extract;

const comment = (data) => ({ nodeType: 8, data });
const doctype = { nodeType: 10 };
const page = (href, childNodes) => ({ location: { href, protocol: new URL(href).protocol }, childNodes });
const SAVED = " saved from url=(0033)https://ferry.example/news/hourly ";

test("a saved page opened from disk: the address in its note", () => {
  assert.equal(pageUrl(page("file:///home/a/hourly.html", [comment(SAVED)])), "https://ferry.example/news/hourly");
  assert.equal(pageUrl(page("file:///home/a/hourly.html", [doctype, comment(SAVED)])), "https://ferry.example/news/hourly");
});

test("a live page: where it is, whatever note it carries", () => {
  assert.equal(pageUrl(page("https://mirror.example/x", [comment(SAVED)])), "https://mirror.example/x");
});

test("a file without a note, or with IE's about:internet: the file's own address", () => {
  assert.equal(pageUrl(page("file:///home/a/x.html", [])), "file:///home/a/x.html");
  const internet = comment(" saved from url=(0014)about:internet ");
  assert.equal(pageUrl(page("file:///home/a/x.html", [internet])), "file:///home/a/x.html");
});
