//! Snapshots of built pages: the part inside `<main>` of a city, an agreement, a
//! program, the first page of the cities list and an area, built from the `basic`
//! fixture exactly as the built-in theme writes them, so that a change of a template or
//! of the render stage shows up as a reviewed diff of `snapshots/cli__pages__page_*`.

use crate::support::{Site, main_of};

/// The `basic` fixture, built into its `public/`.
fn built_basic() -> Site {
    let site = Site::fixture("basic");
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    site
}

/// The main content of the page at `relative` under `public/`.
fn main_content(site: &Site, relative: &str) -> String {
    main_of(&site.read_output(relative)).to_owned()
}

#[test]
fn city_page() {
    let site = built_basic();
    let main = main_content(&site, "cities/chemnitz/index.html");
    insta::assert_snapshot!("page_city", main);
}

#[test]
fn agreement_page() {
    let site = built_basic();
    let main = main_content(&site, "agreements/chemnitz-lodz/index.html");
    insta::assert_snapshot!("page_agreement", main);
}

#[test]
fn program_page() {
    let site = built_basic();
    let main = main_content(&site, "programs/textile-exchange/index.html");
    insta::assert_snapshot!("page_program", main);
}

#[test]
fn cities_list_page() {
    let site = built_basic();
    let main = main_content(&site, "cities/index.html");
    insta::assert_snapshot!("page_cities", main);
}

#[test]
fn area_page() {
    let site = built_basic();
    let main = main_content(&site, "areas/cultural-exchange/index.html");
    insta::assert_snapshot!("page_area", main);
}
