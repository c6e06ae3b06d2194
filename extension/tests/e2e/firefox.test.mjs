// Firefox smoke test: the same unpacked folder installs in Firefox ESR (over
// WebDriver BiDi), and one click on the reference op-ed draws the server's
// analysis with the page's test hooks set. Environment as chromium.test.mjs.
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { EXTENSION_DIR } from "./helpers/chromium.mjs";
import { clickAction, EXTENSION_UUID, launchFirefox, setSettings } from "./helpers/firefox.mjs";
import { blogPage, blogParagraphs, newsPage, servePages } from "./helpers/pages.mjs";
import { analyzeDirect, annotationCount } from "./helpers/slant.mjs";

const SERVER = process.env.SLANT_SERVER_URL;
const SEED = process.env.SLANT_SEED_TEXT;
const ARTIFACTS = process.env.SLANT_ARTIFACTS || join(EXTENSION_DIR, "..", "test-artifacts");
const opedText = SEED ? readFileSync(SEED, "utf8") : null;

describe("slant in Firefox", { timeout: 120000 }, () => {
  let firefox;
  let site;

  before(async () => {
    assert.ok(SERVER, "SLANT_SERVER_URL must name a running slant server");
    mkdirSync(ARTIFACTS, { recursive: true });
    site = await servePages({ "/news": newsPage(), ...(opedText ? { "/blog": blogPage(opedText) } : {}) });
    firefox = await launchFirefox();
  });

  after(async () => {
    await firefox?.close();
    await site?.close();
  });

  test("installs unpacked and draws the analysis on one click", async () => {
    const { bidi } = firefox;
    const installed = await bidi.send("webExtension.install", {
      extensionData: { type: "path", path: EXTENSION_DIR },
    });
    assert.equal(installed.extension, "slant-extension@slant");

    const options = (await bidi.send("browsingContext.create", { type: "tab" })).context;
    await bidi.send("browsingContext.navigate", {
      context: options, url: `moz-extension://${EXTENSION_UUID}/options/options.html`, wait: "complete",
    });
    await setSettings(bidi, options, { serverUrl: SERVER, apiKey: "", analyzers: [] });
    await bidi.send("browsingContext.close", { context: options });

    const path = opedText ? "/blog" : "/news";
    const { contexts } = await bidi.send("browsingContext.getTree", {});
    const tab = contexts[0].context;
    await bidi.send("browsingContext.navigate", { context: tab, url: `${site.origin}${path}`, wait: "complete" });
    await bidi.send("browsingContext.activate", { context: tab });
    const articleText = opedText
      ? blogParagraphs(opedText).paragraphs.map((p) => p.replace(/\n/g, " ")).join("\n\n")
      : null;

    const startedAt = Date.now();
    await clickAction(bidi);
    let state;
    while (Date.now() - startedAt < 15000) {
      state = (await bidi.evaluate(tab, "document.documentElement.dataset.slantState ?? ''")).value;
      if (state === "done" || state === "error") break;
      await new Promise((r) => setTimeout(r, 25));
    }
    console.log(`Firefox: ${state} ${Date.now() - startedAt} ms after the click`);
    const { data } = await bidi.send("browsingContext.captureScreenshot", { context: tab });
    writeFileSync(join(ARTIFACTS, "extension-firefox.png"), Buffer.from(data, "base64"));
    assert.equal(state, "done");

    const drawn = Number((await bidi.evaluate(tab, "document.documentElement.dataset.slantAnnotations")).value);
    if (articleText) assert.equal(drawn, annotationCount(await analyzeDirect(SERVER, articleText)));
    else assert.ok(drawn > 0);
    const shadowOpen = (await bidi.evaluate(tab, "document.getElementById('slant-panel-host').shadowRoot?.mode ?? ''")).value;
    assert.equal(shadowOpen, "open");
    const painted = (await bidi.evaluate(tab,
      "typeof CSS.highlights === 'object' ? [...CSS.highlights.values()].reduce((n, h) => n + h.size, 0) : -1")).value;
    console.log(`Firefox: ${painted} highlighted ranges (-1: no Highlight API, overlay fallback)`);
    assert.ok(painted !== 0);
  });
});
