//! What the public gets besides the pages: the search index, the list filters' data,
//! page metadata (Open Graph, schema.org JSON-LD), and no reference to another host.

use serde_json::Value;

use crate::support::Site;

fn built(site: &Site) -> &Site {
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    site
}

fn json(site: &Site, path: &str) -> Value {
    serde_json::from_str(&site.read_output(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The titles of the documents a folded word points to, looked up like search.js does.
fn search(site: &Site, word: &str) -> Vec<String> {
    let manifest = json(site, "search/index.json");
    let shards: Vec<&str> = manifest["shards"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect();
    let mut titles = Vec::new();
    for key in shards
        .into_iter()
        .filter(|k| word.starts_with(k) || k.starts_with(word))
    {
        let shard = json(site, &format!("search/{key}.json"));
        for (w, ixs) in shard["w"].as_object().unwrap() {
            if !w.starts_with(word) {
                continue;
            }
            for i in ixs.as_array().unwrap() {
                let doc = &shard["d"][i.as_u64().unwrap() as usize];
                titles.push(doc[2].as_str().unwrap().to_owned());
            }
        }
    }
    titles.sort();
    titles.dedup();
    titles
}

#[test]
fn search_finds_names_without_accents_and_by_other_and_former_names() {
    let site = Site::fixture("basic");
    built(&site);
    // Agreements and programs are found by every name of their cities.
    let lodz = [
        "Sister-city agreement Chemnitz–Łódź",
        "Textile heritage exchange",
        "Łódź",
    ];
    assert_eq!(search(&site, "lodz"), lodz);
    assert_eq!(search(&site, "lodsch"), lodz, "a name in another language");
    let chemnitz = [
        "Chemnitz",
        "Sister-city agreement Chemnitz–Łódź",
        "Textile heritage exchange",
    ];
    assert_eq!(search(&site, "karl"), chemnitz, "a former name");
    assert_eq!(
        search(&site, "sister"),
        ["Sister-city agreement Chemnitz–Łódź"],
        "the words of its kind"
    );
    assert_eq!(
        search(&site, "textile"),
        ["Textile heritage exchange", "Łódź"]
    );
    assert_eq!(search(&site, "chem"), chemnitz, "a prefix, across kinds");
    assert!(search(&site, "zz").is_empty());
    insta::assert_snapshot!(site.read_output("search/index.json"), @r#"{"kinds":["city","agreement","program","area","country","page"],"shards":["a","b","c","d","e","f","g","h","i","k","l","m","n","p","r","s","t","u","w"],"stop":[],"top":[],"urls":["/cities/{id}/","/agreements/{id}/","/programs/{id}/","/areas/{id}/","/countries/{id}/","/{id}/"],"v":1}"#);
    insta::assert_snapshot!(site.read_output("search/l.json"), @r#"{"d":[[0,"lodz","Łódź","City, Poland"],[1,"chemnitz-lodz","Sister-city agreement Chemnitz–Łódź","Sister-city agreement, 1972"],[2,"textile-exchange","Textile heritage exchange","Cultural"],[3,"economic-development","Economic development",""],[3,"cultural-exchange","Cultural exchange",""]],"w":{"language":[4],"links":[3],"lodsch":[0,1,2],"lodz":[0,1,2]}}"#);
}

/// A word shared by more documents than a shard holds (`ma`, on the way to `marlab`)
/// would load every shard under it: it gets a shard of its best documents instead.
#[test]
fn a_short_word_in_many_names_has_a_shard_of_its_best_documents() {
    let site = Site::minimal();
    // Marlaa, Marlab … : names of their own, or `marl` would be a stop word.
    for i in 0..450u32 {
        let letter = |n: u32| char::from_u32('a' as u32 + n).unwrap();
        let name = format!("Marl{}{}", letter(i / 26), letter(i % 26));
        site.write(
            &format!("content/cities/{}.md", name.to_lowercase()),
            format!("---\nname: {name}\ncountry: DE\n---\n"),
        );
    }
    site.write(
        "content/cities/marl.md",
        "---\nname: Marl\ncountry: DE\n---\n",
    );
    built(&site);
    let manifest = json(&site, "search/index.json");
    assert_eq!(manifest["top"], serde_json::json!(["ma", "mar", "marl"]));
    let shards = manifest["shards"].as_array().unwrap();
    assert!(shards.contains(&"marla".into()));
    assert!(
        !shards.contains(&"marl".into()) && !site.output_exists("search/marl.json"),
        "the shard of the word marl alone: a query for marl loads its best documents"
    );
    let best = json(&site, "search/top-ma.json");
    assert_eq!(best["n"], serde_json::json!([451, 0, 0, 0, 0, 0]));
    let docs = best["d"].as_array().unwrap();
    assert_eq!(docs.len(), 100, "the most the search page shows of a kind");
    assert_eq!(
        docs[..2],
        [
            serde_json::json!([0, "marl", "Marl", "City, Germany"]),
            serde_json::json!([0, "marlaa", "Marlaa", "City, Germany"])
        ]
    );
}

#[test]
fn search_folds_accents_and_letters_that_do_not_decompose() {
    let site = Site::minimal();
    site.write(
        "content/cities/sao-paulo.md",
        "---\nname: São Paulo\ncountry: BR\n---\n",
    )
    .write(
        "content/cities/fano.md",
        "---\nname: Fanø\ncountry: DK\nformer_names: [{ name: Fanøe Straße }]\n---\n",
    );
    built(&site);
    assert_eq!(search(&site, "sao"), ["São Paulo"]);
    assert_eq!(search(&site, "paulo"), ["São Paulo"]);
    assert_eq!(search(&site, "fano"), ["Fanø"]);
    assert_eq!(search(&site, "strasse"), ["Fanø"]);
}

#[test]
fn filter_data_indexes_into_key_tables_in_list_order() {
    let site = Site::fixture("basic");
    built(&site);
    let agreements = serde_json::to_string_pretty(&json(&site, "agreements/filter.json")).unwrap();
    insta::assert_snapshot!(agreements, @r#"
    {
      "count": 1,
      "facets": {
        "area": [
          [
            0,
            1
          ]
        ],
        "country": [
          [
            0,
            1
          ]
        ],
        "kind": [
          0
        ],
        "status": [
          0
        ],
        "year": [
          0
        ]
      },
      "keys": {
        "area": [
          "economic-development",
          "cultural-exchange"
        ],
        "country": [
          "DE",
          "PL"
        ],
        "kind": [
          "sister-city"
        ],
        "status": [
          "active"
        ],
        "year": [
          "1972"
        ]
      },
      "page_size": 50,
      "pages": [
        "/agreements/",
        "/agreements/page/{n}/"
      ],
      "v": 3
    }
    "#);
    // Item i is card i % page_size of list page i / page_size + 1: the cities in the
    // list pages' order.
    let cities = json(&site, "cities/filter.json");
    assert_eq!(
        cities["pages"],
        serde_json::json!(["/cities/", "/cities/page/{n}/"])
    );
    let page = site.read_output("cities/index.html");
    let country = |code: &str| {
        let keys = cities["keys"]["country"].as_array().unwrap();
        keys.iter().position(|k| k == code).unwrap()
    };
    let order: Vec<usize> = [">Chemnitz</a>", ">Łódź</a>", ">Saxony</a>"]
        .iter()
        .map(|name| page.find(name).expect(name))
        .collect();
    assert!(order.is_sorted(), "the list pages' order");
    assert_eq!(
        cities["facets"]["country"],
        serde_json::json!([country("DE"), country("PL"), country("DE")])
    );
}

#[test]
fn list_pages_have_a_labelled_filter_form_matching_the_data() {
    let site = Site::fixture("basic");
    built(&site);
    let page = site.read_output("cities/index.html");
    let start = page.find("<form class=\"filters\"").expect("a filter form");
    let end = start + page[start..].find("</form>").unwrap() + "</form>".len();
    insta::assert_snapshot!(&page[start..end], @r#"
    <form class="filters" aria-labelledby="filters-title" data-filters="/cities/filter.json" data-page="1" data-count="{count} of {total} match the filters." data-none="Nothing matches these filters." data-more="Show more" data-failed="The filters could not be loaded. The full list is below.">
      <h2 class="filters-title" id="filters-title">Filter the list</h2>
      <div class="filters-fields">
        <div class="filters-field">
          <label for="filter-area">Engagement area</label>
          <select id="filter-area" name="area">
            <option value="">All</option>
            <option value="economic-development" data-label="Economic development">Economic development (2)</option>
            <option value="cultural-exchange" data-label="Cultural exchange">Cultural exchange (2)</option>
          </select>
        </div>
        <div class="filters-field">
          <label for="filter-country">Country</label>
          <select id="filter-country" name="country">
            <option value="">All</option>
            <option value="DE" data-label="Germany">Germany (2)</option>
            <option value="PL" data-label="Poland">Poland (1)</option>
          </select>
        </div>
        <div class="filters-field">
          <label for="filter-level">Level</label>
          <select id="filter-level" name="level">
            <option value="">All</option>
            <option value="city" data-label="City">City (2)</option>
            <option value="state" data-label="State">State (1)</option>
          </select>
        </div>
      </div>
      <button type="reset" class="filters-clear">Clear filters</button>
    </form>
    "#);
}

/// The JSON-LD of a page, parsed, after checking nothing in it can end the element.
fn json_ld(html: &str) -> Value {
    let open = r#"<script type="application/ld+json">"#;
    let start = html.find(open).expect("a JSON-LD script") + open.len();
    let end = start + html[start..].find("</script>").unwrap();
    let text = &html[start..end];
    assert!(!text.contains('<'), "{text}");
    serde_json::from_str(text).unwrap()
}

#[test]
fn city_and_agreement_pages_describe_themselves_in_json_ld() {
    let site = Site::fixture("basic");
    built(&site);
    let city = json_ld(&site.read_output("cities/chemnitz/index.html"));
    insta::assert_snapshot!(serde_json::to_string_pretty(&city).unwrap(), @r#"
    {
      "@context": "https://schema.org",
      "@id": "https://partners.example.org/cities/chemnitz/",
      "@type": "City",
      "address": {
        "@type": "PostalAddress",
        "addressCountry": "DE"
      },
      "alternateName": [
        "Karl-Marx-Stadt"
      ],
      "containedInPlace": {
        "@type": "State",
        "name": "Saxony",
        "url": "https://partners.example.org/cities/saxony/"
      },
      "description": "Industrial city in Saxony.",
      "geo": {
        "@type": "GeoCoordinates",
        "latitude": 50.8278,
        "longitude": 12.9214
      },
      "name": "Chemnitz",
      "url": "https://partners.example.org/cities/chemnitz/"
    }
    "#);
    let agreement = json_ld(&site.read_output("agreements/chemnitz-lodz/index.html"));
    insta::assert_snapshot!(serde_json::to_string_pretty(&agreement).unwrap(), @r#"
    {
      "@context": "https://schema.org",
      "@id": "https://partners.example.org/agreements/chemnitz-lodz/",
      "@type": "CreativeWork",
      "about": [
        {
          "@type": "City",
          "name": "Chemnitz",
          "url": "https://partners.example.org/cities/chemnitz/"
        },
        {
          "@type": "City",
          "name": "Łódź",
          "url": "https://partners.example.org/cities/lodz/"
        }
      ],
      "creativeWorkStatus": "Active",
      "dateCreated": "1972",
      "genre": "Sister-city agreement",
      "keywords": [
        "Economic development",
        "Cultural exchange"
      ],
      "name": "Sister-city agreement Chemnitz–Łódź",
      "url": "https://partners.example.org/agreements/chemnitz-lodz/"
    }
    "#);
    let program = site.read_output("programs/textile-exchange/index.html");
    assert!(
        !program.contains("application/ld+json"),
        "only cities and agreements"
    );
}

#[test]
fn a_script_end_tag_in_a_name_cannot_break_out_of_json_ld() {
    let site = Site::minimal();
    site.write(
        "content/cities/evil.md",
        "---\nname: \"Evil </script><script>alert(1)</script> & Co\"\ncountry: DE\n---\n",
    );
    built(&site);
    let page = site.read_output("cities/evil/index.html");
    assert!(page.contains(r#""name":"Evil \u003c/script\u003e\u003cscript\u003ealert(1)\u003c/script\u003e \u0026 Co""#), "{page}");
    assert_eq!(
        json_ld(&page)["name"],
        "Evil </script><script>alert(1)</script> & Co"
    );
}

#[test]
fn the_feed_escapes_markup_and_leaves_out_what_xml_forbids() {
    let site = Site::minimal();
    let city = |id: &str, name: &str| {
        site.write(
            &format!("content/cities/{id}.md"),
            format!("---\nname: {name}\ncountry: DE\n---\n"),
        );
    };
    city("a", "Aachen");
    city("b", "Bonn");
    site.write(
        "content/agreements/ab.md",
        "---\ntitle: \"Aachen & Bonn: <the 'pact'>\\a\"\nkind: friendship\nparties: [a, b]\nsigned: 2020-05-01\n---\n",
    );
    built(&site);
    let feed = site.read_output("feeds/all.xml");
    assert!(
        feed.contains(
            "<title>Signed (1 May 2020): Aachen &amp; Bonn: &lt;the &#39;pact&#39;&gt; </title>"
        ),
        "{feed}"
    );
    // A control character (here the bell, `\a` in YAML) is not allowed anywhere in XML.
    assert!(!feed.contains('\u{7}'), "{feed}");
}

#[test]
fn every_page_has_open_graph_and_a_description() {
    let site = Site::fixture("basic");
    built(&site);
    let head = |path: &str| {
        let page = site.read_output(path);
        page[..page.find("</head>").unwrap()].to_owned()
    };
    let city = head("cities/lodz/index.html");
    for tag in [
        r#"<meta name="description" content="Textile city turned film capital.">"#,
        r#"<meta property="og:title" content="Łódź">"#,
        r#"<meta property="og:description" content="Textile city turned film capital.">"#,
        r#"<meta property="og:url" content="https://partners.example.org/cities/lodz/">"#,
        r#"<meta property="og:site_name" content="Partnerships of Testville">"#,
        r#"<link rel="canonical" href="https://partners.example.org/cities/lodz/">"#,
    ] {
        assert!(city.contains(tag), "{tag} missing from\n{city}");
    }
    let missing = head("404.html");
    assert!(
        !missing.contains("og:url") && !missing.contains("canonical"),
        "{missing}"
    );
    let search = site.read_output("search/index.html");
    assert!(
        search
            .contains(r#"<form class="search-form" role="search" action="/search/" method="get""#)
    );
    assert!(
        !search.contains(r#"id="site-search""#),
        "one search landmark on the search page"
    );
}

/// Addresses a page or asset loads (not the links people follow): `src`, `srcset`,
/// `action`, `href` on any element but `<a>`, and CSS `url(…)`.
fn loaded_references(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for attribute in [" src=\"", " srcset=\"", " action=\"", " href=\""] {
        for (at, _) in text.match_indices(attribute) {
            let tag_start = text[..at].rfind('<').unwrap_or(0);
            if attribute == " href=\"" && text[tag_start..].starts_with("<a ") {
                continue;
            }
            let value = &text[at + attribute.len()..];
            found.push(value[..value.find('"').unwrap_or(value.len())].to_owned());
        }
    }
    for (at, _) in text.match_indices("url(") {
        let value = text[at + 4..].trim_start_matches(['"', '\'']);
        let end = value.find(['"', '\'', ')']).unwrap_or(value.len());
        found.push(value[..end].to_owned());
    }
    found
}

fn is_own(reference: &str, origin: &str) -> bool {
    let has_scheme = reference.split_once(':').is_some_and(|(scheme, _)| {
        scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    });
    if reference.starts_with("//") {
        return false;
    }
    !has_scheme || reference.starts_with(origin) || reference.starts_with("data:")
}

#[test]
fn the_reference_scanner_sees_other_hosts() {
    let page = r#"<link rel="stylesheet" href="https://cdn.example.com/x.css"><a href="https://wikidata.org/">W</a><img src="//tiles.example.com/1.png"><style>b{background:url('https://fonts.example.com/f.woff')}</style><script src="/static/search.js"></script>"#;
    let foreign: Vec<String> = loaded_references(page)
        .into_iter()
        .filter(|r| !is_own(r, "https://partners.example.org/"))
        .collect();
    assert_eq!(
        foreign,
        [
            "//tiles.example.com/1.png",
            "https://cdn.example.com/x.css",
            "https://fonts.example.com/f.woff"
        ]
    );
}

#[test]
fn no_page_or_asset_loads_anything_from_another_host() {
    let site = Site::fixture("basic");
    built(&site);
    let public = site.root.join("public");
    let mut checked = 0;
    for entry in walkdir::WalkDir::new(&public) {
        let entry = entry.unwrap();
        let path = entry.path();
        let text_file = ["html", "css", "js", "svg"]
            .iter()
            .any(|ext| path.extension().is_some_and(|e| e == *ext));
        if !text_file {
            continue;
        }
        let text = std::fs::read_to_string(path).unwrap();
        for reference in loaded_references(&text) {
            assert!(
                is_own(&reference, "https://partners.example.org/"),
                "{} loads {reference}",
                path.display()
            );
        }
        if path.extension().is_some_and(|e| e == "js") {
            assert!(
                !text.contains("http://") && !text.contains("https://"),
                "{}",
                path.display()
            );
        }
        checked += 1;
    }
    assert!(checked > 20, "only {checked} files checked");
}

#[test]
fn open_data_files_are_written_whole() {
    let site = Site::fixture("basic");
    built(&site);
    let directory = json(&site, "data/directory.json");
    let ids = |collection: &str| -> Vec<String> {
        directory[collection]
            .as_array()
            .unwrap()
            .iter()
            .map(|record| record["id"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(ids("cities"), ["chemnitz", "lodz", "saxony"]);
    assert_eq!(ids("agreements"), ["chemnitz-lodz"]);
    assert_eq!(ids("programs"), ["textile-exchange"]);
    let cities = site.read_output("data/cities.csv");
    let lines: Vec<&str> = cities.lines().collect();
    assert!(
        lines[0].starts_with("\u{feff}id,"),
        "UTF-8 with a BOM, for Excel: {cities}"
    );
    assert_eq!(lines.len(), 4, "a header and three cities: {cities}");
    let geojson = json(&site, "data/partnerships.geojson");
    let kinds: Vec<&str> = geojson["features"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["properties"]["kind"].as_str().unwrap())
        .collect();
    assert!(
        kinds.contains(&"city") && kinds.contains(&"partnership"),
        "{kinds:?}"
    );
    assert_eq!(geojson["type"], "FeatureCollection");
}

/// A status is shown with the date of the event that set it, and the signing beside it
/// when that is another date: never "Active · Since 1972" for a tie renewed in 2003,
/// nor a suspended one "since" its signing.
#[test]
fn a_status_is_dated_by_the_event_that_set_it() {
    let site = Site::fixture("basic");
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = site.read_output("agreements/chemnitz-lodz/index.html");
    assert!(page.contains(
        "<span class=\"badge badge--active\">Active</span> <span class=\"muted\">since <time datetime=\"2003-06-12\">12 June 2003</time></span><span class=\"sep\" aria-hidden=\"true\"> · </span><span class=\"muted\">signed <time datetime=\"1972\">1972</time></span>"
    ), "{page}");
    let agreement = "---\ntitle: Suspended\nkind: friendship\nparties: [chemnitz, lodz]\nsigned: 1990\nstatus: suspended\nhistory:\n  - { date: 1990, event: signed }\n  - { date: 2022-03, event: suspended }\n---\n";
    site.write("content/agreements/suspended.md", agreement);
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let list = site.read_output("agreements/index.html");
    assert!(list.contains("Suspended</span> <span class=\"card-date\">since <time datetime=\"2022-03\">March 2022</time></span>"), "{list}");
    let csv = site.read_output("data/agreements.csv");
    assert!(
        csv.starts_with("\u{feff}id,title,kind,status,status_since,parties,"),
        "{csv}"
    );
    assert!(
        csv.contains(",suspended,2022-03,chemnitz;lodz,1990,"),
        "{csv}"
    );
    let json = site.read_output("data/directory.json");
    assert!(
        json.contains("\"status\":\"active\",\"status_since\":\"2003-06-12\""),
        "{json}"
    );
}

/// An entry marked `example: true` says so on its page, on its cards and in the open
/// data; `check` warns about it (the `warnings` fixture).
#[test]
fn an_example_entry_is_labelled_wherever_it_shows() {
    let site = Site::fixture("basic");
    let path = site.root.join("content/agreements/chemnitz-lodz.md");
    let text = std::fs::read_to_string(&path).unwrap();
    site.write(
        "content/agreements/chemnitz-lodz.md",
        text.replacen("status: active", "status: active\nexample: true", 1),
    );
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("warning[A0410]"), "{}", run.stderr);
    let page = site.read_output("agreements/chemnitz-lodz/index.html");
    assert!(page.contains("<p class=\"example-note\" role=\"note\"><span class=\"badge badge--example\">Example</span> This entry is an example, not a real partnership.</p>"), "{page}");
    let list = site.read_output("agreements/index.html");
    assert!(
        list.contains("<span class=\"badge badge--example\">Example</span>"),
        "{list}"
    );
    let json = site.read_output("data/directory.json");
    assert!(
        json.contains("\"example\":true") && json.matches("\"example\"").count() == 1,
        "{json}"
    );
}

/// The feed tells what happened to partnerships, each event at its own date, and
/// programs have a feed of their own.
#[test]
fn the_feed_reports_renewals_and_suspensions() {
    let site = Site::fixture("basic");
    let agreement = "---\ntitle: Friendship Chemnitz–Łódź\nkind: friendship\nparties: [chemnitz, lodz]\nsigned: 1990\nstatus: suspended\nhistory:\n  - { date: 2022-03, event: suspended }\n---\n";
    site.write("content/agreements/friendship.md", agreement);
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let feed = site.read_output("feeds/all.xml");
    let titles: Vec<&str> = feed
        .lines()
        .filter_map(|l| l.trim().strip_prefix("<title>")?.strip_suffix("</title>"))
        .skip(1)
        .collect();
    assert_eq!(
        titles,
        [
            "Suspended (March 2022): Friendship Chemnitz–Łódź",
            "Renewed (12 June 2003): Sister-city agreement Chemnitz–Łódź",
            "Signed (1990): Friendship Chemnitz–Łódź",
            "Signed (1972): Sister-city agreement Chemnitz–Łódź",
        ]
    );
    assert!(
        feed.contains("<id>https://partners.example.org/agreements/friendship/#event-0</id>"),
        "{feed}"
    );
    let programs = site.read_output("feeds/programs.xml");
    assert!(
        programs.contains("<entry>") && !programs.contains("agreements/"),
        "{programs}"
    );
}

/// Every feed keeps RFC 4287's rules: one id, title and updated (an RFC 3339 date-time)
/// for the feed and each entry, an author, unique entry ids, an alternate link per
/// entry, and no entry newer than its feed. An example entry is labelled as one.
#[test]
fn feeds_are_valid_atom() {
    let site = Site::fixture("basic");
    let agreement = "---\ntitle: Test pact\nkind: friendship\nparties: [chemnitz, lodz]\nsigned: 2024-06\nexample: true\n---\n";
    site.write("content/agreements/test-pact.md", agreement);
    built(&site);
    for path in [
        "feeds/all.xml",
        "feeds/programs.xml",
        "feeds/cultural-exchange.xml",
    ] {
        let text = site.read_output(path);
        let doc = roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
        let feed = doc.root_element();
        assert_eq!(
            feed.tag_name().namespace(),
            Some("http://www.w3.org/2005/Atom")
        );
        assert_eq!(feed.tag_name().name(), "feed");
        let feed_updated = atom_required(feed, path);
        assert!(children(feed, "author").count() == 1, "{path}: an author");
        let mut ids = std::collections::HashSet::new();
        for entry in children(feed, "entry") {
            let updated = atom_required(entry, path);
            assert!(updated <= feed_updated, "{path}: entry newer than the feed");
            let id = children(entry, "id").next().unwrap().text().unwrap();
            assert!(ids.insert(id.to_owned()), "{path}: id {id} twice");
            let alternate =
                children(entry, "link").any(|l| l.attribute("rel") == Some("alternate"));
            assert!(alternate, "{path}: entry {id} has no alternate link");
        }
    }
    let feed = site.read_output("feeds/all.xml");
    let example = feed.find("<category term=\"example\" label=\"Example\"/>");
    assert!(example > feed.find("Test pact"), "{feed}");
}

/// The element's one `id`, `title` and `updated`, checked; returns `updated`.
fn atom_required(element: roxmltree::Node, path: &str) -> String {
    for name in ["id", "title", "updated"] {
        assert_eq!(children(element, name).count(), 1, "{path}: one {name}");
    }
    let updated = children(element, "updated").next().unwrap().text().unwrap();
    let shape = |c: char| c.is_ascii_digit();
    let bytes: Vec<char> = updated.chars().collect();
    let rfc3339 = bytes.len() == 20
        && [4, 7].iter().all(|&i| bytes[i] == '-')
        && bytes[10] == 'T'
        && [13, 16].iter().all(|&i| bytes[i] == ':')
        && bytes[19] == 'Z'
        && [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18]
            .iter()
            .all(|&i| shape(bytes[i]));
    assert!(
        rfc3339,
        "{path}: updated {updated} is not an RFC 3339 date-time"
    );
    updated.to_owned()
}

fn children<'a>(
    element: roxmltree::Node<'a, 'a>,
    name: &'static str,
) -> impl Iterator<Item = roxmltree::Node<'a, 'a>> {
    element
        .children()
        .filter(move |c| c.tag_name().name() == name)
}

/// `data/wikidata.tsv`: a P190 statement each way between the parties that have
/// Wikidata ids, dated with its precision, ended when the agreement ended, with its
/// source; none for a proposal or a party without an id.
#[test]
fn wikidata_statements_for_partnerships_of_cities_with_ids() {
    let site = Site::fixture("basic");
    let add_id = |city: &str, q: &str| {
        let path = format!("content/cities/{city}.md");
        let text = std::fs::read_to_string(site.root.join(&path)).unwrap();
        site.write(
            &path,
            text.replacen("---\n", &format!("---\nids: {{ wikidata: {q} }}\n"), 1),
        );
    };
    add_id("chemnitz", "Q2795");
    add_id("lodz", "Q580");
    site.write(
        "content/agreements/ended.md",
        "---\ntitle: Ended\nkind: friendship\nparties: [lodz, chemnitz]\nsigned: 1990-05\nstatus: terminated\nhistory:\n  - { date: 2022-03-01, event: terminated }\nsources:\n  - { title: Council, url: https://example.org/council }\n---\n",
    );
    site.write(
        "content/agreements/proposed.md",
        "---\ntitle: Proposed\nkind: sister-city\nparties: [lodz, chemnitz]\nstatus: proposed\n---\n",
    );
    site.write(
        "content/agreements/unknown.md",
        "---\ntitle: With a state\nkind: sister-city\nparties: [lodz, saxony]\nsigned: 2000\nstatus: active\n---\n",
    );
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!(site.read_output("data/wikidata.tsv"), @r#"
    Q2795	P190	Q580	P580	+1972-00-00T00:00:00Z/9
    Q580	P190	Q2795	P580	+1972-00-00T00:00:00Z/9
    Q580	P190	Q2795	P580	+1990-05-00T00:00:00Z/10	P582	+2022-03-01T00:00:00Z/11	S854	"https://example.org/council"
    Q2795	P190	Q580	P580	+1990-05-00T00:00:00Z/10	P582	+2022-03-01T00:00:00Z/11	S854	"https://example.org/council"
    "#);
}
