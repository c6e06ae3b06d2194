// What the browser tests ask of the server and of the page: the server's own
// answer for a text, the marks slant drew (read back from CSS.highlights),
// and what its panel says.

/** POST text to the server directly: the answer the drawing must agree with. */
export async function analyzeDirect(server, text) {
  const response = await fetch(`${server}/api/v1/analyze`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ text }),
  });
  if (!response.ok) throw new Error(`server answered ${response.status}: ${await response.text()}`);
  return response.json();
}

export const normalize = (text) => text.replace(/\s+/g, " ").trim();

/** The server's sentences, as text. */
export function sentenceTexts(answer, text) {
  const codePoints = [...text];
  return answer.sentences.map((s) => normalize(codePoints.slice(s.start, s.end).join("")));
}

export function annotationCount(answer) {
  return Object.values(answer.results)
    .filter((r) => r.status === "ok")
    .reduce((n, r) => n + r.annotations.length, 0);
}

/** Wait for the click's outcome; resolves to the state reached and the time it took. */
export async function waitForOutcome(page, startedAt, timeout = 15000) {
  await page.waitForFunction(
    () => ["done", "error"].includes(document.documentElement.dataset.slantState),
    null,
    { timeout, polling: 10 },
  );
  const elapsedMs = Date.now() - startedAt;
  const dataset = await page.evaluate(() => ({ ...document.documentElement.dataset }));
  return { elapsedMs, state: dataset.slantState, annotations: Number(dataset.slantAnnotations) };
}

/**
 * The text of every range slant drew for `analyzer` with one of `labels`, in
 * page order. Highlight names are `slant-N-<analyzer>-<label>`.
 */
export function drawnTexts(page, analyzer, labels) {
  return page.evaluate(
    ({ analyzer, labels }) => {
      const ranges = [];
      for (const [name, highlight] of CSS.highlights) {
        const m = name.match(/^slant-\d+-(.+)-([^-]+)$/);
        if (!m || m[1] !== analyzer || !labels.includes(m[2])) continue;
        for (const range of highlight) ranges.push(range);
      }
      ranges.sort((a, b) => a.compareBoundaryPoints(Range.START_TO_START, b));
      return ranges.map((r) => r.toString().replace(/\s+/g, " ").trim());
    },
    { analyzer, labels },
  );
}

/** Every mark shown on the page, as {"analyzer/label": [texts in page order]}. */
export function drawnMarks(page) {
  return page.evaluate(() => {
    const marks = {};
    for (const [name, highlight] of CSS.highlights) {
      const m = name.match(/^slant-\d+-(.+)-([^-]+)$/);
      if (!m) continue;
      const ranges = [...highlight].sort((a, b) => a.compareBoundaryPoints(Range.START_TO_START, b));
      marks[`${m[1]}/${m[2]}`] = ranges.map((r) => r.toString().replace(/\s+/g, " ").trim());
    }
    return Object.fromEntries(Object.entries(marks).sort());
  });
}

/** What the panel shows: status line, sections' text, the sources list, errors. */
export function panelView(page) {
  return page.evaluate(() => {
    const host = document.getElementById("slant-panel-host");
    if (!host) return null;
    const root = host.shadowRoot;
    const text = (el) => (el ? el.textContent.replace(/\s+/g, " ").trim() : null);
    return {
      shadowMode: root ? root.mode : null,
      status: text(root.querySelector(".status")),
      body: text(root.querySelector(".body")),
      footer: text(root.querySelector("footer")),
      verdicts: Object.fromEntries([...root.querySelectorAll("[data-verdict]")].map((el) => [el.dataset.verdict, text(el)])),
      layers: Object.fromEntries([...root.querySelectorAll("input[data-layer]")].map((el) => [el.dataset.layer, el.checked])),
      sources: [...root.querySelectorAll(".card.source")].map(text),
      alert: text(root.querySelector("[role=alert]")),
      tooltip: root.querySelector(".tooltip").hidden ? null : text(root.querySelector(".tooltip")),
    };
  });
}

/** Record the page's long tasks (main-thread work over 50 ms) from now on. */
export function watchLongTasks(page) {
  return page.evaluate(() => {
    window.__slantLongTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__slantLongTasks.push(entry.duration);
    }).observe({ type: "longtask" });
  });
}

export function longestTask(page) {
  return page.evaluate(() => Math.max(0, ...window.__slantLongTasks));
}

/**
 * Where the panel and a page element sit, in viewport pixels: the panel's box, the
 * summary block's box, the element's box, and the window's size.
 */
export function layout(page, selector) {
  return page.evaluate((selector) => {
    const root = document.getElementById("slant-panel-host").shadowRoot;
    const box = (el) => {
      if (!el) return null;
      const r = el.getBoundingClientRect();
      return { left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height };
    };
    return {
      panel: box(root.querySelector(".panel")),
      glance: box(root.querySelector(".glance")),
      collapsed: root.querySelector(".panel").classList.contains("collapsed"),
      dark: root.querySelector(".panel").classList.contains("dark"),
      element: box(document.querySelector(selector)),
      viewport: { width: innerWidth, height: innerHeight },
    };
  }, selector);
}

/**
 * Pixels of a PNG screenshot inside `rect` (viewport pixels), decoded by a canvas in a
 * blank page of the same browser: {dark: share of pixels with luminance < 100, mean: [r, g, b]}.
 */
export async function pixelStats(context, png, rect) {
  const scratch = await context.newPage();
  try {
    return await scratch.evaluate(async ({ data, rect }) => {
      const image = new Image();
      image.src = `data:image/png;base64,${data}`;
      await image.decode();
      const canvas = document.createElement("canvas");
      canvas.width = image.width;
      canvas.height = image.height;
      const ctx = canvas.getContext("2d");
      ctx.drawImage(image, 0, 0);
      const x = Math.max(0, Math.floor(rect.left));
      const y = Math.max(0, Math.floor(rect.top));
      const w = Math.max(1, Math.min(image.width - x, Math.floor(rect.width)));
      const h = Math.max(1, Math.min(image.height - y, Math.floor(rect.height)));
      const pixels = ctx.getImageData(x, y, w, h).data;
      let dark = 0;
      const sum = [0, 0, 0];
      for (let i = 0; i < pixels.length; i += 4) {
        for (let c = 0; c < 3; c++) sum[c] += pixels[i + c];
        if (0.2126 * pixels[i] + 0.7152 * pixels[i + 1] + 0.0722 * pixels[i + 2] < 100) dark++;
      }
      const n = pixels.length / 4;
      return { dark: dark / n, mean: sum.map((v) => Math.round(v / n)) };
    }, { data: png.toString("base64"), rect });
  } finally {
    await scratch.close();
  }
}
