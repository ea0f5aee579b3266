//! Snapshots of built pages: the part inside `<main>` of a city, an agreement, a
//! program, the first page of the cities list and an area, built from the `basic`
//! fixture exactly as the built-in theme writes them, so that a change of a template or
//! of the render stage shows up as a reviewed diff of `snapshots/cli__pages__page_*`.

use crate::support::Site;

#[test]
fn city_page() {
    let site = Site::built("basic");
    let main = site.main_content("cities/chemnitz/index.html");
    insta::assert_snapshot!("page_city", main);
}

#[test]
fn agreement_page() {
    let site = Site::built("basic");
    let main = site.main_content("agreements/chemnitz-lodz/index.html");
    insta::assert_snapshot!("page_agreement", main);
}

#[test]
fn program_page() {
    let site = Site::built("basic");
    let main = site.main_content("programs/textile-exchange/index.html");
    insta::assert_snapshot!("page_program", main);
}

#[test]
fn cities_list_page() {
    let site = Site::built("basic");
    let main = site.main_content("cities/index.html");
    insta::assert_snapshot!("page_cities", main);
}

#[test]
fn area_page() {
    let site = Site::built("basic");
    let main = site.main_content("areas/cultural-exchange/index.html");
    insta::assert_snapshot!("page_area", main);
}
