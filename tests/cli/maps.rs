//! Maps and statistics: the SVG the build draws into the home, city, area and statistics
//! pages, and the text each drawing comes with.

use crate::support::{Site, main_of};

/// The first `<svg class="map …">…</svg>` of a page, with its detail panel if it has one.
fn map_of(html: &str) -> &str {
    let start = html.find(r#"<svg xmlns="http://www.w3.org/2000/svg" class="map "#);
    let start = start.unwrap_or_else(|| panic!("no map in {html}"));
    let rest = &html[start..];
    let nested = rest[..rest.find("</svg>").expect("map ends")]
        .matches("<svg")
        .count();
    let end = rest
        .match_indices("</svg>")
        .nth(nested - 1)
        .expect("map ends")
        .0;
    &rest[..end + "</svg>".len()]
}

fn built(site: &Site) {
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn a_city_map_links_the_city_to_its_partners() {
    let site = Site::fixture("basic");
    built(&site);
    let page = site.read_output("cities/chemnitz/index.html");
    let map = map_of(&page);
    // One curve from Chemnitz to Łódź, and Łódź is a link to its page.
    let lines = map
        .split(r#"<path class="map-link" fill="none" vector-effect="non-scaling-stroke" d=""#)
        .nth(1)
        .expect("a line is drawn");
    assert_eq!(lines[..lines.find('"').unwrap()].matches('M').count(), 1);
    assert!(
        map.contains(
            r#"<a class="map-city" href="/cities/lodz/"><title>Łódź</title><circle class="map-hit""#
        ),
        "{map}"
    );
    insta::assert_snapshot!(map, @r#"<svg xmlns="http://www.w3.org/2000/svg" class="map map--fit" viewBox="0 0 1000 555.6" role="group"><title>Map of Chemnitz and its partner cities</title><g aria-hidden="true"><use class="map-land" href="/static/land-degrees.svg#land" transform="matrix(0.347406 0 0 0.555556 -62.41 3127.42)"/><path class="map-link" fill="none" vector-effect="non-scaling-stroke" d="M613.5 251.9q-123.8-19.6-227 51.7"/></g><a class="map-city" href="/cities/lodz/"><title>Łódź</title><circle class="map-hit" opacity="0" cx="613.5" cy="251.9" r="20"/><circle class="map-ring" fill="none" cx="613.5" cy="251.9" r="12"/><circle class="map-marker" cx="613.5" cy="251.9" r="6"/></a><g class="map-city map-city--emphasis"><title>Chemnitz</title><circle class="map-marker" cx="386.5" cy="303.6" r="9"/></g><g class="map-labels map-labels--wide" font-size="20" direction="ltr" aria-hidden="true"><text class="map-label map-label--emphasis" x="402.5" y="310.2">Chemnitz</text><text class="map-label" x="626.5" y="258.5">Łódź</text></g><g class="map-labels map-labels--narrow" font-size="42" direction="ltr" aria-hidden="true"><text class="map-label map-label--emphasis" x="419" y="317.5">Chemnitz</text><text class="map-label" x="613.5" y="214.4" text-anchor="middle">Łódź</text></g></svg>"#);
    // The partners table, the map's text alternative, follows it in the same section.
    let main = main_of(&page);
    let (map_at, table_at) = (main.find("<figure").unwrap(), main.find("<table").unwrap());
    assert!(map_at < table_at);
    assert!(main[map_at..table_at].contains(
        "Partner cities of Chemnitz on the map: 1. The table of partners below lists every partner."
    ));
}

#[test]
fn a_city_without_a_location_or_located_partners_has_no_map() {
    let site = Site::fixture("basic");
    built(&site);
    for page in ["cities/saxony/index.html", "about/index.html"] {
        assert!(!site.read_output(page).contains("class=\"map "), "{page}");
    }
}

#[test]
fn maps_use_the_shared_land() {
    let site = Site::fixture("basic");
    built(&site);
    let land = site.read_output("static/world-land.svg");
    assert!(land.starts_with(r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1000 "#));
    assert!(land.contains(r#"<path id="land""#), "{land:.200}");
    let detailed = site.read_output("static/land-degrees.svg");
    assert!(detailed.starts_with(
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="-18000 -9000 36000 18000"><path id="land""#
    ));
    let city = site.read_output("cities/chemnitz/index.html");
    assert!(
        map_of(&city)
            .contains(r#"<use class="map-land" href="/static/land-degrees.svg#land" transform=""#)
    );
    // The home and area maps fit their cities too: here two in central Europe.
    for page in ["index.html", "areas/cultural-exchange/index.html"] {
        let html = site.read_output(page);
        let map = map_of(&html);
        assert!(
            map.contains(
                r#"<use class="map-land" href="/static/land-degrees.svg#land" transform=""#
            ),
            "{page}: {map}"
        );
        assert!(map.contains(r#"<a class="map-city" href="/cities/chemnitz/">"#));
        assert!(map.len() < 2_500, "{page}: {} bytes", map.len());
        // Keyboard users can jump past the map's links to its caption.
        let skip = html
            .find(r##"<a class="map-skip" href="#"##)
            .expect("skip link");
        let caption = &html[skip..];
        let target = &caption[caption.find("href=\"#").unwrap() + 7..];
        let target = &target[..target.find('"').unwrap()];
        assert!(
            html.find(map).unwrap() > skip
                && html.contains(&format!(r#"<figcaption id="{target}">"#)),
            "{page}"
        );
        assert!(
            html.contains("Cities on the map: 2; partnerships: 1."),
            "{page}"
        );
    }
    // Under a sub-folder, the shared land is found there.
    site.run(&["build", "--base-url", "https://example.org/intl/"]);
    assert!(
        site.read_output("index.html")
            .contains(r#"href="/intl/static/land-degrees.svg#land""#)
    );
    assert!(
        site.read_output("cities/chemnitz/index.html")
            .contains(r#"href="/intl/static/land-degrees.svg#land""#)
    );
}

#[test]
fn home_maps_of_large_directories_draw_the_most_connected_cities() {
    let site = Site::minimal();
    // A hub with 70 partners.
    let city = |id: &str, lat: f64, lon: f64| {
        format!("---\nname: City {id}\ncountry: DE\nlocation: {{ lat: {lat}, lon: {lon} }}\n---\n")
    };
    site.write("content/cities/hub.md", city("hub", 50.0, 10.0));
    for i in 0..70 {
        let id = format!("c{i}");
        site.write(
            &format!("content/cities/{id}.md"),
            city(&id, -40.0 + i as f64, -100.0 + 2.0 * i as f64),
        );
        site.write(
            &format!("content/agreements/hub-{id}.md"),
            format!("---\ntitle: Hub and {id}\nkind: friendship\nparties: [hub, {id}]\nsigned: 2001\n---\n"),
        );
    }
    built(&site);
    let home = site.read_output("index.html");
    let map = map_of(&home);
    assert_eq!(map.matches("<a class=\"map-city\"").count(), 60);
    assert!(map.contains(r#"<a class="map-city" href="/cities/hub/"><title>City hub</title>"#));
    assert!(
        home.contains(
            "The map shows 59 of the 70 partnerships, those of the best connected cities: 60 of 71 cities."
        ),
        "{}",
        main_of(&home)
    );
    // The statistics page lists the same cities, the hub first.
    let stats = site.read_output("statistics/index.html");
    let table = &stats[stats.find("id=\"most-connected-table\"").unwrap()..];
    assert_eq!(table.matches("<tr><th scope=\"row\">").count(), 60);
    assert!(table.contains(r#"<a href="/cities/hub/">City hub</a></th><td><a href="/countries/de/">Germany</a></td><td class="num">70</td>"#));
}

#[test]
fn capped_home_maps_draw_partnerships_not_lone_cities() {
    // 70 cities with two partners abroad each: the 60 cities with most partners would be
    // the 70 at home, with no line between them; the map draws whole partnerships instead.
    let site = Site::minimal();
    let city = |id: &str, lat: f64, lon: f64| {
        format!("---\nname: City {id}\ncountry: DE\nlocation: {{ lat: {lat}, lon: {lon} }}\n---\n")
    };
    for i in 0..70 {
        let home = format!("d{i}");
        site.write(
            &format!("content/cities/{home}.md"),
            city(&home, 50.0, 10.0 + i as f64 / 10.0),
        );
        for side in ["a", "b"] {
            let abroad = format!("f{i}{side}");
            site.write(
                &format!("content/cities/{abroad}.md"),
                city(
                    &abroad,
                    -30.0 + i as f64 / 2.0,
                    if side == "a" { -60.0 } else { 120.0 },
                ),
            );
            site.write(
                &format!("content/agreements/{home}-{abroad}.md"),
                format!("---\ntitle: {home} and {abroad}\nkind: friendship\nparties: [{home}, {abroad}]\n---\n"),
            );
        }
    }
    built(&site);
    let home = site.read_output("index.html");
    let map = map_of(&home);
    assert_eq!(map.matches("<a class=\"map-city\"").count(), 60);
    let lines = map
        .split(r#"class="map-link" fill="none" vector-effect="non-scaling-stroke" d=""#)
        .nth(1)
        .unwrap();
    assert_eq!(lines[..lines.find('"').unwrap()].matches('M').count(), 40);
    assert!(home.contains("The map shows 40 of the 140 partnerships, those of the best connected cities: 60 of 210 cities."));
}

#[test]
fn the_statistics_page_has_a_table_behind_each_chart() {
    let site = Site::fixture("basic");
    built(&site);
    let html = site.read_output("statistics/index.html");
    let main = main_of(&html);
    for caption in [
        "Partnerships in force over time",
        "Agreements signed per decade",
        "Agreements by engagement area",
        "Agreements by country",
    ] {
        assert!(
            main.contains(&format!("<caption>{caption}</caption>")),
            "{main}"
        );
    }
    // The charts are pictures of the tables, hidden from screen readers; each table waits
    // behind a disclosure, as does the list of the most connected cities.
    assert_eq!(
        main.matches(r#"<div class="chart-frame" aria-hidden="true"><svg"#)
            .count(),
        4
    );
    assert_eq!(main.matches("<details class=\"stats-table\">").count(), 5);
    assert_eq!(main.matches("<table").count(), 5);
    let per_decade = &main[main.find("<caption>Agreements signed per decade").unwrap()..];
    let per_decade = &per_decade[..per_decade.find("</table>").unwrap()];
    insta::assert_snapshot!(per_decade, @r#"
    <caption>Agreements signed per decade</caption>
          <thead><tr><th scope="col">Decade</th><th scope="col" class="num">Agreements</th></tr></thead>
          <tbody>
            <tr><th scope="row">1970–1979</th><td class="num">1</td></tr>
          </tbody>
    "#);
    assert!(main.contains(
        r#"<tr><th scope="row"><a href="/countries/pl/">Poland</a></th><td class="num">1</td></tr>"#
    ));
    // Linked from the home page.
    assert!(
        site.read_output("index.html")
            .contains(r#"<a class="more" href="/statistics/">"#)
    );
}

#[test]
fn partnerships_in_force_count_ends_and_suspensions() {
    let site = Site::minimal();
    for (id, lat) in [("a", 50.0), ("b", 51.0), ("c", 52.0), ("d", 53.0)] {
        site.write(
            &format!("content/cities/{id}.md"),
            format!(
                "---\nname: City {id}\ncountry: DE\nlocation: {{ lat: {lat}, lon: 10 }}\n---\n"
            ),
        );
    }
    let agreement = |id: &str, rest: &str| {
        site.write(
            &format!("content/agreements/{id}.md"),
            format!("---\ntitle: Agreement {id}\nkind: friendship\nparties: [a, b]\n{rest}---\n"),
        );
    };
    agreement("one", "signed: 1990\n");
    agreement(
        "two",
        "signed: 1995\nstatus: active\nhistory:\n  - { date: 1995, event: signed }\n  - { date: 2000, event: suspended }\n  - { date: 2005, event: resumed }\n",
    );
    agreement(
        "three",
        "signed: 2001\nstatus: terminated\nhistory:\n  - { date: 2001, event: signed }\n  - { date: 2010-03, event: terminated }\n",
    );
    agreement("four", "signed: 1998\nstatus: terminated\n");
    built(&site);
    let main = main_of(&site.read_output("statistics/index.html")).to_owned();
    assert!(
        main.contains("1 agreements ended at an unknown date and are left out."),
        "{main}"
    );
    let table = &main[main
        .find("<caption>Partnerships in force over time")
        .unwrap()..];
    let table = &table[..table.find("</tbody>").unwrap()];
    let rows: Vec<&str> = table
        .split(r#"<tr><th scope="row">"#)
        .skip(1)
        .map(|r| r.split('<').next().unwrap())
        .collect();
    let counts: Vec<&str> = table
        .split(r#"<td class="num">"#)
        .skip(1)
        .map(|r| r.split('<').next().unwrap())
        .collect();
    assert_eq!(rows, ["1990", "1995", "2000", "2001", "2005", "2010"]);
    assert_eq!(counts, ["1", "2", "1", "2", "3", "2"]);
    // The chart ends at the last count, written at the line's end.
    assert!(
        main.contains(r#"class="chart-value" "#) && main.contains(r#"text-anchor="end">2</text>"#)
    );
}

#[test]
fn a_directory_without_agreements_has_an_empty_statistics_page() {
    let site = Site::minimal();
    built(&site);
    let html = site.read_output("statistics/index.html");
    assert!(html.contains("No agreements are recorded yet."));
    assert!(!html.contains("<svg"));
    assert!(!site.read_output("index.html").contains("class=\"map "));
}
