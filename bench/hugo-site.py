#!/usr/bin/env python3
"""Makes a Hugo site of the same directory as an Amicus site, to compare the two.

    bench/hugo-site.py SITE OUT       # SITE: made by gen-site; OUT must not exist
    hugo --source OUT --destination OUT/public --quiet

Each city, agreement, program and page becomes a Hugo page with the same body
(links between entries `(@cities/id)` become plain addresses `(/cities/id/)`, so Hugo
does not check them) and the same page addresses. The templates, written here, show
about what Amicus's pages show, in the way Hugo does it best: engagement areas and
countries are taxonomies with a page each; an agreement's parties and a program's
participants are a taxonomy `partners`, through which a city's page lists its
agreements and programs without searching all pages; lists are paginated by 50, as
Amicus's are. Hugo's default RSS feeds and sitemap are kept. What Amicus makes and this
site does not: maps, the search index, filter data, open data files, JSON-LD and the
statistics page. So Hugo does less work here than Amicus does.

Uses only Python's standard library; reads front matter with a parser for the subset of
YAML that gen-site writes (one `key: value` a line, flow lists and maps).
"""

import re
import sys
from pathlib import Path

CONFIG = """\
baseURL = "https://partners.example.org/"
title = "{title}"
languageCode = "en"
paginate = 50
disableKinds = []

[taxonomies]
area = "areas"
country = "countries"
partner = "partners"

[outputs]
home = ["HTML", "RSS"]
section = ["HTML"]
taxonomy = ["HTML"]
term = ["HTML"]
"""

BASEOF = """\
<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>{{ .Title }} · {{ .Site.Title }}</title>
<meta name="description" content="{{ .Summary | plainify | truncate 160 }}">
<link rel="stylesheet" href="/style.css"></head>
<body>
<header><a href="/">{{ .Site.Title }}</a>
<nav><a href="/cities/">Cities</a> <a href="/agreements/">Agreements</a>
<a href="/programs/">Programs</a> <a href="/areas/">Areas</a> <a href="/countries/">Countries</a></nav>
</header>
<main>{{ block "main" . }}{{ end }}</main>
<footer>{{ .Site.Title }}</footer>
</body>
</html>
"""

SINGLE = """\
{{ define "main" }}
<article>
<h1>{{ .Title }}</h1>
<dl>
{{ with .Params.kind }}<dt>Kind</dt><dd>{{ . }}</dd>{{ end }}
{{ with .Params.status }}<dt>Status</dt><dd>{{ . }}</dd>{{ end }}
{{ with .Params.signed }}<dt>Signed</dt><dd>{{ . }}</dd>{{ end }}
{{ with .Params.population }}<dt>Population</dt><dd>{{ lang.FormatNumber 0 . }}</dd>{{ end }}
{{ with .Params.countries }}<dt>Country</dt><dd>{{ range . }}<a href="{{ (printf "/countries/%s/" (urlize .)) }}">{{ . }}</a> {{ end }}</dd>{{ end }}
{{ with .Params.areas }}<dt>Areas</dt><dd>{{ range . }}<a href="{{ (printf "/areas/%s/" .) }}">{{ . }}</a> {{ end }}</dd>{{ end }}
</dl>
{{ with .Params.partners }}
<h2>Parties</h2>
<ul>{{ range . }}{{ with site.GetPage (printf "/cities/%s" .) }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}{{ end }}</ul>
{{ end }}
{{ .Content }}
{{ if eq .Section "cities" }}
{{ with index site.Taxonomies.partners .File.ContentBaseName }}
<h2>Agreements and programs</h2>
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>
{{ end }}
{{ end }}
</article>
{{ end }}
"""

LIST = """\
{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul>
{{ range .Paginator.Pages }}
<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ with .Params.summary }}<p>{{ . }}</p>{{ end }}</li>
{{ end }}
</ul>
{{ template "_internal/pagination.html" . }}
{{ end }}
"""

TERMS = """\
{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul>{{ range .Data.Terms.ByCount }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>{{ end }}</ul>
{{ end }}
"""

HOME = """\
{{ define "main" }}
<h1>{{ .Site.Title }}</h1>
<p>{{ len (where site.RegularPages "Section" "cities") }} cities,
{{ len (where site.RegularPages "Section" "agreements") }} agreements,
{{ len (where site.RegularPages "Section" "programs") }} programs.</p>
<ul>{{ range first 10 (where site.RegularPages "Section" "agreements") }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>
{{ end }}
"""

NO_PAGES = """\
---
title: Partners
cascade:
  _build: {render: never, list: never}
---
"""

LINK = re.compile(r"\(@(cities|agreements|programs|pages)/([a-z0-9-]+)(#[^)]*)?\)")


def split_front_matter(text):
    _, front, body = text.split("---\n", 2)
    return front, body


def flow_list(value):
    return [v.strip() for v in value.strip()[1:-1].split(",") if v.strip()]


def fields(front):
    """The top-level `key: value` lines of gen-site's front matter, values as written."""
    found = {}
    for line in front.splitlines():
        if line and not line[0].isspace() and ":" in line:
            key, value = line.split(":", 1)
            found[key] = value.strip()
    return found


def quoted(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def yaml_list(items):
    return "[" + ", ".join(quoted(i) for i in items) + "]"


def convert(path, collection, countries_of):
    front, body = split_front_matter(path.read_text(encoding="utf-8"))
    f = fields(front)
    title = f.get("name") or f.get("title", path.stem)
    out = [f"title: {quoted(title.strip(chr(34)))}"]
    for key in ("kind", "status", "signed", "population", "summary"):
        if key in f:
            out.append(f"{key}: {quoted(f[key].strip(chr(34)))}")
    if "areas" in f:
        out.append(f"areas: {yaml_list(flow_list(f['areas']))}")
    partners = []
    if "parties" in f:
        partners = flow_list(f["parties"])
    elif collection == "programs":
        partners = ([f["lead"]] if "lead" in f else []) + flow_list(f.get("participants", "[]"))
    if partners:
        out.append(f"partners: {yaml_list(partners)}")
    if collection == "cities":
        out.append(f"countries: {yaml_list([f['country']])}")
    elif partners:
        codes = sorted({countries_of[p] for p in partners if p in countries_of})
        out.append(f"countries: {yaml_list(codes)}")
    body = LINK.sub(lambda m: f"(/{m.group(1)}/{m.group(2)}/{m.group(3) or ''})", body)
    return "---\n" + "\n".join(out) + "\n---\n" + body


def main():
    if len(sys.argv) != 3:
        raise SystemExit(__doc__.split("\n\n")[1])
    site, out = Path(sys.argv[1]), Path(sys.argv[2])
    out.mkdir(parents=True)
    title = fields((site / "site.yaml").read_text(encoding="utf-8")).get("title", "Directory")
    (out / "config.toml").write_text(CONFIG.format(title=title), encoding="utf-8")
    layouts = out / "layouts" / "_default"
    layouts.mkdir(parents=True)
    for name, text in [("baseof", BASEOF), ("single", SINGLE), ("list", LIST),
                       ("terms", TERMS)]:
        (layouts / f"{name}.html").write_text(text, encoding="utf-8")
    (out / "layouts" / "index.html").write_text(HOME, encoding="utf-8")
    # `partners` only links pages; its own pages would be extra work Amicus does not do.
    partners = out / "content" / "partners"
    partners.mkdir(parents=True)
    (partners / "_index.md").write_text(NO_PAGES, encoding="utf-8")
    countries_of = {}
    for path in (site / "content" / "cities").glob("*.md"):
        countries_of[path.stem] = fields(split_front_matter(path.read_text("utf-8"))[0])["country"]
    for collection in ("cities", "agreements", "programs", "pages"):
        folder = out / "content" / collection
        folder.mkdir(parents=True)
        for path in sorted((site / "content" / collection).glob("*.md")):
            text = convert(path, collection, countries_of)
            (folder / path.name).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
