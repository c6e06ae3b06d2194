// End-to-end: the unpacked extension in headless Chromium against a real slant
// server. Environment: SLANT_SERVER_URL (required), SLANT_KEYED_SERVER_URL (a
// server that wants the key "right-key" and collects feedback; optional), SLANT_SEED_TEXT (path of
// the reference op-ed; its test is skipped without it), SLANT_ARTIFACTS (where
// screenshots go), SLANT_FEEDBACK_SERVER_URL (a server with feedback on, whose
// web page at / is checked against the extension; optional). Run by
// tests/test_extension_e2e.py.
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import {
  clickAction, EXTENSION_DIR, launchWithExtension, serviceWorker, setSettings,
} from "./helpers/chromium.mjs";
import { blogPage, blogParagraphs, columnPage, newsPage, pageMetaCases, servePages } from "./helpers/pages.mjs";
import {
  analyzeDirect, annotationCount, drawnMarks, drawnTexts, layout, longestTask, normalize, panelView,
  pixelStats, sentenceTexts, waitForOutcome, watchLongTasks,
} from "./helpers/slant.mjs";

const SERVER = process.env.SLANT_SERVER_URL;
const KEYED_SERVER = process.env.SLANT_KEYED_SERVER_URL;
const SEED = process.env.SLANT_SEED_TEXT;
const FEEDBACK_SERVER = process.env.SLANT_FEEDBACK_SERVER_URL;
const ARTIFACTS = process.env.SLANT_ARTIFACTS || join(EXTENSION_DIR, "..", "test-artifacts");
const CLICK_BUDGET_MS = 2000;
const COLUMN_PATH = "/2026/11/03/sunday-libraries"; // no /opinion/ in it
const LONG_TASK_BUDGET_MS = 300;

const opedText = SEED ? readFileSync(SEED, "utf8") : null;

describe("slant in Chromium", { timeout: 180000 }, () => {
  let browser;
  let site;
  let page;
  let extensionDrawing = null; // what the extension drew on the op-ed, for the web page to match

  before(async () => {
    assert.ok(SERVER, "SLANT_SERVER_URL must name a running slant server");
    mkdirSync(ARTIFACTS, { recursive: true });
    const pages = {
      "/news": newsPage(),
      // The same story on a site with a dark theme of its own (no prefers-color-scheme).
      "/dark": newsPage().replace("background: #fafafa; color: #222;", "background: #15161a; color: #ddd;"),
      [COLUMN_PATH]: columnPage(),
    };
    if (opedText) pages["/blog"] = blogPage(opedText);
    site = await servePages(pages);
    browser = await launchWithExtension();
    page = await browser.context.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    page.on("console", (message) => {
      if (message.text().startsWith("slant")) console.log(`page console: ${message.text()}`);
    });
  });

  after(async () => {
    await browser?.close();
    await site?.close();
  });

  async function click(settings) {
    await setSettings(browser.context, browser.extensionId, settings);
    const startedAt = Date.now();
    await clickAction(browser.cdp, browser.extensionId, page);
    return waitForOutcome(page, startedAt);
  }

  test("the reference op-ed on a blog page: sentences, sources and satire drawn in time", { skip: !opedText && "reference op-ed not available" }, async () => {
    const { paragraphs } = blogParagraphs(opedText);
    const articleText = paragraphs.map((p) => p.replace(/\n/g, " ")).join("\n\n");
    const answer = await analyzeDirect(SERVER, articleText);

    await page.goto(`${site.origin}/blog`);
    await watchLongTasks(page);
    const outcome = await click({ serverUrl: SERVER, apiKey: "", analyzers: [] });
    assert.equal(outcome.state, "done", JSON.stringify(await panelView(page)));
    console.log(`reference op-ed: done ${outcome.elapsedMs} ms after the click`);
    assert.ok(outcome.elapsedMs < CLICK_BUDGET_MS, `took ${outcome.elapsedMs} ms`);
    const longest = await longestTask(page);
    console.log(`reference op-ed: longest main-thread task ${Math.round(longest)} ms`);
    assert.ok(longest < LONG_TASK_BUDGET_MS, `a ${longest} ms task froze the page`);

    // Every sentence the server found is tinted, exactly over its text.
    const drawnSentences = await drawnTexts(page, "opinion", ["opinion", "fact"]);
    if (answer.results.opinion?.status === "ok") {
      assert.deepEqual(drawnSentences, sentenceTexts(answer, articleText));
      const opinions = answer.results.opinion.annotations.filter((a) => a.label === "opinion").length;
      assert.equal((await drawnTexts(page, "opinion", ["opinion"])).length, opinions);
    }
    assert.equal(outcome.annotations, annotationCount(answer));

    // The panel lists each source the server found once, with its name.
    const view = await panelView(page);
    assert.equal(view.shadowMode, "open");
    const sources = answer.results.sources;
    if (sources?.status === "ok") {
      const names = new Set(sources.annotations.map((a) => (a.data.name || normalize(a.quote)).toLowerCase()));
      assert.equal(view.sources.length, names.size, view.sources.join("\n"));
      for (const a of sources.annotations) {
        const who = a.data.name || normalize(a.quote);
        assert.ok(view.sources.some((item) => item.includes(who)), `${who} missing from ${view.sources}`);
      }
      assert.ok(!view.sources.some((item) => /[“”"]{2}/.test(item)), `doubled quotation marks: ${view.sources}`);
      const drawnSources = await drawnTexts(page, "sources", ["named_source", "vague_source"]);
      assert.deepEqual(drawnSources, sources.annotations.map((a) => normalize(a.quote)));
    }
    // At a glance: genre, satire and sourcing, in words.
    assert.deepEqual(Object.keys(view.verdicts), ["genre", "satire", "sourcing"]);
    const satire = answer.results.satire;
    if (satire?.status === "ok") {
      const word = { satire: "Satire", contains_satire: "Contains satire", not_satire: "Not satire" }[satire.summary.label];
      assert.match(view.verdicts.satire, new RegExp(word));
      // Satire marks are shown at first only where a passage of a serious piece is satirical.
      assert.equal(view.layers.satire ?? false, satire.summary.label === "contains_satire");
    }
    if (answer.results.opinion?.status === "ok") assert.equal(view.layers.cues, false, "cue words start hidden");
    // Each analyzer links its model card on the server that saw the text.
    const cardLinks = await page.evaluate(() =>
      [...document.getElementById("slant-panel-host").shadowRoot.querySelectorAll("a.model-card")].map((a) => a.href));
    assert.ok(cardLinks.includes(`${SERVER}/docs/analyzers/opinion/model-card.md`), cardLinks.join(" "));
    const card = await fetch(`${SERVER}/docs/analyzers/opinion/model-card.md`);
    assert.equal(card.status, 200);
    assert.match(view.footer, /automated and can be wrong/);
    assert.match(view.footer, new RegExp(SERVER.replace(/[.:/]/g, "\\$&")));
    assert.match(view.footer, /Text was sent only to/);

    // The panel docks beside the article: at 1024, 1280 and 1920 px the summary is on the
    // first screen of the panel and the article's text box is left of the panel.
    for (const width of [1024, 1920, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await page.waitForTimeout(100);
      const box = await layout(page, ".post-body");
      assert.equal(box.collapsed, false, `folded at ${width} px`);
      assert.ok(box.element.right <= box.panel.left, `${width} px: article ends at ${box.element.right}, panel starts at ${box.panel.left}`);
      assert.ok(box.glance.top >= box.panel.top && box.glance.bottom <= box.viewport.height,
        `${width} px: summary at ${box.glance.top}-${box.glance.bottom}`);
      const png = await page.screenshot({ path: join(ARTIFACTS, `extension-chromium-blog-${width}.png`) });
      // The headline is drawn, not hidden under the panel: dark text pixels in its box.
      const headline = await page.evaluate(() => {
        const r = document.querySelector(".post-title").getBoundingClientRect();
        return { left: r.left, top: r.top, width: r.width, height: r.height };
      });
      const ink = await pixelStats(browser.context, png, headline);
      assert.ok(ink.dark > 0.03, `${width} px: headline box has ${ink.dark} dark pixels`);
      // The panel's own pixels start where its box says: light panel paint at its left edge.
      const edge = await pixelStats(browser.context, png, { left: box.panel.left + 2, top: 300, width: 4, height: 200 });
      assert.ok(edge.mean.every((c) => c > 200), `${width} px: panel edge ${edge.mean}`);
    }
    extensionDrawing = { text: articleText, marks: await drawnMarks(page), verdicts: view.verdicts };

    // Hovering a mark shows why it is there, with the "wrong" control.
    const hovered = await page.evaluate(() => {
      const [name, highlight] = [...CSS.highlights].find(([n]) => /-(opinion|fact|named_source|vague_source)$/.test(n));
      const range = [...highlight][0];
      const r = range.getClientRects()[0];
      return { name, text: range.toString(), x: r.left + Math.min(8, r.width / 2), y: r.top + r.height / 2 };
    });
    await page.mouse.move(hovered.x, hovered.y);
    await page.waitForFunction(() => !document.getElementById("slant-panel-host").shadowRoot.querySelector(".tooltip").hidden);
    const tooltip = (await panelView(page)).tooltip;
    const [analyzer] = hovered.name.match(/^slant-\d+-(.+)-[^-]+$/).slice(1);
    const explained = answer.results[analyzer].annotations.find((a) => normalize(a.quote) === normalize(hovered.text));
    assert.ok(tooltip.includes(normalize(explained.explanation)), tooltip);
    assert.match(tooltip, /This mark is wrong/);
    await page.screenshot({ path: join(ARTIFACTS, "extension-chromium-blog.png") });

    // A second click hides everything and restores the page.
    await clickAction(browser.cdp, browser.extensionId, page);
    await page.waitForFunction(() => !document.getElementById("slant-panel-host"));
    const after = await page.evaluate(() => ({
      state: document.documentElement.dataset.slantState ?? null,
      highlights: CSS.highlights.size,
    }));
    assert.deepEqual(after, { state: null, highlights: 0 });
  });

  test("the web page at / draws the op-ed with the extension's marks, and takes feedback", {
    skip: (!opedText && "reference op-ed not available") || (!FEEDBACK_SERVER && "no feedback server given"),
  }, async () => {
    assert.ok(extensionDrawing, "the extension's op-ed test ran first");
    const web = await browser.context.newPage();
    const requested = [];
    web.on("request", (request) => requested.push(request.url()));
    try {
      await web.setViewportSize({ width: 1280, height: 900 });
      await web.goto(`${FEEDBACK_SERVER}/`);
      // Open the saved blog page and press Analyze with the keyboard.
      await web.setInputFiles("#file", {
        name: "oped.html", mimeType: "text/html", buffer: Buffer.from(blogPage(opedText)),
      });
      // The address the extension sent too: the satire check reads it.
      await web.click("details summary");
      await web.fill("#url", `${site.origin}/blog`);
      await web.focus("#analyze");
      const startedAt = Date.now();
      await web.keyboard.press("Enter");
      const outcome = await waitForOutcome(web, startedAt);
      assert.equal(outcome.state, "done", JSON.stringify(await panelView(web)));
      console.log(`web page: op-ed done ${outcome.elapsedMs} ms after Enter`);
      // One drawing code: the same marks, the same verdicts as the extension on the live page.
      assert.deepEqual(await drawnMarks(web), extensionDrawing.marks);
      const view = await panelView(web);
      assert.deepEqual(view.verdicts, extensionDrawing.verdicts);
      assert.match(view.footer, /Text was sent only to/);
      const box = await layout(web, "#article-body");
      assert.ok(box.element.right <= box.panel.left, `article ends at ${box.element.right}, panel at ${box.panel.left}`);
      assert.ok(box.glance.bottom <= box.viewport.height);
      const png = await web.screenshot({ path: join(ARTIFACTS, "webpage-chromium-oped.png") });
      const ink = await pixelStats(browser.context, png, { ...box.element, height: 200 });
      assert.ok(ink.dark > 0.01, `article text drawn: ${ink.dark}`);
      // No external assets: every request stayed on the server.
      const origin = new URL(FEEDBACK_SERVER).origin;
      assert.deepEqual(requested.filter((u) => !u.startsWith(origin) && !u.startsWith("data:")), []);

      // Feedback: step to the first mark with the keyboard, say what it is instead.
      await web.locator("#slant-panel-host").locator("button", { hasText: "Next mark" }).focus();
      await web.keyboard.press("Enter");
      const choice = web.locator("#slant-panel-host .details .wrong button").first();
      const correct = await choice.getAttribute("data-correct");
      const card = web.locator("#slant-panel-host .details .mark").first();
      const marked = { analyzer: await card.getAttribute("data-analyzer"), label: await card.getAttribute("data-label") };
      await choice.focus();
      await web.keyboard.press("Enter");
      await web.locator("#slant-panel-host .details .wrong", { hasText: "Sent to this server" }).waitFor();
      const first = extensionDrawing.marks[`${marked.analyzer}/${marked.label}`];
      if (process.env.SLANT_FEEDBACK_EXPECTED) {
        writeFileSync(process.env.SLANT_FEEDBACK_EXPECTED, JSON.stringify({ ...marked, correct, first: first?.[0] ?? null, url: `${site.origin}/blog` }));
      }

      // Dark mode, pasted text: a dark panel, and still the extension's marks.
      await web.emulateMedia({ colorScheme: "dark" });
      await web.locator("#slant-panel-host").locator("button.close").click();
      await web.fill("#text", extensionDrawing.text);
      await web.click("#analyze");
      assert.equal((await waitForOutcome(web, Date.now())).state, "done");
      assert.deepEqual(await drawnMarks(web), extensionDrawing.marks);
      const dark = await layout(web, "#article-body");
      assert.equal(dark.dark, true);
      const darkPng = await web.screenshot({ path: join(ARTIFACTS, "webpage-chromium-dark.png") });
      const edge = await pixelStats(browser.context, darkPng, { left: dark.panel.left + 2, top: 300, width: 4, height: 200 });
      assert.ok(edge.mean.every((c) => c < 60), `dark panel edge ${edge.mean}`);
    } finally {
      await web.close();
    }
  });

  test("a news page: nested markup, links in sentences, an emoji, and an ad left alone", async () => {
    await page.goto(`${site.origin}/news`);
    const blocks = await page.evaluate(() =>
      [...document.querySelectorAll(".story p, .story figcaption")].map((el) => el.textContent),
    );
    const articleText = blocks.map((b) => b.replace(/\s+/g, " ").trim()).join("\n\n");
    const answer = await analyzeDirect(SERVER, articleText);

    const outcome = await click({ serverUrl: SERVER, apiKey: "", analyzers: [] });
    assert.equal(outcome.state, "done", JSON.stringify(await panelView(page)));
    const drawn = await drawnTexts(page, "opinion", ["opinion", "fact"]);
    if (answer.results.opinion?.status === "ok") {
      // The sentence after the emoji ends where the server says: offsets converted.
      assert.deepEqual(drawn, sentenceTexts(answer, articleText));
      assert.ok(drawn.some((s) => s.startsWith("Opponents argued")), drawn.join("\n"));
    }
    const everything = [];
    for (const [name] of await page.evaluate(() => [...CSS.highlights.keys()].map((k) => [k]))) {
      const m = name.match(/^slant-\d+-(.+)-([^-]+)$/);
      everything.push(...(await drawnTexts(page, m[1], [m[2]])));
    }
    assert.ok(everything.length > 0);
    assert.ok(!everything.some((t) => /life jackets|Share on Facebook|All rights reserved/.test(t)), "drew outside the article");
    const sources = answer.results.sources;
    if (sources?.status === "ok") {
      assert.deepEqual(
        await drawnTexts(page, "sources", ["named_source", "vague_source"]),
        sources.annotations.map((a) => normalize(a.quote)),
      );
      // A quotation split by its attribution is listed as its parts, not what divides them.
      const split = sources.annotations.find((a) => (a.data.content?.parts || []).length > 1);
      assert.ok(split, JSON.stringify(sources.annotations.map((a) => a.data.content)));
      const listed = (await panelView(page)).sources;
      assert.ok(
        listed.some((item) => /for a century,? … and the sea keeps winning/.test(item) && !/century,["”]/.test(item)),
        listed.join("\n"),
      );
    }
    await page.screenshot({ path: join(ARTIFACTS, "extension-chromium-news.png") });

    // Keyboard path: step to the first mark, say it is wrong. This server does not collect
    // feedback (404), so the correction is kept on this device, with the sentence only.
    await page.locator("#slant-panel-host").locator("button", { hasText: "Next mark" }).focus();
    await page.keyboard.press("Enter");
    const wrong = page.locator("#slant-panel-host .details .wrong button").first();
    await wrong.focus();
    await page.keyboard.press("Enter");
    await page.locator("#slant-panel-host .details .wrong", { hasText: "Kept on this device" }).first().waitFor();
    const worker = await serviceWorker(browser.context, browser.extensionId);
    const corrections = await worker.evaluate(() => chrome.storage.local.get("corrections").then((s) => s.corrections));
    assert.equal(corrections.length, 1);
    assert.equal(corrections[0].verdict, "wrong");
    assert.equal(corrections[0].url, `${site.origin}/news`);
    const marked = [...corrections[0].text].slice(corrections[0].start, corrections[0].end).join("");
    assert.ok(everything.includes(normalize(marked)), marked);
    assert.ok(answer.sentences.some((s) => normalize([...articleText].slice(s.start, s.end).join("")) === normalize(corrections[0].text)),
      `not one sentence: ${corrections[0].text}`);
    await worker.evaluate(() => chrome.storage.local.remove("corrections"));

    await clickAction(browser.cdp, browser.extensionId, page);
    await page.waitForFunction(() => !document.documentElement.dataset.slantState);
  });

  test("a column filed under Opinion only in its page's metadata comes back an opinion piece", async () => {
    await page.goto(`${site.origin}${COLUMN_PATH}`);
    const blocks = await page.evaluate(() => [...document.querySelectorAll(".story p")].map((el) => el.textContent));
    const articleText = blocks.map((b) => b.replace(/\s+/g, " ").trim()).join("\n\n");
    const bare = (await analyzeDirect(SERVER, articleText)).results.opinion;
    const outcome = await click({ serverUrl: SERVER, apiKey: "", analyzers: [] });
    assert.equal(outcome.state, "done", JSON.stringify(await panelView(page)));
    const genre = (await panelView(page)).verdicts.genre;
    console.log(`column: text alone ${bare?.summary?.genre} ${bare?.summary?.genre_score}; clicked: ${genre}`);
    if (bare?.status === "ok") {
      // The click sent the page's article:section: the genre moved from the text's own reading.
      assert.match(genre, /Opinion piece/);
      assert.match(genre, /filed as opinion by section 'Opinion'/);  // why, when the sentences read as fact
      const clicked = Number(genre.match(/\((\d+)%\)/)[1]) / 100;
      assert.ok(clicked > bare.summary.genre_score + 0.1, `${genre} vs ${bare.summary.genre_score} for the text alone`);
    }
    await page.screenshot({ path: join(ARTIFACTS, "extension-chromium-column-section.png") });
    await clickAction(browser.cdp, browser.extensionId, page);
    await page.waitForFunction(() => !document.documentElement.dataset.slantState);

    // The web page at / sends the same metadata from a saved copy of the page.
    const web = await browser.context.newPage();
    try {
      await web.goto(`${SERVER}/`);
      await web.setInputFiles("#file", { name: "column.html", mimeType: "text/html", buffer: Buffer.from(columnPage()) });
      await web.click("#analyze");
      assert.equal((await waitForOutcome(web, Date.now())).state, "done");
      if (bare?.status === "ok") assert.match((await panelView(web)).verdicts.genre, /Opinion piece/);

      // The extension's reader of page metadata (the same extract.js) agrees with the server's
      // on every fixture, and keeps to the contract's limits.
      const read = await web.evaluate((cases) => cases.map(({ name, html }) => {
        const doc = new DOMParser().parseFromString(html, "text/html");
        return [name, globalThis.__slant.extract.pageInfo(doc)];
      }), pageMetaCases());
      const none = { sections: [], types: [], tags: [], author_role: null };
      for (const [[name, got], { expected }] of read.map((r, i) => [r, pageMetaCases()[i]])) {
        assert.deepEqual(got ?? none, expected, name);
      }
      const openapi = await (await fetch(`${SERVER}/api/v1/openapi.json`)).json();
      const schema = openapi.components.schemas.PageInfo.properties;
      const limits = await web.evaluate(() => globalThis.__slant.extract.PAGE_LIMITS);
      for (const [field, max] of Object.entries(limits)) assert.equal(schema[field].maxItems, max, field);
      assert.equal(schema.author_role.maxLength, await web.evaluate(() => globalThis.__slant.extract.PAGE_VALUE_MAX_CHARS));
    } finally {
      await web.close();
    }
  });

  test("a page with a dark theme: the panel is dark and the marks still show", async () => {
    await page.goto(`${site.origin}/dark`);
    const outcome = await click({ serverUrl: SERVER, apiKey: "", analyzers: [] });
    assert.equal(outcome.state, "done", JSON.stringify(await panelView(page)));
    const box = await layout(page, ".story");
    assert.equal(box.dark, true);
    const png = await page.screenshot({ path: join(ARTIFACTS, "extension-chromium-dark.png") });
    const edge = await pixelStats(browser.context, png, { left: box.panel.left + 2, top: 300, width: 4, height: 200 });
    assert.ok(edge.mean.every((c) => c < 60), `dark panel edge ${edge.mean}`);
    assert.ok((await drawnTexts(page, "opinion", ["opinion", "fact"])).length > 0, "no sentence marked");
    await clickAction(browser.cdp, browser.extensionId, page);
    await page.waitForFunction(() => !document.documentElement.dataset.slantState);
  });

  test("without the Highlight API, marks are boxes in an overlay that hide, flash and go", async () => {
    // The drawing module on its own, in the page's world, with the API taken away as in a
    // browser that lacks it: the fallback path, in a real layout engine.
    const fresh = await browser.context.newPage();
    try {
      await fresh.goto(`${site.origin}/news`);
      await fresh.evaluate(() => {
        delete globalThis.Highlight;
      });
      await fresh.addScriptTag({ path: join(EXTENSION_DIR, "content", "draw.js") });
      const seen = await fresh.evaluate(async () => {
        const { Drawer } = globalThis.__slant.draw;
        const drawer = new Drawer(document);
        const paragraphs = [...document.querySelectorAll("article p")].slice(0, 2);
        const rangeOf = (node) => {
          const range = document.createRange();
          range.selectNodeContents(node);
          return range;
        };
        const marks = await drawer.drawAll([
          { analyzer: "opinion", annotation: { label: "opinion" }, range: rangeOf(paragraphs[0]) },
          { analyzer: "satire", annotation: { label: "satire" }, range: rangeOf(paragraphs[1]) },
        ]);
        const boxes = () =>
          document.getElementById("slant-overlay-host")?.shadowRoot.children.length ?? -1;
        const highlightsUsed = drawer.useHighlights;
        const drawn = boxes();
        drawer.setLayerVisible("satire", false);
        const withoutSatire = boxes();
        drawer.setLayerVisible("satire", true);
        drawer.flash(marks[0]);
        const flashed = [...document.getElementById("slant-overlay-host").shadowRoot.children]
          .filter((box) => box.style.outline.includes("solid")).length;
        drawer.clear();
        return {
          highlightsUsed, marks: marks.length, drawn, withoutSatire, flashed,
          gone: document.getElementById("slant-overlay-host") === null,
        };
      });
      assert.equal(seen.highlightsUsed, false);
      assert.equal(seen.marks, 2);
      assert.ok(seen.drawn >= 2, `one box per line of text at least, got ${seen.drawn}`);
      assert.ok(seen.withoutSatire > 0 && seen.withoutSatire < seen.drawn);
      assert.ok(seen.flashed >= 1);
      assert.equal(seen.gone, true);
    } finally {
      await fresh.close();
    }
  });

  test("the panel on its own: a server's genre, a missing analyzer, a narrow window folds it to a strip", async () => {
    const fresh = await browser.context.newPage();
    try {
      await fresh.setViewportSize({ width: 800, height: 700 });
      await fresh.goto(`${site.origin}/news`);
      for (const file of ["draw.js", "panel.js"]) {
        await fresh.addScriptTag({ path: join(EXTENSION_DIR, "content", file) });
      }
      const seen = await fresh.evaluate(() => {
        const panel = new globalThis.__slant.Panel(document, {}, {});
        window.__panel = panel;
        panel.showResult({
          server: "http://127.0.0.1:5000", method: "readability", layers: [], marks: [],
          marksByAnalyzer: new Map(), undrawn: 0, corrections: null, elapsedMs: 1,
          response: {
            sentences: [], language: "en",
            results: {
              opinion: { status: "ok", analyzer: { name: "opinion" }, annotations: [],
                summary: { headline: "", label: "opinion", score: 0.7, genre: "opinion", genre_score: 0.93 } },
              sources: { status: "error", error: "boom", analyzer: { name: "sources" }, summary: null, annotations: [] },
            },
          },
        });
        const root = document.getElementById("slant-panel-host").shadowRoot;
        return {
          verdicts: [...root.querySelectorAll("[data-verdict]")].map((el) => el.querySelector("dd").textContent.replace(/\s+/g, " ").trim()),
          collapsed: root.querySelector(".panel").classList.contains("collapsed"),
          margin: getComputedStyle(document.documentElement).marginRight,
        };
      });
      assert.deepEqual(seen.verdicts, [
        "Opinion piece · very likely (93%) · 70% of sentences read as opinion",
        "Not analyzed · analyzer not on this server",
        "Not analyzed · error",
      ]);
      assert.equal(seen.collapsed, true, "800 px leaves too little room: folded to a strip");
      assert.equal(seen.margin, "44px");
      const strip = await layout(fresh, "article");
      assert.ok(strip.element.right <= strip.panel.left, JSON.stringify(strip));
      await fresh.screenshot({ path: join(ARTIFACTS, "panel-strip-800.png") });
      await fresh.locator("#slant-panel-host header button").first().click();
      const open = await layout(fresh, "article");
      assert.equal(open.collapsed, false);
      assert.ok(open.element.right <= open.panel.left, JSON.stringify(open));
      await fresh.evaluate(() => window.__panel.destroy());
      assert.equal(await fresh.evaluate(() => getComputedStyle(document.documentElement).marginRight), "0px");
    } finally {
      await fresh.close();
    }
  });

  test("server down: the panel says so and how to start one", async () => {
    await page.goto(`${site.origin}/news`);
    const outcome = await click({ serverUrl: "http://127.0.0.1:9", apiKey: "", analyzers: [] });
    assert.equal(outcome.state, "error");
    const view = await panelView(page);
    assert.match(view.alert, /not reachable/);
    assert.match(view.alert, /make run/);
    assert.match(view.alert, /\/api\/v1\/health/);
    // Nothing reached the server: the footer states the rule, not that text was sent.
    assert.doesNotMatch(view.footer, /was sent/);
    assert.match(view.footer, /sends text only to http:\/\/127\.0\.0\.1:9, and only when you ask/);
    await page.screenshot({ path: join(ARTIFACTS, "extension-chromium-server-down.png") });
    await clickAction(browser.cdp, browser.extensionId, page);
    await page.waitForFunction(() => !document.documentElement.dataset.slantState);
  });

  test("a server that wants an API key: missing and wrong keys are explained, the right one works", { skip: !KEYED_SERVER && "no keyed server given" }, async () => {
    await page.goto(`${site.origin}/news`);
    for (const [apiKey, expected] of [["", /needs an API key/], ["wrong-key", /refused the API key/]]) {
      const outcome = await click({ serverUrl: KEYED_SERVER, apiKey, analyzers: [] });
      assert.equal(outcome.state, "error");
      assert.match((await panelView(page)).alert, expected);
      await clickAction(browser.cdp, browser.extensionId, page);
      await page.waitForFunction(() => !document.documentElement.dataset.slantState);
    }
    const outcome = await click({ serverUrl: KEYED_SERVER, apiKey: "right-key", analyzers: [] });
    assert.equal(outcome.state, "done");
    // This server collects feedback: "this is wrong" goes to it, with the key, not to the device.
    await page.locator("#slant-panel-host").locator("button", { hasText: "Next mark" }).click();
    await page.locator("#slant-panel-host .details .wrong button").first().click();
    await page.locator("#slant-panel-host .details .wrong", { hasText: `Sent to ${KEYED_SERVER}` }).waitFor();
    const worker = await serviceWorker(browser.context, browser.extensionId);
    assert.equal(await worker.evaluate(() => chrome.storage.local.get("corrections").then((s) => s.corrections ?? null)), null);
    await clickAction(browser.cdp, browser.extensionId, page);
    await page.waitForFunction(() => !document.documentElement.dataset.slantState);
  });

  test("the web page of a server that wants a key: the advice points at its own key field", { skip: !KEYED_SERVER && "no keyed server given" }, async () => {
    const web = await browser.context.newPage();
    try {
      await web.goto(`${KEYED_SERVER}/`);
      await web.fill("#text", "The council voted on Tuesday to close the library. Residents said they would appeal.");
      await web.click("#analyze");
      assert.equal((await waitForOutcome(web, Date.now())).state, "error");
      const { alert } = await panelView(web);
      assert.match(alert, /needs an API key/);
      assert.match(alert, /under “More options”/);
      // The page has no settings page and is not an extension: none of the extension's words.
      assert.doesNotMatch(alert, /settings|extension|click slant/i);
      assert.equal(await web.locator("#slant-panel-host").locator("button", { hasText: "Open settings" }).count(), 0);
      // The key where the advice says: the same text is analyzed.
      await web.locator("#slant-panel-host").locator("button.close").click();
      await web.click("details summary");
      await web.fill("#key", "right-key");
      await web.click("#analyze");
      assert.equal((await waitForOutcome(web, Date.now())).state, "done");
    } finally {
      await web.close();
    }
  });
});
