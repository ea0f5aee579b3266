// Amicus site search. Enhances the header's search box (results appear under it as you
// type) and the search page (results grouped by kind, the query kept in ?q=). Without
// JavaScript both forms still go to the search page, which then offers links to browse.
//
// The index is written at build time under search/: index.json names the shards; a shard
// holds the folded words that start with its key and the documents they point to. A
// query loads the manifest on first focus, then the shards that can hold its words
// (one per word; for a short word shared by many, a shard of its best documents), so a
// phone never downloads the whole index. Words are folded like the build folds them
// (lowercase, accents removed, ł → l, ß → ss …): "krakow" finds Kraków.
(() => {
  "use strict";
  // The header's form, or on the search page the page's own: both carry the words.
  const source = document.querySelector("form[data-index]");
  if (!source || !window.fetch) return;
  const words = source.dataset;
  const kindNames = words.kinds.split("|");
  const base = words.index.replace(/[^/]*$/, "");
  const lang = document.documentElement.lang || undefined;
  const cache = new Map();

  const json = (url) => {
    if (!cache.has(url)) {
      const p = fetch(url).then((r) => (r.ok ? r.json() : Promise.reject(new Error(url))));
      p.catch(() => cache.delete(url));
      cache.set(url, p);
    }
    return cache.get(url);
  };

  // Letters that do not decompose into a base letter and accents.
  const LETTERS = { ł: "l", ø: "o", ß: "ss", æ: "ae", œ: "oe", đ: "d", ð: "d", þ: "th", ı: "i", ħ: "h", ŧ: "t", ŋ: "ng" };
  const fold = (text) =>
    text
      .toLowerCase()
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[^\0-\x7f]/g, (c) => LETTERS[c] ?? " ");
  // Words in scripts other than Latin are indexed as written too (京都市, петербург).
  const OTHER = /[\u0370-\u1dff\u1f00-\u{10ffff}]/u;
  const tokens = (text) =>
    text
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .flatMap((w) => (OTHER.test(w) ? [w] : fold(w).split(/[^a-z0-9]+/).filter((x) => x.length >= 2)));
  const fill = (text, values) => text.replace(/\{(\w+)\}/g, (all, k) => (k in values ? values[k] : all));

  // A shard's document as a result, keyed by kind and id.
  const entry = ([kind, id, title, context]) => [kind + ":" + id, { kind, id, title, context }];

  // The documents of one word, by kind and id, from the one shard that holds the words
  // beginning with it (the word is not the key of a split group, see below).
  async function hitsOf(word, manifest) {
    // Shards partition words by prefix: the words starting with `word` are in the
    // shard whose key begins `word`.
    const keys = OTHER.test(word)
      ? ["_" + word.codePointAt(0).toString(16)].filter((k) => manifest.shards.includes(k))
      : manifest.shards.filter((k) => word.startsWith(k));
    const hits = new Map();
    for (const shard of await Promise.all(keys.map((k) => json(base + k + ".json")))) {
      for (const [w, ixs] of Object.entries(shard.w)) {
        if (!w.startsWith(word)) continue;
        for (const i of ixs) hits.set(...entry(shard.d[i]));
      }
    }
    return hits;
  }

  // The documents matching every word of the query, best first, and how many of each
  // kind there are in all (more than the documents when only the best were loaded).
  async function search(query) {
    const manifest = await json(words.index);
    const wanted = tokens(query).filter((w) => !manifest.stop.includes(w));
    if (!wanted.length) return null;
    // A word that is the key of a split group (`ma`, while typing `madrid`) would load
    // every shard under it, megabytes on a large site. Alone, it loads the group's
    // shard of best documents instead; beside other words, it is matched against the
    // titles and contexts of their documents.
    const top = new Set(manifest.top ?? []);
    const full = wanted.filter((w) => !top.has(w));
    const short = wanted.filter((w) => top.has(w));
    let found = null;
    let counts = null;
    for (const word of full) {
      const hits = await hitsOf(word, manifest);
      found = found ? new Map([...found].filter(([k]) => hits.has(k))) : hits;
    }
    if (!found) {
      const best = await json(base + "top-" + short.shift() + ".json");
      found = new Map(best.d.map(entry));
      if (!short.length) counts = best.n;
    }
    const docs = [...found.values()].filter((doc) => {
      const seen = tokens(doc.title + " " + doc.context);
      return short.every((w) => seen.some((s) => s.startsWith(w)));
    });
    const whole = wanted.join(" ");
    const rank = (doc) => {
      const title = tokens(doc.title).join(" ");
      return title.startsWith(whole) ? 0 : title.includes(wanted[0]) ? 1 : 2;
    };
    return {
      docs: docs
        .map((doc) => ({ ...doc, rank: rank(doc), url: manifest.urls[doc.kind].replace("{id}", doc.id) }))
        .sort((a, b) => a.kind - b.kind || a.rank - b.rank || a.title.localeCompare(b.title, lang)),
      counts: counts ?? kindNames.map((_, kind) => docs.filter((d) => d.kind === kind).length),
    };
  }

  function el(tag, attrs = {}, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
    node.append(...children);
    return node;
  }

  // Results grouped by kind: headings on the search page, labelled lists in the header.
  function groups({ docs: all, counts }, { limit, headings, prefix }) {
    const out = [];
    for (const [kind, name] of kindNames.entries()) {
      const docs = all.filter((d) => d.kind === kind);
      if (!docs.length) continue;
      const id = prefix + "-" + kind;
      const title = headings ? el("h2", { id }, name) : el("p", { id, class: "search-group" }, name);
      const list = el("ul", { class: "search-list", "aria-labelledby": id });
      for (const d of docs.slice(0, limit)) {
        const item = el("li", {}, el("a", { href: d.url }, d.title));
        if (d.context) item.append(" ", el("span", { class: "search-context" }, d.context));
        list.append(item);
      }
      out.push(title, list);
      const more = counts[kind] - Math.min(limit, docs.length);
      if (more > 0 && headings) out.push(el("p", { class: "search-more" }, fill(words.more, { count: more.toLocaleString(lang) })));
    }
    return out;
  }

  const total = (results) => results.counts.reduce((a, b) => a + b, 0);

  function countText(n) {
    return n === 1 ? words.countOne : fill(words.count, { count: n.toLocaleString(lang) });
  }

  // Runs a query for one form; `show` receives the results or a message.
  function runner(show) {
    let latest = 0;
    return (query) => {
      const run = ++latest;
      if (tokens(query).length === 0) return show(null, query.trim() ? words.short : "");
      search(query).then(
        (results) =>
          run === latest &&
          (results
            ? show(results, total(results) ? countText(total(results)) : fill(words.none, { query }))
            : show(null, fill(words.common, { query }))),
        () => run === latest && show(null, words.failed),
      );
    };
  }

  function debounce(fn, ms) {
    let timer;
    return (...args) => {
      clearTimeout(timer);
      timer = setTimeout(() => fn(...args), ms);
    };
  }

  function enhanceHeader() {
    const header = document.getElementById("site-search");
    if (!header) return;
    const input = header.elements.q;
    const box = header.querySelector("[data-results]");
    const status = header.querySelector("[data-status]");
    const close = () => (box.hidden = true);
    const run = runner((results, message) => {
      status.textContent = message;
      if (!results || !input.value.trim()) return close();
      const more = new URL(header.action, location.href);
      more.searchParams.set("q", input.value);
      const all = el("a", { href: more.pathname + more.search, class: "search-all" }, words.all);
      box.replaceChildren(el("p", { class: "search-count" }, message), ...groups(results, { limit: 5, headings: false, prefix: "site-search-kind" }), all);
      box.hidden = false;
    });
    input.addEventListener("focus", () => json(words.index).catch(() => {}), { once: true });
    input.addEventListener("input", debounce(() => run(input.value), 120));
    header.addEventListener("keydown", (e) => {
      if (e.key === "Escape" && !box.hidden) {
        close();
        input.focus();
      }
    });
    header.addEventListener("focusout", (e) => {
      if (!header.contains(e.relatedTarget)) close();
    });
  }

  function enhancePage() {
    const form = document.querySelector("form[data-search-page]");
    if (!form) return;
    const input = form.elements.q;
    const scope = form.parentElement;
    const status = scope.querySelector("[data-status]");
    const box = scope.querySelector("[data-results]");
    scope.querySelector("[data-no-script]").hidden = true;
    const run = runner((results, message) => {
      status.textContent = message;
      box.replaceChildren(...(results ? groups(results, { limit: 100, headings: true, prefix: "search-kind" }) : []));
    });
    const update = () => {
      const url = new URL(location.href);
      input.value.trim() ? url.searchParams.set("q", input.value) : url.searchParams.delete("q");
      history.replaceState(history.state, "", url.pathname + url.search + url.hash);
      run(input.value);
    };
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      update();
    });
    input.addEventListener("input", debounce(update, 150));
    input.value = new URLSearchParams(location.search).get("q") ?? "";
    if (input.value) run(input.value);
  }

  enhanceHeader();
  enhancePage();
})();
