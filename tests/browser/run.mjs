// Quality checks over a built site, run by .ci/run after the example site is built:
//   1. the W3C Nu HTML Checker (vnu-jar, needs Java) over every HTML page of every
//      language: zero errors;
//   2. for a site in several languages, every page lists the same hreflang alternates
//      (each language and x-default, absolute URLs of existing pages that list it back),
//      its language switcher links to them, and the sitemap gives the same alternates;
//   3. axe-core in headless Chromium on every page kind in every language, light and
//      dark: zero violations;
//   4. every page kind in every language fits a 320 px wide screen without scrolling
//      sideways, its language switcher in view; the home and Dresden's maps at 375 and
//      1280 px: labels that do not overlap, 12 px or larger on a phone, markers that are
//      24 px targets with focus rings inside the map; chart text of 12 px at 320 px;
//   5. browser journeys on the default-language (German) site: filter the agreement list
//      by an area and a country, search "krakow" without the accent, open the result, and
//      check that the city page's map draws its partner lines; the search page; no
//      request leaves the site or asks for another language's data; the filters again on
//      the English list, with English labels and data;
//   6. language journeys: the switcher from a German city page to its English version and
//      back; a German name (Breslau) found by the header search; English pages of entries
//      without a translation say so and mark their German text lang="de"; a page's
//      hreflang links in the browser;
//   7. with --large, search on a generated site large enough to split its index: a short
//      word shared by many entries loads one small shard of its best documents;
//   8. Lighthouse (its own headless Chromium, Debian's) over the home, a city, the
//      agreement list and the statistics page: accessibility, best practices and SEO 100,
//      layout shift under 0.1; performance at least 90, not 100, because this machine's
//      speed drifts with its load (the scores are printed).
// Usage: node run.mjs SITE_DIR [--large SITE_DIR] [--shots OUT_DIR]
//   (--shots only takes screenshots)
// Chromium is Debian's (/usr/bin/chromium, or $CHROMIUM); nothing is downloaded. Playwright
// starts it headless with a fresh temporary profile.

import { spawnSync } from "node:child_process";
import { readFileSync, readdirSync, statSync, existsSync, mkdirSync } from "node:fs";
import { createServer } from "node:http";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import { join, extname, dirname, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const here = dirname(fileURLToPath(import.meta.url));
const site = process.argv[2];
const shotsAt = process.argv.indexOf("--shots");
const shots = shotsAt > 0 ? process.argv[shotsAt + 1] : null;
const largeAt = process.argv.indexOf("--large");
const large = largeAt > 0 ? process.argv[largeAt + 1] : null;
if (!site || !existsSync(join(site, "index.html"))) {
  console.error("usage: node run.mjs SITE_DIR [--large SITE_DIR] [--shots OUT_DIR] (each SITE_DIR must hold a built site)");
  process.exit(2);
}

let failures = 0;
const fail = (message) => {
  failures += 1;
  console.error("FAIL " + message);
};
const pass = (message) => console.log("ok   " + message);

function htmlFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return htmlFiles(path);
    return name.endsWith(".html") ? [path] : [];
  });
}

function validateHtml() {
  const files = htmlFiles(site);
  const jar = join(here, "node_modules/vnu-jar/build/dist/vnu.jar");
  const run = spawnSync("java", ["-Xss8m", "-jar", jar, "--errors-only", "--format", "gnu", ...files], {
    encoding: "utf8",
  });
  if (run.error) return fail("vnu: " + run.error.message);
  // Pages per language: the default language's at the root, the others under their prefix.
  const langs = languages();
  const perLanguage = langs
    .map(({ lang, prefix }) => {
      const n = files.filter((f) => {
        const path = "/" + relative(site, f);
        return prefix ? path.startsWith(prefix + "/") : !langs.some((l) => l.prefix && path.startsWith(l.prefix + "/"));
      }).length;
      if (!n) fail(`Nu HTML Checker: no pages in ${lang}`);
      return `${n} ${lang}`;
    })
    .join(", ");
  const errors = (run.stderr + run.stdout).split("\n").filter((l) => l.trim());
  if (run.status !== 0 || errors.length) {
    errors.forEach((e) => console.error("  " + e));
    fail(`Nu HTML Checker: ${errors.length} errors in ${files.length} pages (${perLanguage})`);
  } else {
    pass(`Nu HTML Checker: ${files.length} pages (${perLanguage}), no errors`);
  }
}

// The attributes of each <name …> tag in some HTML, as objects (enough for generated pages).
const tags = (html, name) =>
  [...html.matchAll(new RegExp(`<${name}\\b[^>]*>`, "g"))].map(([tag]) =>
    Object.fromEntries([...tag.matchAll(/([\w:-]+)(?:="([^"]*)")?/g)].slice(1).map(([, k, v]) => [k, v ?? ""])),
  );
// A page's <link rel="alternate" hreflang> as a map from language to URL.
const alternates = (html) => new Map(tags(html, "link").filter((l) => l.rel === "alternate" && l.hreflang).map((l) => [l.hreflang, l.href]));
const serialize = (map) => [...map].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => `${k}=${v}`).join(" ");

// The site's languages from its home page's alternates, the default one (at the root)
// first: [{ lang, prefix }], prefix "" or "/en". A site in one language has one.
let languageList;
function languages() {
  if (languageList) return languageList;
  const html = readFileSync(join(site, "index.html"), "utf8");
  const alts = alternates(html);
  const own = tags(html, "html")[0]?.lang ?? "";
  languageList = alts.size
    ? [...alts]
        .filter(([lang]) => lang !== "x-default")
        .map(([lang, href]) => ({ lang, prefix: new URL(href).pathname.replace(/\/$/, "") }))
        .sort((a, b) => a.prefix.length - b.prefix.length)
    : [{ lang: own, prefix: "" }];
  return languageList;
}

// Every page of a site in several languages names the same set of versions of itself:
// one per language and x-default (the default language's), absolute URLs of pages that
// exist and list the same set; its own language's is its canonical URL. The language
// switcher links to those versions, marks the current one, and tags each link with its
// language; the sitemap gives each URL the same alternates.
function checkAlternates() {
  const langs = languages();
  if (langs.length < 2) return;
  const expected = [...langs.map((l) => l.lang), "x-default"].sort().join(" ");
  const problems = [];
  const byUrl = new Map();
  for (const file of htmlFiles(site)) {
    if (file.endsWith("404.html")) continue;
    const path = "/" + relative(site, file).replace(/index\.html$/, "");
    const problem = (what) => problems.push(`${path}: ${what}`);
    const html = readFileSync(file, "utf8");
    const alts = alternates(html);
    const lang = tags(html, "html")[0]?.lang;
    const canonical = tags(html, "link").find((l) => l.rel === "canonical")?.href;
    if ([...alts.keys()].sort().join(" ") !== expected) {
      problem(`hreflang ${[...alts.keys()].join(", ") || "none"}, expected ${expected}`);
      continue;
    }
    if (!canonical || new URL(canonical).pathname !== path) problem(`canonical URL ${canonical}`);
    if (alts.get(lang) !== canonical) problem(`its own language's (${lang}) alternate ${alts.get(lang)} is not its canonical URL`);
    if (alts.get("x-default") !== alts.get(langs[0].lang)) problem(`x-default ${alts.get("x-default")} is not the ${langs[0].lang} page`);
    for (const { lang: l, prefix } of langs) {
      const href = alts.get(l);
      if (!/^https?:\/\//.test(href)) problem(`${l} alternate ${href} is not absolute`);
      const target = new URL(href, "https://x").pathname;
      if (!target.startsWith(prefix + "/") || (!prefix && langs.some((o) => o.prefix && target.startsWith(o.prefix + "/")))) problem(`${l} alternate ${href} is not under ${prefix || "the root"}`);
      if (!existsSync(join(site, target, "index.html"))) problem(`${l} alternate ${href} does not exist`);
    }
    const nav = html.match(/<nav class="language-switcher"[\s\S]*?<\/nav>/)?.[0];
    if (!nav) problem("no language switcher");
    else {
      const got = tags(nav, "a").map((a) => `${a.hreflang}/${a.lang} ${a.href}${a["aria-current"] === "page" ? " (current)" : ""}`).join(", ");
      const want = langs.map((l) => `${l.lang}/${l.lang} ${new URL(alts.get(l.lang)).pathname}${l.lang === lang ? " (current)" : ""}`).join(", ");
      if (got !== want) problem(`language switcher ${got}; expected ${want}`);
    }
    byUrl.set(canonical, alts);
  }
  for (const [url, alts] of byUrl) {
    for (const href of alts.values()) {
      const other = byUrl.get(href);
      if (other && serialize(other) !== serialize(alts)) problems.push(`${url} and ${href} list different alternates`);
    }
  }
  if (problems.length) {
    problems.slice(0, 10).forEach((p) => console.error("  " + p));
    fail(`alternates: ${problems.length} problems in ${byUrl.size} pages`);
  } else {
    pass(`alternates: ${byUrl.size} pages list ${expected}, absolute, existing and reciprocal; their language switchers match`);
  }

  const sitemap = readFileSync(join(site, "sitemap.xml"), "utf8");
  const entries = [...sitemap.matchAll(/<url>([\s\S]*?)<\/url>/g)].map(([, entry]) => [
    entry.match(/<loc>([^<]*)<\/loc>/)?.[1],
    new Map(tags(entry, "xhtml:link").filter((l) => l.rel === "alternate").map((l) => [l.hreflang, l.href])),
  ]);
  const wrong = entries.filter(([loc, alts]) => !byUrl.has(loc) || serialize(byUrl.get(loc)) !== serialize(alts)).map(([loc]) => loc);
  const listed = new Set(entries.map(([loc]) => loc));
  const missing = [...byUrl.keys()].filter((url) => !listed.has(url));
  check(
    !wrong.length && !missing.length,
    `sitemap: ${entries.length} URLs with the pages' own alternates` +
      (wrong.length ? `; differ: ${wrong.slice(0, 3).join(" ")}` : "") +
      (missing.length ? `; missing ${missing.length}: ${missing.slice(0, 3).join(" ")}` : ""),
  );
}

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css",
  ".js": "text/javascript",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".xml": "application/xml",
  ".csv": "text/csv",
  ".geojson": "application/geo+json",
};

// Serves a site like a static host: pretty URLs; for what does not exist, the 404.html of
// the nearest folder (so /en/… gets the English one), as hosts with one per language do.
function serve(site) {
  const notFound = (path) => {
    for (let dir = dirname(path); ; dir = dirname(dir)) {
      if (existsSync(join(site, dir, "404.html"))) return join(site, dir, "404.html");
      if (dir === "/" || dir === ".") return join(site, "404.html");
    }
  };
  const server = createServer((req, res) => {
    let path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    if (path.endsWith("/")) path += "index.html";
    const file = join(site, path);
    if (!file.startsWith(site) || !existsSync(file) || statSync(file).isDirectory()) {
      res.writeHead(404, { "content-type": TYPES[".html"] });
      return res.end(readFileSync(notFound(path)));
    }
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
    res.end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

// One page of each kind in one language (prefix "" or "/en"), found from the site itself
// so the list follows the content.
function pageKinds(prefix = "") {
  const root = join(site, prefix);
  const first = (folder) => {
    const dir = join(root, folder);
    const names = readdirSync(dir).filter((n) => n !== "page" && existsSync(join(dir, n, "index.html")));
    return names.length ? `${prefix}/${folder}/${names.sort()[0]}/` : null;
  };
  const reserved = ["cities", "agreements", "programs", "areas", "countries", "search", "statistics", "static", "feeds", "data"];
  const others = languages().map((l) => l.prefix.slice(1)).filter(Boolean);
  const pages = readdirSync(root).filter((n) => !reserved.includes(n) && !others.includes(n) && existsSync(join(root, n, "index.html")));
  return {
    home: `${prefix}/`,
    city: `${prefix}/cities/krakow/`,
    agreement: first("agreements"),
    program: first("programs"),
    area: first("areas"),
    country: first("countries"),
    cities: `${prefix}/cities/`,
    agreements: `${prefix}/agreements/`,
    programs: `${prefix}/programs/`,
    areas: `${prefix}/areas/`,
    countries: `${prefix}/countries/`,
    page: pages.length ? `${prefix}/${pages.sort()[0]}/` : null,
    search: `${prefix}/search/?q=krakow`,
    statistics: existsSync(join(root, "statistics/index.html")) ? `${prefix}/statistics/` : null,
    "404": `${prefix}/no-such-page/`,
    "filtered list": `${prefix}/agreements/?area=cultural-exchange`,
  };
}

// Every page kind in every language: [language, kind, path].
const allPages = () =>
  languages().flatMap(({ lang, prefix }) =>
    Object.entries(pageKinds(prefix))
      .filter(([, path]) => path)
      .map(([kind, path]) => [lang, kind, path]),
  );

// Both colour schemes at once, each in its own page; the results are printed in order.
async function axe(context, origin) {
  const source = readFileSync(join(here, "node_modules/axe-core/axe.min.js"), "utf8");
  const scheme = async (scheme) => {
    const results = [];
    const page = await context.newPage();
    await page.emulateMedia({ colorScheme: scheme });
    for (const [lang, kind, path] of allPages()) {
      await page.goto(origin + path);
      await page.waitForLoadState("networkidle");
      await page.addScriptTag({ content: source });
      const result = await page.evaluate(() => window.axe.run(document));
      const details = result.violations.flatMap((v) => [
        `  ${v.id}: ${v.help}`,
        ...v.nodes.slice(0, 3).map((n) => "    " + n.target.join(" ") + " — " + n.failureSummary.replace(/\n/g, " ")),
      ]);
      const label = `axe ${lang} ${kind} (${path}, ${scheme})`;
      results.push([!details.length, details.length ? `${label}: ${result.violations.length} violations` : `${label}: no violations`, details]);
    }
    // The header's search results open over the page: check them too.
    for (const { lang, prefix } of languages()) {
      await page.goto(origin + prefix + "/");
      await page.fill("#site-search-q", "dresden");
      await page.waitForSelector(".site-search-results:not([hidden]) a");
      await page.addScriptTag({ content: source });
      const open = await page.evaluate(() => window.axe.run(document));
      const label = `axe ${lang} header search results (${scheme})`;
      results.push([!open.violations.length, open.violations.length ? `${label}: ${open.violations.map((v) => v.id).join(", ")}` : `${label}: no violations`, []]);
    }
    await page.close();
    return results;
  };
  for (const [ok, message, details] of (await Promise.all(["light", "dark"].map(scheme))).flat()) {
    details.forEach((d) => console.error(d));
    (ok ? pass : fail)(message);
  }
}

const check = (condition, message) => (condition ? pass(message) : fail(message));

// Responsive from 320 px: no page kind scrolls sideways on the narrowest phones, and the
// language switcher stays in view.
async function narrow(context, origin) {
  const page = await context.newPage();
  await page.setViewportSize({ width: 320, height: 640 });
  for (const [lang, kind, path] of allPages()) {
    await page.goto(origin + path);
    await page.waitForLoadState("networkidle");
    const { scroll, client, switcher, outside } = await page.evaluate(() => {
      const client = document.documentElement.clientWidth;
      const links = [...document.querySelectorAll("nav.language-switcher a")];
      const outside = links.filter((a) => {
        const r = a.getBoundingClientRect();
        return !r.width || r.left < 0 || r.right > client;
      });
      return { scroll: document.documentElement.scrollWidth, client, switcher: links.length, outside: outside.map((a) => a.textContent) };
    });
    const multilingual = languages().length > 1;
    check(
      scroll <= client && (!multilingual || (switcher > 0 && !outside.length)),
      `320 px: ${lang} ${kind} (${path}) fits (${scroll} ≤ ${client})` +
        (multilingual ? (outside.length ? `, switcher links out of view: ${outside.join(", ")}` : `, ${switcher} switcher links in view`) : ""),
    );
  }
  await page.close();
}

// Maps and charts at phone and desktop widths: no two visible map labels overlap, labels
// and chart text render at 12 px or more on a phone, every marker link is a target of at
// least 24 × 24 px (WCAG 2.5.8), and each marker's focus ring lies inside its map.
async function mapsAndCharts(context, origin) {
  const page = await context.newPage();
  const maps = ["/", "/cities/dresden/"].filter((p) => existsSync(join(site, p, "index.html")));
  for (const width of [375, 1280]) {
    await page.setViewportSize({ width, height: 800 });
    for (const path of maps) {
      await page.goto(origin + path);
      await page.waitForLoadState("networkidle");
      const found = await page.evaluate(() => {
        const svg = document.querySelector("svg.map");
        if (!svg) return null;
        const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
        const labels = [...svg.querySelectorAll(".map-label")]
          .map((t) => ({ text: t.textContent, r: t.getBoundingClientRect(), size: parseFloat(getComputedStyle(t).fontSize) * scale }))
          .filter((l) => l.r.width > 0);
        const overlaps = [];
        labels.forEach((a, i) =>
          labels.slice(i + 1).forEach((b) => {
            const ox = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
            const oy = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
            if (ox > 0.5 && oy > 0.5) overlaps.push(`${a.text} × ${b.text}`);
          }),
        );
        const links = [...svg.querySelectorAll("a.map-city")];
        const small = links
          .map((a) => ({ name: a.querySelector("title").textContent, r: a.querySelector(".map-hit").getBoundingClientRect() }))
          .filter(({ r }) => r.width < 24 || r.height < 24)
          .map(({ name, r }) => `${name} ${r.width.toFixed(1)}×${r.height.toFixed(1)}`);
        const cut = [];
        for (const a of links) {
          a.focus();
          const ring = a.querySelector(".map-ring");
          const style = getComputedStyle(ring);
          const r = ring.getBoundingClientRect();
          const frame = a.closest("svg").getBoundingClientRect();
          const pad = parseFloat(style.strokeWidth) / 2;
          const inside = r.left - pad >= frame.left && r.right + pad <= frame.right && r.top - pad >= frame.top && r.bottom + pad <= frame.bottom;
          if (style.stroke === "none" || !inside) cut.push(a.querySelector("title").textContent);
        }
        document.activeElement?.blur();
        return { labels: labels.length, smallest: Math.min(...labels.map((l) => l.size)), overlaps, links: links.length, small, cut };
      });
      if (!found) {
        fail(`${width} px: no map on ${path}`);
        continue;
      }
      check(found.labels >= 3 && !found.overlaps.length, `${width} px: ${found.labels} map labels on ${path}, none overlapping${found.overlaps.length ? ": " + found.overlaps.join(", ") : ""}`);
      check(found.smallest >= 12, `${width} px: map labels on ${path} render at ${found.smallest.toFixed(1)} px or more (≥ 12)`);
      check(!found.small.length, `${width} px: ${found.links} map markers on ${path} are targets of 24 × 24 px or more${found.small.length ? "; smaller: " + found.small.join(", ") : ""}`);
      check(!found.cut.length, `${width} px: focus rings of the map markers on ${path} show whole${found.cut.length ? "; cut: " + found.cut.join(", ") : ""}`);
    }
  }
  await page.setViewportSize({ width: 320, height: 800 });
  await page.goto(origin + "/statistics/");
  await page.waitForLoadState("networkidle");
  const charts = await page.evaluate(() =>
    [...document.querySelectorAll("svg.chart")].map((svg) => {
      const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
      const sizes = [...svg.querySelectorAll("text")].map((t) => parseFloat(getComputedStyle(t).fontSize) * scale);
      return { title: svg.querySelector("title").textContent, texts: sizes.length, smallest: Math.min(...sizes) };
    }),
  );
  check(charts.length > 0, `320 px: ${charts.length} charts on the statistics page`);
  for (const c of charts) check(c.smallest >= 12, `320 px: chart "${c.title}" text (${c.texts}) renders at ${c.smallest.toFixed(1)} px or more (≥ 12)`);
  await page.close();
}

// The agreement list's filters in one language: an area and a country, instantly, kept in
// the URL, labelled and announced in the page's language, from that language's data.
const FILTERS = {
  de: { area: "Kultureller Austausch", parties: /Polen|Krakau|Breslau|Łódź|Zgorzelec|Niederschlesien|Hirschberg/ },
  en: { area: "Cultural exchange", parties: /Poland|Kraków|Wrocław|Łódź|Zgorzelec|Lower Silesia|Jelenia Góra/ },
};
async function filters(page, origin, { lang, prefix }, requests) {
  const { area, parties } = FILTERS[lang];
  const label = `filters (${lang})`;
  await page.goto(origin + prefix + "/agreements/");
  const total = await page.locator("[data-filter-static] .card").count();
  await page.selectOption("#filter-area", "cultural-exchange");
  await page.selectOption("#filter-country", "PL");
  await page.waitForSelector("[data-filter-results] .card");
  const cards = page.locator("[data-filter-results] .card");
  const shown = await cards.count();
  check(shown > 0 && shown < total, `${label}: ${shown} of ${total} agreements for cultural exchange with Poland`);
  const chosen = (await page.locator("#filter-area option:checked").textContent()).trim();
  check(chosen.startsWith(area), `${label}: the area is labelled "${chosen}"`);
  const data = requests.filter((r) => r.endsWith("/filter.json")).map((r) => new URL(r).pathname);
  check(data.length > 0 && data.every((d) => d === `${prefix}/agreements/filter.json`), `${label}: data from ${data.join(", ") || "nowhere"}`);
  const url = new URL(page.url());
  check(url.searchParams.get("area") === "cultural-exchange" && url.searchParams.get("country") === "PL", `${label} live in the URL (${url.search})`);
  check(await page.locator("[data-filter-static]").isHidden(), `${label}: the plain list is hidden while filtering`);
  const status = await page.locator("[data-filter-status]").textContent();
  const template = await page.locator("form.filters").getAttribute("data-count");
  const announced = new RegExp("^" + template.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace("{count}", String(shown)).replace("{total}", "\\d+") + "$");
  check(announced.test(status), `${label}: the live region announces the count in the page's language ("${status}")`);
  const texts = await cards.allTextContents();
  const off = texts.filter((t) => !(t.includes(area) && parties.test(t)));
  check(!off.length, `${label}: every result is about ${area} with a Polish party` + (off.length ? ` (not: ${off[0].replace(/\s+/g, " ")})` : ""));
  const links = await cards.locator("a").evaluateAll((as) => as.map((a) => new URL(a.href).pathname));
  check(links.length > 0 && links.every((l) => l.startsWith(prefix + "/") && !(prefix === "" && l.startsWith("/en/"))), `${label}: results link to ${prefix || "German"} pages (${links[0]})`);
  // Faceted counts: beside each chosen option, the results it gives with the others.
  const counted = async (select) => Number((await page.locator(`${select} option:checked`).textContent()).match(/\((\d+)\)$/)?.[1]);
  const [areaCount, countryCount] = [await counted("#filter-area"), await counted("#filter-country")];
  check(areaCount === shown && countryCount === shown, `${label}: the chosen options count the ${shown} results (area ${areaCount}, country ${countryCount})`);
  // The script's cards are the server's: each result equals the plain list's card for the
  // same entry, and clearing leaves the plain list as the server wrote it.
  const server = await page.locator("[data-filter-static] ul.cards > li").evaluateAll((lis) => lis.map((li) => li.outerHTML));
  const drawn = await cards.evaluateAll((lis) => lis.map((li) => li.outerHTML));
  const unlike = drawn.filter((html) => !server.includes(html));
  check(drawn.length === shown && !unlike.length, `${label}: the ${drawn.length} drawn cards equal server-rendered ones` + (unlike.length ? ` (not: ${unlike[0].slice(0, 200)})` : ""));
  await page.goto(url.toString());
  await page.waitForSelector("[data-filter-results] .card");
  check((await cards.count()) === shown && (await page.inputValue("#filter-country")) === "PL", `${label}: a shared URL restores the filtered view`);
  await page.click(".filters-clear");
  await page.waitForFunction(() => !location.search);
  check(await page.locator("[data-filter-static]").isVisible(), `${label}: clearing them brings back the plain list`);
  const after = await page.locator("[data-filter-static] ul.cards > li").evaluateAll((lis) => lis.map((li) => li.outerHTML));
  check(after.join() === server.join(), `${label}: after clearing, the plain list is the server's`);
  const totals = await page.locator("#filter-country option:checked, #filter-area option").evaluateAll((os) => os.filter((o) => o.value).every((o) => !o.disabled));
  check(totals, `${label}: after clearing, every option is available again`);
}

// Filters on a list of many pages: the matches of a country come from list pages other
// than the one shown, as many cards as its option counts, each of that country.
async function largeFilters(context, origin) {
  const page = await context.newPage();
  await page.goto(origin + "/cities/");
  const option = page.locator("#filter-country option").nth(1);
  const [value, label, text] = [await option.getAttribute("value"), await option.getAttribute("data-label"), await option.textContent()];
  const count = Number(text.match(/\(([\d,.\s]+)\)$/)[1].replace(/\D/g, ""));
  await page.selectOption("#filter-country", value);
  const cards = page.locator("[data-filter-results] li.card");
  await cards.first().waitFor();
  const more = page.locator(".filters-more");
  while (await more.isVisible()) {
    const before = await cards.count();
    await more.click();
    await page.waitForFunction((n) => document.querySelectorAll("[data-filter-results] li.card").length > n, before);
  }
  const countries = await cards.evaluateAll((lis) => lis.map((li) => li.querySelector(".card-meta a")?.textContent));
  const links = new Set(await cards.evaluateAll((lis) => lis.map((li) => li.querySelector("a").pathname)));
  const pages = new Set(await page.evaluate(() => performance.getEntriesByType("resource").map((r) => new URL(r.name).pathname).filter((p) => p.includes("/cities/page/"))));
  check(
    countries.length === count && links.size === count && countries.every((c) => c === label),
    `large site: filtering ${label} shows ${countries.length} cities of ${label} as its option counts (${count}), cards from ${pages.size} other list pages`,
  );
  await page.close();
}

// Lighthouse's four categories on the pages a visitor lands on. Each page in a fresh
// headless Chromium (Lighthouse drives it over its debugging port), one at a time.
const LIGHTHOUSE_PAGES = ["/", "/cities/dresden/", "/agreements/", "/statistics/"];
async function lighthouseScores(origin) {
  for (const path of LIGHTHOUSE_PAGES) {
    const chrome = await chromeLauncher.launch({
      chromePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
      chromeFlags: ["--headless", "--no-sandbox", "--disable-gpu"],
    });
    try {
      const { lhr } = await lighthouse(origin + path, { port: chrome.port, output: "json", logLevel: "error" });
      const score = (id) => Math.round(lhr.categories[id].score * 100);
      const shift = lhr.audits["cumulative-layout-shift"].numericValue;
      const summary = Object.keys(lhr.categories).map((id) => `${id} ${score(id)}`).join(", ");
      // What cost points, for the message.
      const lost = (id) =>
        lhr.categories[id].auditRefs
          .filter((r) => r.weight > 0 && lhr.audits[r.id].score !== null && lhr.audits[r.id].score < 1)
          .map((r) => r.id + (r.id === "errors-in-console" ? ` [${lhr.audits[r.id].details.items.map((i) => i.sourceLocation?.url ?? i.description).join(" ")}]` : ""))
          .join(", ");
      console.log(`     lighthouse ${path}: ${summary}, CLS ${shift.toFixed(3)}`);
      for (const id of ["accessibility", "best-practices", "seo"]) {
        check(score(id) === 100, `lighthouse ${path}: ${id} ${score(id)}` + (score(id) < 100 ? ` (lost on: ${lost(id)})` : ""));
      }
      check(score("performance") >= 90, `lighthouse ${path}: performance ${score("performance")} (≥ 90)` + (score("performance") < 100 ? ` (lost on: ${lost("performance")})` : ""));
      check(shift < 0.1, `lighthouse ${path}: cumulative layout shift ${shift.toFixed(3)} (< 0.1)`);
    } finally {
      await chrome.kill();
    }
  }
}

// A shared filtered address without JavaScript: the form, which cannot work, is not
// shown; a notice says that filtering needs JavaScript and links the pre-built pages of
// each area and country, the chosen one among them.
async function filtersWithoutScript(browser, origin) {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(origin + "/agreements/?country=PL");
  const notice = page.locator(".filters--no-script");
  check(await page.locator("form.filters").isHidden(), "filters without JavaScript: the form is not shown");
  check(await notice.isVisible() && /JavaScript/.test(await notice.textContent()), "filters without JavaScript: a notice says filtering needs it");
  const areas = await notice.locator('a[href^="/areas/"]').count();
  check(areas > 0, `filters without JavaScript: the notice links the pages of ${areas} areas`);
  const poland = notice.locator('a[href="/countries/pl/"]');
  check((await poland.count()) === 1, `filters without JavaScript: it links Poland's page ("${(await poland.first().textContent()).trim()}")`);
  await poland.click();
  await page.waitForURL("**/countries/pl/");
  const h1 = (await page.locator("h1").first().textContent()).trim();
  const listed = await page.locator("a[href^='/agreements/']").count();
  check(h1.includes("Polen") && listed > 0, `filters without JavaScript: Poland's page ("${h1}") lists ${listed} agreement links`);
  await context.close();
}

// What a public body's visitor looks for: the anniversaries on the home page with their
// calendar, the imprint and accessibility statement from every footer, and when an entry
// was last checked.
async function publicBody(context, origin) {
  const page = await context.newPage();
  await page.goto(origin + "/");
  const section = page.locator('section[aria-labelledby="anniversaries"]');
  const items = await section.locator("li").allTextContents();
  check(items.length > 0, `anniversaries: the home page lists ${items.length} (${items[0]?.replace(/\s+/g, " ").trim()})`);
  const calendar = await section.locator('a[type="text/calendar"]').getAttribute("href");
  const ics = await (await fetch(origin + calendar)).text();
  check(ics.startsWith("BEGIN:VCALENDAR\r\n") && ics.trimEnd().endsWith("END:VCALENDAR"), `anniversaries: ${calendar} is an iCalendar file`);
  for (const name of ["Impressum", "Erklärung zur Barrierefreiheit"]) {
    const link = page.locator("footer a", { hasText: name });
    const href = await link.first().getAttribute("href");
    const status = (await fetch(origin + href)).status;
    check((await link.count()) === 1 && status === 200, `footer: "${name}" links ${href} (${status})`);
  }
  const abroad = page.locator(".stats a", { hasText: "Partner im Ausland" });
  const counted = (await abroad.locator(".stat-number").textContent()).trim();
  await abroad.click();
  await page.waitForFunction((n) => document.querySelector("[data-filter-status]")?.textContent.startsWith(n + " von"), counted);
  const selected = await page.inputValue("#filter-side");
  check(selected === "partner", `the home page's ${counted} partners abroad open the cities list filtered to them (side=${selected})`);
  await page.goto(origin + "/agreements/chemnitz-lodz/");
  const reviewed = (await page.locator("p.reviewed").textContent())?.replace(/\s+/g, " ").trim();
  check(/^Zuletzt geprüft/.test(reviewed ?? ""), `an entry says when it was last reviewed ("${reviewed}")`);
  await page.goto(origin + "/en/agreements/chemnitz-lodz/");
  const reviewer = await page.locator('p.reviewed span[lang="de"]').count();
  check(reviewer === 1, "on the English page, the German reviewer's name is marked lang=de");
  await page.close();
}

// No layout shift when the scripts start: the sum of layout shifts (without recent input)
// stays under 0.1 on the pages Lighthouse measures and on a filtered list.
async function layoutShifts(context, origin) {
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.__shift = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shift += e.value;
    }).observe({ type: "layout-shift", buffered: true });
  });
  for (const path of ["/", "/cities/dresden/", "/agreements/", "/statistics/", "/agreements/?country=PL"]) {
    for (const width of [1280, 375]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(origin + path);
      await page.waitForLoadState("networkidle");
      await page.waitForTimeout(300);
      const shift = await page.evaluate(() => window.__shift);
      check(shift < 0.1, `layout shift on ${path} at ${width} px: ${shift.toFixed(3)} (< 0.1)`);
    }
  }
  await page.close();
}

// A kind's words, in the page's language or another, find every agreement of that kind
// (as the agreement list labels them) on each language's search page.
async function kindSearch(context, origin, query) {
  const page = await context.newPage();
  for (const { prefix } of languages()) {
    await page.goto(origin + prefix + "/agreements/");
    const label = await page.locator('#filter-kind option[value="sister-city"]').getAttribute("data-label");
    const sisters = await page.locator("[data-filter-static] li.card").evaluateAll(
      (cards, label) => cards.filter((c) => c.querySelector(".kind").textContent === label).map((c) => c.querySelector("a").pathname),
      label,
    );
    await page.goto(`${origin}${prefix}/search/?q=${encodeURIComponent(query)}`);
    const agreements = page.locator(`.search-results a[href^="${prefix}/agreements/"]`);
    await agreements.first().waitFor();
    const found = await agreements.evaluateAll((as) => as.map((a) => a.pathname));
    const missed = sisters.filter((p) => !found.includes(p));
    check(sisters.length > 0 && !missed.length, `search (${prefix || "/"}): "${query}" finds all ${sisters.length} sister-city agreements` + (missed.length ? ` (not: ${missed.join(", ")})` : ""));
  }
  await page.close();
}

// The default-language (German) site: filters, search, map, the search page.
async function journey(context, origin) {
  const page = await context.newPage();
  const requests = [];
  page.on("request", (r) => requests.push(r.url()));
  const [de, en] = languages();

  await filters(page, origin, de, requests);

  // Search: "krakow" without the accent, from the header box, then open the result, shown
  // under its German name.
  await page.goto(origin + "/");
  await page.fill("#site-search-q", "krakow");
  const hit = page.locator(".site-search-results a", { hasText: "Krakau" }).first();
  await hit.waitFor();
  check(true, "search: \"krakow\" finds Kraków (Krakau) in the header box");
  await hit.click();
  await page.waitForURL("**/cities/krakow/");
  check(new URL(page.url()).pathname === "/cities/krakow/", "search: the result opens the German city page");

  // The map of the city page draws its partner lines.
  const map = page.locator("svg.map").first();
  check((await map.count()) === 1, "map: the city page has a map");
  const lines = await page.evaluate(() =>
    [...document.querySelectorAll("svg.map path.map-link")].reduce((sum, p) => sum + p.getTotalLength(), 0),
  );
  const partners = await page.locator("#partners + table tbody tr, section[aria-labelledby=partners] tbody tr").count();
  check(lines > 0, `map: partner lines are drawn (total length ${Math.round(lines)})`);
  const cities = await page.locator("svg.map .map-city").count();
  const linked = await page.locator("svg.map a.map-city").count();
  check(cities >= 2 && linked >= 1 && partners >= 1, `map: ${cities} cities marked (${linked} linked) for ${partners} partners`);

  // Its land is a shared drawing, loaded and laid over the map's whole frame (scaled onto
  // the region for a zoomed map).
  const land = await page.evaluate(async () => {
    const svg = document.querySelector("svg.map");
    const use = svg.querySelector(".map-land");
    const loaded = (await fetch(use.getAttribute("href").split("#")[0])).ok;
    const [a, b] = [svg.getBoundingClientRect(), use.getBoundingClientRect()];
    const overlap = Math.max(0, Math.min(a.right, b.right) - Math.max(a.left, b.left)) *
      Math.max(0, Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top));
    return { loaded, share: overlap / (a.width * a.height), view: svg.classList.contains("map--fit") ? "zoomed" : "world" };
  });
  check(land.loaded && land.share > 0.5, `map: the shared land covers the ${land.view} map (${Math.round(land.share * 100)}% of its frame)`);

  // The search page: other names, grouping by kind, the query in the URL.
  await page.goto(origin + "/search/?q=Cracovia");
  await page.waitForSelector(".search-results a");
  check(await page.locator(".search-results a", { hasText: "Krakau" }).count() > 0, "search page: an other-language name (Cracovia) finds Kraków (Krakau)");
  await page.goto(origin + "/search/?q=Karl-Marx-Stadt");
  await page.waitForSelector(".search-results a");
  check(await page.locator(".search-results a", { hasText: "Chemnitz" }).count() > 0, "search page: a former name (Karl-Marx-Stadt) finds Chemnitz");
  await page.fill("#search-q", "南京");
  await page.waitForFunction(() => document.querySelector(".search-results a")?.textContent === "Nanjing");
  check(true, "search page: a name as written in another script (南京) finds Nanjing");
  await page.fill("#search-q", "leipzig");
  await page.waitForFunction(() => new URL(location.href).searchParams.get("q") === "leipzig");
  await page.waitForFunction(() => document.querySelector(".search-results a")?.textContent.includes("Leipzig"));
  const headings = await page.locator(".search-results h2").allTextContents();
  check(headings.length >= 2, `search page: results grouped by kind (${headings.join(", ")})`);

  const foreign = requests.filter((r) => !r.startsWith(origin));
  check(foreign.length === 0, `no request left the site (${foreign.length} did: ${foreign.slice(0, 3).join(" ")})`);
  if (en) {
    const other = requests.filter((r) => r.startsWith(origin) && new URL(r).pathname.startsWith(en.prefix + "/"));
    check(other.length === 0, `the German pages asked for nothing under ${en.prefix}/ (${other.length} did: ${other.slice(0, 3).join(" ")})`);
  }
  await page.close();

  // The filters on the English list, in English, from the English data.
  if (en) {
    const page = await context.newPage();
    const requests = [];
    page.on("request", (r) => requests.push(r.url()));
    await filters(page, origin, en, requests);
    const foreign = requests.filter((r) => !r.startsWith(origin));
    check(foreign.length === 0, `filters (en): no request left the site (${foreign.length} did)`);
    await page.close();
  }
}

// The languages: the switcher both ways, German names in the search, English pages of
// entries without a translation, the hreflang links as the browser sees them.
async function languageJourneys(context, origin) {
  const [de, en] = languages();
  if (!en) return;
  const page = await context.newPage();
  const lang = () => page.evaluate(() => document.documentElement.lang);
  const h1 = async () => (await page.locator("h1").first().textContent()).replace(/\s+/g, " ").trim();
  const switcher = page.locator("nav.language-switcher");

  // (a) From Breslau's German page to its English one and back, with the switcher.
  await page.goto(origin + "/cities/wroclaw/");
  check((await lang()) === de.lang && (await h1()).startsWith("Breslau"), `switcher: /cities/wroclaw/ is German, "${await h1()}"`);
  const current = switcher.locator('a[aria-current="page"]');
  check((await current.count()) === 1 && (await current.getAttribute("hreflang")) === "de" && (await current.textContent()) === "Deutsch", "switcher: marks Deutsch as the current language");
  await switcher.getByRole("link", { name: "English" }).click();
  await page.waitForURL(origin + "/en/cities/wroclaw/");
  const summary = await page.locator(".lead").first().textContent();
  const nav = await page.locator("nav.site-nav").textContent();
  check(
    (await lang()) === "en" && (await h1()) === "Wrocław" && /Capital of Lower Silesia/.test(summary) && /\bCities\b/.test(nav) && !(await page.locator(".untranslated-note").count()),
    `switcher: "English" opens /en/cities/wroclaw/ in English ("${await h1()}", "${summary.trim().slice(0, 40)}…")`,
  );
  check((await switcher.locator('a[aria-current="page"]').textContent()) === "English", "switcher: marks English as current there");
  await switcher.getByRole("link", { name: "Deutsch" }).click();
  await page.waitForURL(origin + "/cities/wroclaw/");
  check((await lang()) === "de" && (await h1()).startsWith("Breslau"), `switcher: "Deutsch" leads back to /cities/wroclaw/ in German`);

  // (b) The German name in the header search of a German page finds the city and the
  // agreement, under their German names and at their German pages.
  const requests = [];
  page.on("request", (r) => requests.push(new URL(r.url()).pathname));
  await page.goto(origin + "/programs/");
  await page.fill("#site-search-q", "Breslau");
  const results = page.locator(".site-search-results a");
  await results.filter({ hasText: "Partnerschaft Dresden–Breslau" }).first().waitFor();
  const found = await results.evaluateAll((as) => as.map((a) => [a.textContent.trim(), new URL(a.href).pathname]));
  const has = (text, path) => found.some(([t, p]) => t === text && p === path);
  check(has("Breslau", "/cities/wroclaw/"), `search (de): "Breslau" finds Wrocław as Breslau at /cities/wroclaw/`);
  check(has("Partnerschaft Dresden–Breslau", "/agreements/dresden-wroclaw/"), `search (de): "Breslau" finds the agreement Partnerschaft Dresden–Breslau (${found.length - 1} results)`);
  const index = requests.filter((r) => r.includes("/search/"));
  check(index.length > 0 && index.every((r) => r.startsWith("/search/")), `search (de): loads the German index (${index.join(", ")})`);
  // The same word on an English page finds the English page, from the English index.
  requests.length = 0;
  await page.goto(origin + "/en/programs/");
  await page.fill("#site-search-q", "Breslau");
  await results.filter({ hasText: "Wrocław" }).first().waitFor();
  const foundEn = await results.evaluateAll((as) => as.map((a) => [a.textContent.trim(), new URL(a.href).pathname]));
  check(foundEn.some(([t, p]) => t === "Wrocław" && p === "/en/cities/wroclaw/"), `search (en): "Breslau" finds Wrocław at /en/cities/wroclaw/`);
  await results.filter({ hasText: "Dresden–Wrocław" }).first().waitFor();
  const agreementEn = await results.evaluateAll((as) => as.map((a) => new URL(a.href).pathname));
  check(agreementEn.includes("/en/agreements/dresden-wroclaw/"), `search (en): "Breslau", a former name, finds the Dresden–Wrocław agreement`);
  const indexEn = requests.filter((r) => r.includes("/search/"));
  check(indexEn.length > 0 && indexEn.every((r) => r.startsWith("/en/search/")), `search (en): loads the English index (${indexEn.join(", ")})`);

  // (c) Entries without an English version: the English page says so, in English, and
  // marks the German text as German; so does every other place on it that shows the
  // German title. The German page has no such note.
  for (const path of ["/cities/franklin-county/", "/programs/neisse-university/", "/agreements/leipzig-brno/"]) {
    await page.goto(origin + path);
    const title = await h1();
    const noNote = (await page.locator(".untranslated-note").count()) === 0;
    await page.goto(origin + "/en" + path);
    const note = page.locator('p.untranslated-note[role="note"]');
    const facts = await page.evaluate((title) => {
      const langOf = (el) => el?.closest("[lang]")?.getAttribute("lang");
      const note = document.querySelector("p.untranslated-note");
      const body = document.querySelector("main .prose");
      const heading = document.querySelector("main h1");
      // Text nodes in the page's body that show the German title, outside lang="de"
      // (sources aside: their titles name documents, in the documents' languages).
      const unmarked = [];
      if (langOf(heading) === "de") {
        const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let node; (node = walk.nextNode()); ) {
          const cited = node.parentElement.closest('[aria-labelledby="sources"]');
          if (node.textContent.includes(title) && !cited && langOf(node.parentElement) !== "de") unmarked.push(node.parentElement.outerHTML.slice(0, 120));
        }
      }
      return { page: document.documentElement.lang, note: langOf(note), noteText: note?.textContent, body: langOf(body), heading: langOf(heading), unmarked };
    }, title);
    check(
      facts.page === "en" && (await note.isVisible()) && facts.note === "en" && noNote,
      `untranslated ${path}: the English page notes "${facts.noteText}" (none on the German one)`,
    );
    check(facts.body === "de", `untranslated ${path}: its body is marked lang="${facts.body}"`);
    check(!facts.unmarked.length, `untranslated ${path}: the German title "${title}" is marked lang="de" wherever it is shown (heading ${facts.heading})` + (facts.unmarked.length ? `; not in ${facts.unmarked.join(" | ")}` : ""));
  }

  // (d) The alternates the browser sees: each language and x-default, absolute URLs of
  // this same page.
  for (const path of ["/cities/wroclaw/", "/en/cities/wroclaw/"]) {
    await page.goto(origin + path);
    const alts = await page.evaluate(() =>
      [...document.querySelectorAll('link[rel="alternate"][hreflang]')].map((l) => [l.hreflang, l.getAttribute("href")]),
    );
    const map = new Map(alts);
    const base = await page.locator('link[rel="canonical"]').getAttribute("href");
    const site = new URL(base).origin;
    const want = new Map([["de", site + "/cities/wroclaw/"], ["en", site + "/en/cities/wroclaw/"], ["x-default", site + "/cities/wroclaw/"]]);
    check(
      alts.length === 3 && serialize(map) === serialize(want) && /^https:\/\//.test(site),
      `hreflang on ${path}: ${alts.map(([l, h]) => `${l} ${h}`).join(", ")}`,
    );
  }
  await page.close();
}

// The large site's index has split groups of words (manifest `top`). Searching for the
// key of one loads the manifest and that group's shard of best documents, and shows how
// many there are in all; beside a longer word, the key only narrows that word's results.
async function largeSearch(context, origin) {
  const read = (path) => JSON.parse(readFileSync(join(large, "search", path), "utf8"));
  const manifest = read("index.json");
  const key = manifest.top?.[0];
  if (!key) return fail("large site: no split group in its search index");
  const best = read(`top-${key}.json`);
  const page = await context.newPage();
  const loaded = [];
  page.on("request", (r) => {
    const file = new URL(r.url()).pathname.match(/^\/search\/(.+)\.json$/);
    if (file) loaded.push(file[1]);
  });

  await page.goto(origin + "/search/?q=" + key);
  await page.waitForSelector(".search-results a");
  const total = best.n.reduce((a, b) => a + b, 0);
  const status = await page.locator("[data-status]").textContent();
  check(status === `${total.toLocaleString("en")} results`, `large search "${key}": ${status} (the shard counts ${total})`);
  check(loaded.join(" ") === `index top-${key}`, `large search "${key}": loads ${loaded.join(", ")} only`);
  const shown = await page.locator(".search-results .search-list").evaluateAll((lists) => lists.map((l) => l.children.length));
  const expected = best.n.filter((n) => n > 0).map((n) => Math.min(n, 100));
  check(shown.join() === expected.join(), `large search "${key}": results per kind ${shown.join(", ")}, as counted (${expected.join(", ")})`);
  const more = await page.locator(".search-more").allTextContents();
  const hidden = best.n.filter((n) => n > 100).map((n) => (n - 100).toLocaleString("en"));
  check(more.length === hidden.length && more.every((m, i) => m.includes(` ${hidden[i]} more`)), `large search "${key}": ${more.join(" / ") || "no more"}`);

  // A longer word first (the start of a result's title), then the key: only that word's shard.
  const [, , title] = best.d.find(
    ([, , t, c]) => tokens(t)[0]?.length >= 5 && !tokens(t)[0].startsWith(key) && tokens(t + " " + c).some((w) => w.startsWith(key)),
  );
  const word = tokens(title)[0].slice(0, 5);
  loaded.length = 0;
  await page.fill("#search-q", `${word} ${key}`);
  await page.waitForFunction((before) => document.querySelector("[data-status]").textContent !== before, status);
  const found = await page.locator(".search-results a").allTextContents();
  const under = loaded.filter((f) => f.startsWith(key) || f.startsWith("top-"));
  check(found.includes(title) && loaded.length > 0 && under.length === 0, `large search "${word} ${key}": finds ${title} among ${found.length}, loading ${loaded.join(", ")}`);
  await page.close();
}

// Folded words as the search script makes them (ASCII titles only: enough for the checks).
const tokens = (text) => text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().split(/[^a-z0-9]+/).filter((w) => w.length >= 2);

// Screenshots at a desktop width and the narrowest phone width, both widths at once.
async function screenshots(context, origin) {
  mkdirSync(shots, { recursive: true });
  const shoot = async (width) => {
    const page = await context.newPage();
    await page.setViewportSize({ width, height: 900 });
    await page.emulateMedia({ colorScheme: "light" });
    for (const [name, path] of [
      ["home", "/"],
      ["city", "/cities/krakow/"],
      ["city-de", "/cities/wroclaw/"],
      ["city-en", "/en/cities/wroclaw/"],
      ["agreements-filtered", "/agreements/?area=cultural-exchange&country=PL"],
    ]) {
      await page.goto(origin + path);
      await page.waitForLoadState("networkidle");
      await page.screenshot({ path: join(shots, `${name}-${width}.png`), fullPage: true });
    }
    await page.close();
  };
  await Promise.all([1280, 320].map(shoot));
  console.log("screenshots in " + shots);
}

const server = await serve(site);
const origin = `http://127.0.0.1:${server.address().port}`;
const largeServer = large ? await serve(large) : null;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
  ],
});
try {
  const context = await browser.newContext();
  if (shots) {
    await screenshots(context, origin);
  } else {
    validateHtml();
    checkAlternates();
    await axe(context, origin);
    await narrow(context, origin);
    await mapsAndCharts(context, origin);
    await journey(context, origin);
    await filtersWithoutScript(browser, origin);
    await publicBody(context, origin);
    for (const query of ["Städtepartnerschaft", "sister city", "twin town"]) await kindSearch(context, origin, query);
    await layoutShifts(context, origin);
    await languageJourneys(context, origin);
    if (largeServer) {
      await largeSearch(context, `http://127.0.0.1:${largeServer.address().port}`);
      await largeFilters(context, `http://127.0.0.1:${largeServer.address().port}`);
    }
    await lighthouseScores(origin);
  }
} catch (error) {
  fail(error.stack ?? String(error));
} finally {
  await browser.close();
  server.close();
  largeServer?.close();
}
if (failures) {
  console.error(`${failures} checks failed`);
  process.exit(1);
}
console.log("all browser checks passed");
