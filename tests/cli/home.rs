//! Our side and theirs: the `home` fixture is a directory of Saxony (`home: [saxony]`)
//! with Dresden and Leipzig, a sister city abroad (Wrocław) and a memorandum that
//! Dresden and Leipzig signed with Lyon. Counts, partners, filters, maps and the open
//! data speak of partners abroad and of our own cities apart.

use crate::support::Site;

#[test]
fn the_home_page_counts_partners_abroad_and_our_cities_apart() {
    let site = Site::built("home");
    let main = site.main_content("index.html");
    assert!(main.contains("2 partners abroad in 2 countries"), "{main}");
    insta::assert_snapshot!("home_page", main);
}

#[test]
fn our_city_lists_its_partners_abroad_and_its_co_signatories_apart() {
    let site = Site::built("home");
    let main = site.main_content("cities/dresden/index.html");
    let partners = &main[main.find(r#"<h2 id="partners">"#).unwrap()..];
    let partners = &partners[..partners.find("</section>").unwrap()];
    assert!(partners.contains("Partners abroad"), "{partners}");
    assert!(partners.contains("Wrocław") && partners.contains("Lyon"));
    assert!(!partners.contains("Leipzig"), "{partners}");
    assert!(main.contains(r#"<h2 id="co-signatories">Co-signatories</h2>"#));
    insta::assert_snapshot!("home_our_city", main);
}

#[test]
fn a_partner_abroad_lists_our_cities_only() {
    let site = Site::built("home");
    let main = site.main_content("cities/lyon/index.html");
    let partners = &main[main.find(r#"<h2 id="partners">"#).unwrap()..];
    let partners = &partners[..partners.find("</section>").unwrap()];
    assert!(partners.contains("Partners on our side"), "{partners}");
    assert!(partners.contains("Dresden") && partners.contains("Leipzig"));
    // Wrocław and Lyon signed nothing together; no co-signatories abroad either.
    assert!(!main.contains("co-signatories"), "{main}");
}

#[test]
fn a_multilateral_agreement_shows_our_co_signatories_and_the_partner_abroad() {
    let site = Site::built("home");
    let main = site.main_content("agreements/welcoming-cities/index.html");
    let ours = main
        .find("<dt>Co-signatories on our side</dt>")
        .expect("our side");
    let abroad = main
        .find("<dt>Partners abroad</dt>")
        .expect("partners abroad");
    assert!(ours < abroad);
    assert!(main[ours..abroad].contains("Dresden") && main[ours..abroad].contains("Leipzig"));
    assert!(main[abroad..].contains("Lyon"));
    let bilateral = site.main_content("agreements/dresden-wroclaw/index.html");
    assert!(bilateral.contains("<dt>Our side</dt>"), "{bilateral}");
}

#[test]
fn statistics_count_agreements_by_the_partners_countries() {
    let site = Site::built("home");
    let main = site.main_content("statistics/index.html");
    let section = &main[main.find(r#"id="per-country""#).unwrap()..];
    let section = &section[..section.find("</section>").unwrap()];
    assert!(
        section.contains("France") && section.contains("Poland"),
        "{section}"
    );
    assert!(!section.contains("Germany"), "{section}");
}

#[test]
fn filters_find_agreements_by_partner_country_and_by_our_city() {
    let site = Site::built("home");
    let data: serde_json::Value =
        serde_json::from_str(&site.read_output("agreements/filter.json")).unwrap();
    assert_eq!(data["keys"]["country"], serde_json::json!(["FR", "PL"]));
    assert_eq!(
        data["keys"]["ours"],
        serde_json::json!(["dresden", "leipzig"])
    );
    // In list order: Dresden–Wrocław (1959), then the memorandum (2019); a list only
    // where an item has several values.
    assert_eq!(data["facets"]["country"], serde_json::json!([1, 0]));
    assert_eq!(data["facets"]["ours"], serde_json::json!([0, [0, 1]]));
    let list = site.main_content("agreements/index.html");
    assert!(
        list.contains(r#"<label for="filter-ours">Our city</label>"#),
        "{list}"
    );
    // A site without `home:` has no such filter.
    let basic = Site::fixture("basic");
    assert_eq!(basic.run(&["build"]).code, 0);
    let data: serde_json::Value =
        serde_json::from_str(&basic.read_output("agreements/filter.json")).unwrap();
    assert!(data["keys"].get("ours").is_none(), "{data}");
}

/// The cities list filters by side, as the home page counts: its numbers link there.
#[test]
fn the_cities_list_filters_partners_abroad_and_our_cities() {
    let site = Site::built("home");
    let data: serde_json::Value =
        serde_json::from_str(&site.read_output("cities/filter.json")).unwrap();
    assert_eq!(data["keys"]["side"], serde_json::json!(["partner", "ours"]));
    let sides = data["facets"]["side"].as_array().unwrap();
    let count = |ix: u64| sides.iter().filter(|s| s.as_u64() == Some(ix)).count();
    // Wrocław and Lyon abroad; Saxony, Dresden and Leipzig ours.
    assert_eq!((count(0), count(1)), (2, 3), "{data}");
    let home = site.read_output("index.html");
    assert!(
        home.contains(r#"<a href="/cities/?side=partner">"#),
        "{home}"
    );
    assert!(home.contains(r#"<a href="/cities/?side=ours">"#), "{home}");
}

#[test]
fn maps_and_open_data_mark_our_cities() {
    let site = Site::built("home");
    let home = site.read_output("index.html");
    assert!(
        home.contains(r#"<a class="map-city map-city--ours" href="/cities/dresden/">"#),
        "{home}"
    );
    assert!(home.contains(r#"<a class="map-city" href="/cities/lyon/">"#));
    // Dresden and Leipzig are drawn as partners of Lyon, not of each other.
    assert!(home.contains("partnerships: 3."), "{home}");
    let data: serde_json::Value =
        serde_json::from_str(&site.read_output("data/directory.json")).unwrap();
    let cities = data["cities"].as_array().unwrap();
    let home_of = |id: &str| {
        let city = cities.iter().find(|c| c["id"] == id).unwrap();
        city.get("home").cloned()
    };
    assert_eq!(home_of("dresden"), Some(serde_json::json!(true)));
    assert_eq!(home_of("saxony"), Some(serde_json::json!(true)));
    assert_eq!(home_of("lyon"), None);
    let dresden = cities.iter().find(|c| c["id"] == "dresden").unwrap();
    assert_eq!(dresden["partners"], serde_json::json!(["lyon", "wroclaw"]));
    let csv = site.read_output("data/cities.csv");
    assert!(
        csv.lines().next().unwrap().ends_with(",partners,home,url"),
        "{csv}"
    );
    assert!(csv.contains(",lyon;wroclaw,true,https://"), "{csv}");
    let geojson = site.read_output("data/partnerships.geojson");
    // Dresden–Wrocław, Dresden–Lyon and Leipzig–Lyon; not Dresden–Leipzig.
    assert_eq!(
        geojson.matches(r#""kind":"partnership""#).count(),
        3,
        "{geojson}"
    );
}
