// The pages the browser tests open: the reference op-ed rendered at test time
// as a blog post with comment boilerplate (its text is never committed), and
// a news page with nested markup, links inside sentences and an ad block, and a
// column whose only sign of its section is its metadata.
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const BOILERPLATE_LINES = /^(No comments:|Post a Comment)$/;

const escapeHtml = (text) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/**
 * Paragraphs of a hard-wrapped blog text: each paragraph starts with a line
 * holding a single word (how the reference op-ed was pasted); comment
 * boilerplate lines are returned apart.
 */
export function blogParagraphs(text) {
  const paragraphs = [];
  const boilerplate = [];
  for (const line of text.split("\n")) {
    if (!line.trim()) continue;
    if (BOILERPLATE_LINES.test(line.trim())) {
      boilerplate.push(line.trim());
    } else if (!paragraphs.length || !line.trim().includes(" ")) {
      paragraphs.push([line]);
    } else {
      paragraphs[paragraphs.length - 1].push(line);
    }
  }
  return { paragraphs: paragraphs.map((lines) => lines.join("\n")), boilerplate };
}

/** A Blogger-like page: hard-wrapped paragraphs separated by <br><br>, widgets around. */
export function blogPage(text) {
  const { paragraphs } = blogParagraphs(text);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>Russia Kneels Before North Korea | The Armchair Strategist</title>
<style>
  body { font: 17px/1.6 "Trebuchet MS", sans-serif; background: #fdfaf3; color: #2b2b2b; margin: 0; }
  .header { background: #5b3a29; color: #fff; padding: 18px 28px; font-size: 26px; }
  .outer { display: flex; max-width: 1060px; margin: 0 auto; gap: 28px; padding: 20px; }
  .main { flex: 1; } .sidebar { width: 230px; font-size: 14px; }
  .post-body { white-space: normal; }
  .comments { border-top: 1px solid #ccc; margin-top: 28px; padding-top: 10px; font-size: 14px; }
</style></head>
<body>
<div class="header">The Armchair Strategist</div>
<div class="outer">
  <div class="main">
    <div class="date-header">Sunday, 3 November</div>
    <div class="post hentry">
      <h3 class="post-title entry-title">Russia Kneels Before North Korea</h3>
      <div class="post-body entry-content">
${paragraphs.map((p) => escapeHtml(p)).join("\n<br><br>\n")}
      </div>
      <div class="post-footer">Posted by <a href="#">Armchair Strategist</a> at 9:14 AM
        <span class="labels">Labels: <a href="#">Russia</a>, <a href="#">North Korea</a></span>
        <div class="share"><a href="#">Email This</a> <a href="#">BlogThis!</a> <a href="#">Share to X</a></div>
      </div>
    </div>
    <div class="comments" id="comments">
      <h4>No comments:</h4>
      <p class="comment-footer"><a href="#">Post a Comment</a></p>
    </div>
    <div class="blog-pager"><a href="#">Newer Post</a> <a href="#">Older Post</a> <a href="#">Home</a></div>
    <div class="feed-links">Subscribe to: <a href="#">Post Comments (Atom)</a></div>
  </div>
  <div class="sidebar">
    <h2>About Me</h2><p>Retired analyst. Opinions are my own.</p>
    <h2>Blog Archive</h2><ul><li><a href="#">November (3)</a></li><li><a href="#">October (5)</a></li></ul>
  </div>
</div>
</body></html>`;
}

export function newsPage() {
  return readFileSync(join(here, "..", "fixtures", "news.html"), "utf8");
}

/** A column filed under Opinion only in its metadata (`article:section`), not in its address. */
export function columnPage() {
  return readFileSync(join(here, "..", "fixtures", "column.html"), "utf8");
}

/** The page-metadata fixtures both readers must agree on: [{name, html, expected}]. */
export function pageMetaCases() {
  const folder = join(here, "..", "..", "..", "..", "tests", "fixtures", "page-meta");
  const expected = JSON.parse(readFileSync(join(folder, "expected.json"), "utf8"));
  return Object.entries(expected).map(([name, page]) => ({
    name, html: readFileSync(join(folder, `${name}.html`), "utf8"), expected: page,
  }));
}

/**
 * Serve `pages` ({"/path": html}) on 127.0.0.2, a loopback address outside the
 * extension's host permissions, so the click's activeTab grant is what lets
 * slant in. Resolves to {origin, close()}.
 */
export function servePages(pages, host = "127.0.0.2") {
  const server = createServer((request, response) => {
    const body = pages[new URL(request.url, "http://x").pathname];
    response.writeHead(body ? 200 : 404, { "Content-Type": "text/html; charset=utf-8" });
    response.end(body || "not found");
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, host, () => {
      resolve({
        origin: `http://${host}:${server.address().port}`,
        close: () => new Promise((done) => server.close(done)),
      });
    });
  });
}
