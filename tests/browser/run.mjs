// Quality checks over a built site, run by .ci/run after the example site is built:
//   1. the W3C Nu HTML Checker (vnu-jar, needs Java) over every HTML page: zero errors;
//   2. axe-core in headless Chromium on every page kind, light and dark: zero violations;
//   3. every page kind fits a 320 px wide screen without scrolling sideways;
//   4. a browser test: filter the agreement list by an area and a country, search
//      "krakow" without the accent, open the result, and check that the city page's map
//      draws its partner lines;
//   5. with --large, search on a generated site large enough to split its index: a short
//      word shared by many entries loads one small shard of its best documents.
// Usage: node run.mjs SITE_DIR [--large SITE_DIR] [--shots OUT_DIR]
//   (--shots only takes screenshots)
// Chromium is Debian's (/usr/bin/chromium, or $CHROMIUM); nothing is downloaded. Playwright
// starts it headless with a fresh temporary profile.

import { spawnSync } from "node:child_process";
import { readFileSync, readdirSync, statSync, existsSync, mkdirSync } from "node:fs";
import { createServer } from "node:http";
import { join, extname, dirname } from "node:path";
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
  const errors = (run.stderr + run.stdout).split("\n").filter((l) => l.trim());
  if (run.status !== 0 || errors.length) {
    errors.forEach((e) => console.error("  " + e));
    fail(`Nu HTML Checker: ${errors.length} errors in ${files.length} pages`);
  } else {
    pass(`Nu HTML Checker: ${files.length} pages, no errors`);
  }
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

// Serves a site like a static host: pretty URLs, 404.html for what does not exist.
function serve(site) {
  const server = createServer((req, res) => {
    let path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    if (path.endsWith("/")) path += "index.html";
    const file = join(site, path);
    if (!file.startsWith(site) || !existsSync(file) || statSync(file).isDirectory()) {
      res.writeHead(404, { "content-type": TYPES[".html"] });
      return res.end(readFileSync(join(site, "404.html")));
    }
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
    res.end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

// One page of each kind, found from the site itself so the list follows the content.
function pageKinds() {
  const first = (folder) => {
    const dir = join(site, folder);
    const names = readdirSync(dir).filter((n) => n !== "page" && existsSync(join(dir, n, "index.html")));
    return names.length ? `/${folder}/${names.sort()[0]}/` : null;
  };
  const pages = readdirSync(site).filter(
    (n) => !["cities", "agreements", "programs", "areas", "countries", "search", "statistics", "static", "feeds", "data"].includes(n) && existsSync(join(site, n, "index.html")),
  );
  return {
    home: "/",
    city: "/cities/krakow/",
    agreement: first("agreements"),
    program: first("programs"),
    area: first("areas"),
    country: first("countries"),
    cities: "/cities/",
    agreements: "/agreements/",
    programs: "/programs/",
    areas: "/areas/",
    countries: "/countries/",
    page: pages.length ? `/${pages.sort()[0]}/` : null,
    search: "/search/?q=krakow",
    statistics: existsSync(join(site, "statistics/index.html")) ? "/statistics/" : null,
    "404": "/no-such-page/",
    "filtered list": "/agreements/?area=cultural-exchange",
  };
}

async function axe(context, origin) {
  const source = readFileSync(join(here, "node_modules/axe-core/axe.min.js"), "utf8");
  for (const scheme of ["light", "dark"]) {
    const page = await context.newPage();
    await page.emulateMedia({ colorScheme: scheme });
    for (const [kind, path] of Object.entries(pageKinds())) {
      if (!path) continue;
      await page.goto(origin + path);
      await page.waitForLoadState("networkidle");
      await page.addScriptTag({ content: source });
      const result = await page.evaluate(() => window.axe.run(document));
      const label = `axe ${kind} (${path}, ${scheme})`;
      if (result.violations.length) {
        for (const v of result.violations) {
          console.error(`  ${v.id}: ${v.help}`);
          v.nodes.slice(0, 3).forEach((n) => console.error("    " + n.target.join(" ") + " — " + n.failureSummary.replace(/\n/g, " ")));
        }
        fail(`${label}: ${result.violations.length} violations`);
      } else {
        pass(`${label}: no violations`);
      }
    }
    // The header's search results open over the page: check them too.
    await page.goto(origin + "/");
    await page.fill("#site-search-q", "dresden");
    await page.waitForSelector(".site-search-results:not([hidden]) a");
    await page.addScriptTag({ content: source });
    const open = await page.evaluate(() => window.axe.run(document));
    if (open.violations.length) fail(`axe header search results (${scheme}): ${open.violations.map((v) => v.id).join(", ")}`);
    else pass(`axe header search results (${scheme}): no violations`);
    await page.close();
  }
}

const check = (condition, message) => (condition ? pass(message) : fail(message));

// Responsive from 320 px: no page kind scrolls sideways on the narrowest phones.
async function narrow(context, origin) {
  const page = await context.newPage();
  await page.setViewportSize({ width: 320, height: 640 });
  for (const [kind, path] of Object.entries(pageKinds())) {
    if (!path) continue;
    await page.goto(origin + path);
    await page.waitForLoadState("networkidle");
    const [scroll, client] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
    check(scroll <= client, `320 px: ${kind} (${path}) fits (${scroll} ≤ ${client})`);
  }
  await page.close();
}

async function journey(context, origin) {
  const page = await context.newPage();
  const requests = [];
  page.on("request", (r) => requests.push(r.url()));

  // Filters: an area and a country, instantly, kept in the URL.
  await page.goto(origin + "/agreements/");
  const total = await page.locator("[data-filter-static] .card").count();
  await page.selectOption("#filter-area", "cultural-exchange");
  await page.selectOption("#filter-country", "PL");
  await page.waitForSelector("[data-filter-results] .card");
  const cards = page.locator("[data-filter-results] .card");
  const shown = await cards.count();
  check(shown > 0 && shown < total, `filters: ${shown} of ${total} agreements for cultural exchange with Poland`);
  const url = new URL(page.url());
  check(url.searchParams.get("area") === "cultural-exchange" && url.searchParams.get("country") === "PL", `filters live in the URL (${url.search})`);
  check(await page.locator("[data-filter-static]").isHidden(), "filters: the plain list is hidden while filtering");
  const status = await page.locator("[data-filter-status]").textContent();
  check(status.includes(String(shown)), `filters: the live region announces the count ("${status}")`);
  const texts = await cards.allTextContents();
  check(texts.every((t) => /Cultural exchange/.test(t) && /Poland|Polen|Kraków|Wrocław|Łódź|Zgorzelec|Lower Silesia|Jelenia/.test(t)), "filters: every result is about cultural exchange with a Polish party");
  await page.goto(url.toString());
  await page.waitForSelector("[data-filter-results] .card");
  check((await cards.count()) === shown && (await page.inputValue("#filter-country")) === "PL", "filters: a shared URL restores the filtered view");
  await page.click(".filters-clear");
  await page.waitForFunction(() => !location.search);
  check(await page.locator("[data-filter-static]").isVisible(), "filters: clearing them brings back the plain list");

  // Search: "krakow" without the accent, from the header box, then open the result.
  await page.goto(origin + "/");
  await page.fill("#site-search-q", "krakow");
  const hit = page.locator(".site-search-results a", { hasText: "Kraków" }).first();
  await hit.waitFor();
  check(true, "search: \"krakow\" finds Kraków in the header box");
  await hit.click();
  await page.waitForURL("**/cities/krakow/");
  check(new URL(page.url()).pathname === "/cities/krakow/", "search: the result opens the city page");

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
  await page.goto(origin + "/search/?q=Cracow");
  await page.waitForSelector(".search-results a");
  check(await page.locator(".search-results a", { hasText: "Kraków" }).count() > 0, "search page: a former or other-language name (Cracow) finds Kraków");
  await page.fill("#search-q", "京都");
  await page.waitForFunction(() => document.querySelector(".search-results a")?.textContent === "Kyoto");
  check(true, "search page: a name as written in another script (京都) finds Kyoto");
  await page.fill("#search-q", "leipzig");
  await page.waitForFunction(() => new URL(location.href).searchParams.get("q") === "leipzig");
  await page.waitForFunction(() => document.querySelector(".search-results a")?.textContent.includes("Leipzig"));
  const headings = await page.locator(".search-results h2").allTextContents();
  check(headings.length >= 2, `search page: results grouped by kind (${headings.join(", ")})`);

  const foreign = requests.filter((r) => !r.startsWith(origin));
  check(foreign.length === 0, `no request left the site (${foreign.length} did: ${foreign.slice(0, 3).join(" ")})`);
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

async function screenshots(context, origin) {
  mkdirSync(shots, { recursive: true });
  for (const width of [1280, 375]) {
    const page = await context.newPage({});
    await page.setViewportSize({ width, height: 900 });
    await page.emulateMedia({ colorScheme: "light" });
    for (const [name, path] of [
      ["home", "/"],
      ["city", "/cities/krakow/"],
      ["agreements-filtered", "/agreements/?area=cultural-exchange&country=PL"],
    ]) {
      await page.goto(origin + path);
      await page.waitForLoadState("networkidle");
      await page.screenshot({ path: join(shots, `${name}-${width}.png`), fullPage: true });
    }
    await page.close();
  }
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
    await axe(context, origin);
    await narrow(context, origin);
    await journey(context, origin);
    if (largeServer) await largeSearch(context, `http://127.0.0.1:${largeServer.address().port}`);
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
