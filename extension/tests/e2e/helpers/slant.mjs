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
      sources: [...root.querySelectorAll("ul.sources button.item")].map(text),
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
