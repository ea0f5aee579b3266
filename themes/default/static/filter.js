// Amicus list filters. Enhances the city, agreement and program lists: loads the
// collection's filter.json (key tables and a column of indexes per facet) on first use,
// filters on those, and shows the matches a page at a time as the list pages' own
// cards: item i is card i % page_size of list page i / page_size + 1, fetched from that
// page (parsed inert by DOMParser, same origin) or taken from this one. Beside each
// option it writes how many items match if that option were chosen, given the other
// facets' choices. The filters live in the URL query (?area=…&country=…) so that a
// filtered view can be shared. Facets are data: nothing here names one.
(() => {
  "use strict";
  const form = document.querySelector("form[data-filters]");
  if (!form || !window.fetch) return;
  const status = document.querySelector("[data-filter-status]");
  const results = document.querySelector("[data-filter-results]");
  const plain = document.querySelector("[data-filter-static]");
  const selects = [...form.querySelectorAll("select")];
  const words = form.dataset;
  const lang = document.documentElement.lang || undefined;
  const cardsOf = (root) => [...root.querySelectorAll("[data-filter-static] ul.cards > li")];
  let data = null;
  let loading = null;
  // Each list page's cards, by page number; this page's are at hand.
  const pages = new Map([[Number(words.page), Promise.resolve(cardsOf(document))]]);
  let matches = [];
  let shown = 0;

  const fetched = (address, as) =>
    fetch(address).then((r) => (r.ok ? r[as]() : Promise.reject(new Error(r.status))));
  const load = () => (loading ??= fetched(words.filters, "json").then((json) => (data = json)));

  const number = (n) => n.toLocaleString(lang);
  const fill = (text, values) =>
    text.replace(/\{(\w+)\}/g, (all, key) => (key in values ? values[key] : all));

  function page(n) {
    if (!pages.has(n)) {
      const [first, later] = data.pages;
      const p = fetched(n === 1 ? first : later.replace("{n}", n), "text").then((html) =>
        cardsOf(new DOMParser().parseFromString(html, "text/html")),
      );
      p.catch(() => pages.delete(n));
      pages.set(n, p);
    }
    return pages.get(n);
  }

  function el(tag, attrs = {}, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
    for (const c of children) if (c != null) node.append(c);
    return node;
  }

  const active = () => selects.some((s) => s.value);

  function readUrl() {
    const query = new URLSearchParams(location.search);
    for (const s of selects) {
      const v = query.get(s.name);
      s.value = v && [...s.options].some((o) => o.value === v) ? v : "";
    }
  }

  function writeUrl() {
    const query = new URLSearchParams(location.search);
    for (const s of selects) s.value ? query.set(s.name, s.value) : query.delete(s.name);
    const q = query.toString();
    history.replaceState(history.state, "", location.pathname + (q ? "?" + q : "") + location.hash);
  }

  // An item's indexes in a column: one, several, or none.
  const values = (v) => (Array.isArray(v) ? v : v == null ? [] : [v]);
  const has = (v, ix) => (Array.isArray(v) ? v.includes(ix) : v === ix);

  // The chosen option of each select that has one, as [select, column, index].
  const chosen = () =>
    selects
      .filter((s) => s.value)
      .map((s) => [s, data.facets[s.name], data.keys[s.name].indexOf(s.value)]);

  // The positions of the matching items, in list order.
  function matching() {
    const wanted = chosen();
    const found = [];
    for (let i = 0; i < data.count; i++) {
      if (wanted.every(([, column, ix]) => has(column[i], ix))) found.push(i);
    }
    return found;
  }

  // Per select, per option: the items that would match were it chosen instead, given
  // the other selects' choices. An option nothing would match is disabled unless chosen.
  function recount() {
    const wanted = chosen();
    for (const s of selects) {
      const column = data.facets[s.name];
      const others = wanted.filter(([other]) => other !== s);
      const counts = new Array(s.options.length - 1).fill(0);
      for (let i = 0; i < data.count; i++) {
        if (others.every(([, c, ix]) => has(c[i], ix))) for (const ix of values(column[i])) counts[ix]++;
      }
      counts.forEach((count, ix) => {
        const option = s.options[ix + 1];
        option.textContent = `${option.dataset.label} (${number(count)})`;
        option.disabled = count === 0 && !option.selected;
      });
    }
  }

  // Renders the next page of matches; focus moves to the first new one when asked.
  async function more(focus) {
    const list = results.querySelector("ul.cards");
    const next = matches.slice(shown, shown + data.page_size);
    const pageOf = (i) => Math.floor(i / data.page_size) + 1;
    const needed = [...new Set(next.map(pageOf))];
    const cards = new Map(await Promise.all(needed.map(async (n) => [n, await page(n)])));
    if (list !== results.querySelector("ul.cards")) return; // the filters changed meanwhile
    for (const i of next) list.append(document.importNode(cards.get(pageOf(i))[i % data.page_size], true));
    if (focus && next.length) list.children[shown].querySelector("a").focus();
    shown += next.length;
    results.querySelector(".filters-more").hidden = shown >= matches.length;
  }

  function render() {
    recount();
    const filtering = active();
    plain.hidden = filtering;
    results.replaceChildren();
    if (!filtering) {
      status.textContent = "";
      return;
    }
    matches = matching();
    shown = 0;
    status.textContent = matches.length
      ? fill(words.count, { count: number(matches.length), total: number(data.count) })
      : words.none;
    const button = el("button", { type: "button", class: "filters-more", hidden: "" }, words.more);
    button.addEventListener("click", () => more(true).catch(failed));
    const list = plain.querySelector("ul.cards");
    results.append(el("ul", { class: list ? list.className : "cards" }), button);
    return more(false);
  }

  function failed() {
    status.textContent = words.failed;
    results.replaceChildren();
    plain.hidden = false;
  }

  function apply() {
    writeUrl();
    if (!active() && !data) return render();
    load().then(render).catch(failed);
  }

  form.addEventListener("focusin", () => load().catch(() => {}), { once: true });
  form.addEventListener("change", apply);
  form.addEventListener("submit", (e) => e.preventDefault());
  // Reset fires before the fields are cleared.
  form.addEventListener("reset", () => setTimeout(apply));
  readUrl();
  if (active()) apply();
})();
