/*
 * Finds the article on the page and builds the TextMap slant sends.
 *
 * Mozilla's Readability reads a clone of the page; the clone's text nodes are
 * paired with the live ones (same walk order right after cloning, or the same
 * text further on where Readability rebuilt a node), so what the server marks
 * is drawn on the live page. Where Readability finds no article, the reader's
 * selection is used, then the page body. What the page declares about itself
 * (its section, schema.org type, tags, byline role) goes along as `page`.
 */
"use strict";
(() => {
  const slant = (globalThis.__slant ??= {});
  if (slant.extract) return;

  const MIN_ARTICLE_CHARS = 200;
  const MIN_SELECTION_CHARS = 20;
  const SKIPPED_TAGS = new Set([
    "SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE", "TEXTAREA", "SELECT", "OPTION", "SVG", "MATH",
    "IFRAME", "CANVAS", "BUTTON", "INPUT",
  ]);
  const BLOCK_TAGS = new Set([
    "ADDRESS", "ARTICLE", "ASIDE", "BLOCKQUOTE", "BODY", "DD", "DETAILS", "DIV", "DL", "DT",
    "FIELDSET", "FIGCAPTION", "FIGURE", "FOOTER", "FORM", "H1", "H2", "H3", "H4", "H5", "H6",
    "HEADER", "HR", "LI", "MAIN", "NAV", "OL", "P", "PRE", "SECTION", "SUMMARY", "TABLE",
    "TD", "TH", "TR", "UL",
  ]);
  const OWN_HOSTS = new Set(["slant-panel-host", "slant-overlay-host"]);

  /**
   * @param {Document} doc the live page
   * @param {{preferSelection?: boolean}} options
   * @returns {{map: TextMap, method: string, title: string, url: string, page: object | null}}
   */
  function extractArticle(doc, options = {}) {
    const url = pageUrl(doc);
    const page = pageInfo(doc);
    const selection = options.preferSelection ? fromSelection(doc) : null;
    if (selection) return { map: selection, method: "selection", title: doc.title, url, page };
    const article = fromReadability(doc);
    if (article) return { ...article, url, page };
    const selected = fromSelection(doc);
    if (selected) return { map: selected, method: "selection", title: doc.title, url, page };
    return { map: fromBody(doc), method: "body", title: doc.title, url, page };
  }

  // The note a browser writes on a page it saves: `<!-- saved from url=(0061)https://… -->`,
  // the number being the address's length (the server's slant/text/article.py reads it too).
  const SAVED_FROM = /^\s*saved from url=\((\d+)\)(https?:\/\/[^\s>]+?)\s*$/i;

  /**
   * The page's address: where it is, or, for a saved page opened from disk (file:), the
   * address its "saved from url" note names, when it has one.
   */
  function pageUrl(doc) {
    const href = doc.location ? doc.location.href : "";
    if (!doc.location || doc.location.protocol !== "file:") return href;
    for (const node of doc.childNodes || []) {
      if (node.nodeType !== 8) continue; // comments before <html>, where browsers write the note
      const match = SAVED_FROM.exec(node.data || "");
      if (match) return Number(match[1]) > 0 ? match[2].slice(0, Number(match[1])) : match[2];
    }
    return href;
  }

  // What a page declares about itself, read by the rules of the server's
  // slant/text/page_meta.py (same sources, same order); the limits are the contract's.
  const PAGE_LIMITS = { sections: 10, types: 20, tags: 50 };
  const PAGE_VALUE_MAX_CHARS = 200;
  const SECTION_META = ["article:section", "og:article:section", "parsely-section", "section"];
  const TAG_META = ["article:tag", "og:article:tag", "parsely-tags", "sailthru.tags", "news_keywords"];
  const ARTICLE_TYPE = /(?:Article|Posting|Review|Report)$/;
  const BYLINE_ROLE = new RegExp(
    "\\b(?:(?:contributing|guest|syndicated|associate|senior|staff|chief|opinion|film|theat(?:er|re)" +
    "|music|book|restaurant|food|art|dance|television|tv)\\s+)?(?:columnist|critic|opinion writer" +
    "|op-ed (?:contributor|writer)|editorial board)\\b", "i");
  const BYLINE_MAX_CHARS = 300;
  const JSON_WRAPPER = /^\s*(?:<!--|<!\[CDATA\[)|(?:-->|\]\]>)\s*$/g;

  const clean = (value) => (typeof value === "string" ? value.replace(/\s+/g, " ").trim() : "");
  const strings = (value) => (Array.isArray(value) ? value : [value]).map(clean).filter(Boolean);
  const typeNames = (value) => strings(value).map((t) => t.replace(/\/+$/, "").split(/[/#:]/).pop());
  const parseJson = (text) => {
    try {
      return JSON.parse(text.trim().replace(JSON_WRAPPER, ""));
    } catch {
      return null;
    }
  };

  /** The first `limit` distinct values (case-insensitively), none over-long. */
  function first(values, limit) {
    const kept = new Map();
    for (const value of values.map(clean)) {
      const key = value.toLowerCase();
      if (value && [...value].length <= PAGE_VALUE_MAX_CHARS && !kept.has(key)) kept.set(key, value);
    }
    return [...kept.values()].slice(0, limit);
  }

  /** The JSON-LD objects describing the page's piece: top level, @graph, a WebPage's mainEntity. */
  function jsonLdArticles(doc) {
    const found = [];
    for (const script of doc.querySelectorAll("script")) {
      if ((script.getAttribute("type") || "").trim().toLowerCase() !== "application/ld+json") continue;
      const data = parseJson(script.textContent || "");
      const queue = (Array.isArray(data) ? data : [data]).filter((n) => n && typeof n === "object" && !Array.isArray(n));
      while (queue.length) {
        const node = queue.shift();
        if (Array.isArray(node["@graph"])) queue.push(...node["@graph"].filter((n) => n && typeof n === "object" && !Array.isArray(n)));
        if (node.mainEntity && typeof node.mainEntity === "object" && !Array.isArray(node.mainEntity)) queue.push(node.mainEntity);
        if (typeNames(node["@type"]).some((t) => ARTICLE_TYPE.test(t))) found.push(node);
      }
    }
    return found;
  }

  /**
   * The section, schema.org types, tags and byline role `doc` declares for itself:
   * {sections, types, tags, author_role}, or null when it declares none.
   */
  function pageInfo(doc) {
    const metas = new Map();
    for (const meta of doc.querySelectorAll("meta")) {
      const key = (meta.getAttribute("property") || meta.getAttribute("name") || "").trim().toLowerCase();
      const value = meta.getAttribute("content");
      if (key && value !== null) metas.set(key, [...(metas.get(key) || []), value]);
    }
    const sections = SECTION_META.flatMap((name) => metas.get(name) || []);
    const types = [];
    const tags = [];
    const roles = [];
    for (const raw of metas.get("parsely-page") || []) {
      const parsely = parseJson(raw);
      if (parsely && typeof parsely === "object") {
        sections.push(...strings(parsely.section));
        tags.push(...strings(parsely.tags));
      }
    }
    for (const item of jsonLdArticles(doc)) {
      types.push(...typeNames(item["@type"]));
      sections.push(...strings(item.articleSection));
      tags.push(...strings(item.keywords).flatMap((k) => k.split(",")));
      for (const author of Array.isArray(item.author) ? item.author : [item.author]) {
        if (author && typeof author === "object") roles.push(...strings(author.jobTitle));
      }
    }
    for (const element of doc.querySelectorAll("[itemscope][itemtype]")) {
      if (element.parentElement?.closest("[itemscope]")) continue;
      types.push(...typeNames(element.getAttribute("itemtype").split(/\s+/)).filter((t) => ARTICLE_TYPE.test(t)));
    }
    for (const element of doc.querySelectorAll('[itemprop="articleSection"]')) {
      sections.push(...strings(element.getAttribute("content") || element.textContent));
    }
    const jobTitle = doc.querySelector('[itemprop="jobTitle"]');
    if (jobTitle) roles.push(...strings(jobTitle.getAttribute("content") || jobTitle.textContent));
    const ogType = (metas.get("og:type") || [])[0];
    if (ogType !== undefined) types.push(`og:${ogType}`);
    for (const name of TAG_META) {
      for (const value of metas.get(name) || []) tags.push(...(name === "article:tag" ? [value] : value.split(",")));
    }
    const byline = doc.querySelector('[class*="byline" i]');
    if (byline) {
      const text = clean(byline.textContent);
      const match = text.length <= BYLINE_MAX_CHARS ? text.match(BYLINE_ROLE) : null;
      if (match) roles.push(match[0]);
    }
    const page = {
      sections: first(sections, PAGE_LIMITS.sections),
      types: first(types, PAGE_LIMITS.types),
      tags: first(tags, PAGE_LIMITS.tags),
      author_role: first(roles, 1)[0] ?? null,
    };
    return page.sections.length || page.types.length || page.tags.length || page.author_role ? page : null;
  }

  function fromReadability(doc) {
    if (typeof Readability !== "function") return null;
    const liveNodes = [];
    const cloneToLive = new Map();
    const clone = doc.cloneNode(true);
    const liveWalker = doc.createTreeWalker(doc.documentElement, NodeFilter.SHOW_TEXT);
    const cloneWalker = clone.createTreeWalker(clone.documentElement, NodeFilter.SHOW_TEXT);
    for (let live = liveWalker.nextNode(); live; live = liveWalker.nextNode()) {
      const copy = cloneWalker.nextNode();
      cloneToLive.set(copy, liveNodes.length);
      liveNodes.push(live);
    }
    for (const id of OWN_HOSTS) clone.getElementById(id)?.remove();
    let article;
    try {
      article = new Readability(clone, { serializer: (el) => el }).parse();
    } catch (error) {
      console.warn("slant: Readability failed", error);
      return null;
    }
    if (!article || !article.content || (article.textContent || "").trim().length < MIN_ARTICLE_CHARS) {
      return null;
    }
    const pairing = new NodePairing(liveNodes, cloneToLive);
    const map = new slant.TextMap();
    walk(article.content, map, (textNode) => pairing.liveFor(textNode));
    if (map.text.trim().length < MIN_ARTICLE_CHARS) return null;
    return { map, method: "readability", title: article.title || doc.title };
  }

  /** Pairs the clone's text nodes with the live page's, in document order. */
  class NodePairing {
    constructor(liveNodes, cloneToLive) {
      this.liveNodes = liveNodes;
      this.cloneToLive = cloneToLive;
      this.cursor = 0;
      this.byText = null;
      this.used = new Set();
    }

    liveFor(cloneNode) {
      let index = this.cloneToLive.get(cloneNode);
      if (index === undefined || this.used.has(index)) index = this._findByText(cloneNode.data);
      if (index === undefined) return null;
      this.used.add(index);
      this.cursor = index + 1;
      return this.liveNodes[index];
    }

    /** A node Readability rebuilt: the next unused live node with the same text. */
    _findByText(data) {
      if (!this.byText) {
        this.byText = new Map();
        this.liveNodes.forEach((node, i) => {
          const list = this.byText.get(node.data);
          if (list) list.push(i);
          else this.byText.set(node.data, [i]);
        });
      }
      const candidates = (this.byText.get(data) || []).filter((i) => !this.used.has(i));
      return candidates.find((i) => i >= this.cursor) ?? candidates[0];
    }
  }

  function fromSelection(doc) {
    const selection = doc.getSelection();
    if (!selection || selection.isCollapsed || selection.toString().trim().length < MIN_SELECTION_CHARS) {
      return null;
    }
    const map = new slant.TextMap();
    for (let i = 0; i < selection.rangeCount; i++) {
      const range = selection.getRangeAt(i);
      const root = range.commonAncestorContainer;
      walk(root.nodeType === Node.TEXT_NODE ? root.parentNode : root, map, (node) => node, range);
      map.appendBreak();
    }
    return map.text.trim() ? map : null;
  }

  function fromBody(doc) {
    const map = new slant.TextMap();
    if (doc.body) walk(doc.body, map, (node) => (isVisible(node.parentElement) ? node : null));
    return map;
  }

  function isVisible(element) {
    if (!element) return false;
    if (typeof element.checkVisibility === "function") return element.checkVisibility();
    return element.getClientRects().length > 0;
  }

  /**
   * Depth-first walk of `root`: blocks become blank lines, <br> a line break,
   * and each text node `toLive` accepts is appended (clipped to `range`).
   */
  function walk(root, map, toLive, range = null) {
    const visit = (node) => {
      if (node.nodeType === Node.TEXT_NODE) {
        if (range && !range.intersectsNode(node)) return;
        const live = toLive(node);
        if (!live) return;
        let from = 0;
        let to = live.data.length;
        if (range) {
          if (range.startContainer === node) from = range.startOffset;
          if (range.endContainer === node) to = range.endOffset;
        }
        map.appendNode(live, from, to);
        return;
      }
      if (node.nodeType !== Node.ELEMENT_NODE) return;
      const tag = node.tagName.toUpperCase();
      if (SKIPPED_TAGS.has(tag) || OWN_HOSTS.has(node.id) || node.hidden) return;
      if (tag === "BR") {
        map.appendLineBreak();
        return;
      }
      const block = BLOCK_TAGS.has(tag);
      if (block) map.appendBreak();
      for (let child = node.firstChild; child; child = child.nextSibling) visit(child);
      if (block) map.appendBreak();
    };
    visit(root);
  }

  /**
   * The TextMap of an element drawn by the page itself (the server's web page renders
   * pasted or uploaded text into one): every text node, blocks as blank lines.
   */
  function extractElement(root) {
    const map = new slant.TextMap();
    walk(root, map, (node) => node);
    return map;
  }

  slant.extract = { extractArticle, extractElement, pageInfo, pageUrl, PAGE_LIMITS, PAGE_VALUE_MAX_CHARS };
})();
