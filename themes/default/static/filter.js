// Amicus list filters. Enhances the city, agreement and program lists: shows the filter
// form (hidden without JavaScript, when the plain paginated list is complete), loads the
// collection's filter.json (key tables and a column of indexes per facet) on first use,
// filters on those, then fetches the chunks of rows (filter/<n>.json) that hold the
// results on screen and renders them, a page at a time. The filters live in the URL
// query (?area=…&country=…) so that a filtered view can be shared. Everything it
// writes is text or elements, never parsed HTML.
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
  let data = null;
  let loading = null;
  const chunks = new Map();
  let matches = [];
  let shown = 0;

  const load = () =>
    (loading ??= fetch(words.filters)
      .then((r) => (r.ok ? r.json() : Promise.reject(new Error(r.status))))
      .then((json) => (data = json)));

  const number = (n) => n.toLocaleString(lang);
  const fill = (text, values) =>
    text.replace(/\{(\w+)\}/g, (all, key) => (key in values ? values[key] : all));
  const url = (template, id) => template.replace("{id}", encodeURIComponent(id));
  const chunk = (n) => {
    if (!chunks.has(n)) {
      const address = words.filters.replace(/\.json$/, `/${n}.json`);
      const p = fetch(address).then((r) => (r.ok ? r.json() : Promise.reject(new Error(r.status))));
      p.catch(() => chunks.delete(n));
      chunks.set(n, p);
    }
    return chunks.get(n);
  };

  function el(tag, attrs = {}, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
    for (const c of children) if (c != null) node.append(c);
    return node;
  }

  // The label of an option, from the select of a facet, by index into its keys.
  function label(facet, ix) {
    const select = form.elements[facet];
    const option = select && select.options[ix + 1];
    return option ? option.dataset.label : data.keys[facet][ix];
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

  // The positions of the matching items, in list order.
  function matching() {
    const wanted = selects
      .filter((s) => s.value)
      .map((s) => [data.facets[s.name], data.keys[s.name].indexOf(s.value)]);
    const found = [];
    for (let i = 0; i < data.count; i++) {
      const ok = wanted.every(([column, ix]) => {
        const v = column[i];
        return Array.isArray(v) ? v.includes(ix) : v === ix;
      });
      if (ok) found.push(i);
    }
    return found;
  }

  function date([iso, human]) {
    return el("time", { datetime: iso }, human);
  }

  function sep() {
    return el("span", { class: "sep", "aria-hidden": "true" }, " · ");
  }

  // The card of item `i`, whose row is `row`.
  function card(i, row) {
    const get = (name) => (name in data.facets ? data.facets[name][i] : row[data.fields.indexOf(name)]);
    const id = get("id");
    const title = el("h2", { class: "card-title" }, el("a", { href: url(data.url, id) }, get("title") ?? get("name")));
    const meta = el("p", { class: "card-meta" });
    if (data.fields.includes("level")) {
      const country = get("country")[0];
      meta.append(
        el("span", { class: "kind" }, label("level", get("level"))),
        sep(),
        el("a", { href: url(data.country_url, data.keys.country[country].toLowerCase()) }, label("country", country)),
      );
    } else {
      const s = get("status");
      const state = data.keys.status[s];
      meta.append(el("span", { class: "kind" }, label("kind", get("kind"))), " ");
      meta.append(el("span", { class: "badge badge--" + state }, label("status", s)));
      const [start, end] = [get("date") ?? get("start"), get("end")];
      if (start || end) {
        const when = el("span", { class: "card-date" });
        if (start) when.append(date(start));
        if (start && end) when.append(" – ");
        if (end) when.append(date(end));
        meta.append(" ", when);
      }
    }
    const node = el("li", { class: "card" }, title, meta);
    const parties = get("parties");
    if (parties) {
      const p = el("p", { class: "card-parties" });
      parties.forEach(([pid, name], i) => {
        if (i) p.append(sep());
        p.append(el("a", { href: url(data.city_url, pid) }, name));
      });
      node.append(p);
    }
    const areas = get("area");
    if (areas.length) {
      const list = el("ul", { class: "tags tags--small", "aria-label": form.elements.area?.labels[0]?.textContent ?? "" });
      for (const a of areas) list.append(el("li", {}, el("a", { href: url(data.area_url, data.keys.area[a]) }, label("area", a))));
      node.append(list);
    }
    return node;
  }

  // Renders the next page of matches; focus moves to the first new one when asked.
  async function more(focus) {
    const list = results.querySelector("ul.cards");
    const next = matches.slice(shown, shown + data.page_size);
    const needed = [...new Set(next.map((i) => Math.floor(i / data.chunk)))];
    const rows = new Map(await Promise.all(needed.map(async (n) => [n, await chunk(n)])));
    if (list !== results.querySelector("ul.cards")) return; // the filters changed meanwhile
    for (const i of next) list.append(card(i, rows.get(Math.floor(i / data.chunk))[i % data.chunk]));
    if (focus && next.length) list.children[shown].querySelector("a").focus();
    shown += next.length;
    results.querySelector(".filters-more").hidden = shown >= matches.length;
  }

  function render() {
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
    results.append(el("ul", { class: "cards cards--list" }), button);
    return more(false);
  }

  function failed() {
    status.textContent = words.failed;
    results.replaceChildren();
    plain.hidden = false;
  }

  function apply() {
    writeUrl();
    if (!active()) return render();
    load().then(render).catch(failed);
  }

  form.hidden = false;
  form.addEventListener("focusin", () => load().catch(() => {}), { once: true });
  form.addEventListener("change", apply);
  form.addEventListener("submit", (e) => e.preventDefault());
  // Reset fires before the fields are cleared.
  form.addEventListener("reset", () => setTimeout(apply));
  readUrl();
  if (active()) apply();
})();
