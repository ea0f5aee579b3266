//! What keeps large directories fast and their pages small: area and country pages
//! that list the first entries and link to the rest, and a failed render that leaves
//! nothing behind although pages are written while they are rendered.

use crate::support::{Site, main_of};

/// Three cities in Germany, all in one area, with `page_size: 2`.
fn three_cities() -> Site {
    let site = Site::minimal();
    site.write(
        "site.yaml",
        "title: T\nbase_url: https://example.org/\npage_size: 2\n",
    );
    for (id, name) in [("aue", "Aue"), ("bonn", "Bonn"), ("celle", "Celle")] {
        site.write(
            &format!("content/cities/{id}.md"),
            format!("---\nname: {name}\ncountry: DE\nareas: [public-health]\n---\n"),
        );
    }
    site
}

fn more_links(html: &str) -> Vec<&str> {
    main_of(html)
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with("<p class=\"more-link\">"))
        .collect()
}

#[test]
fn area_pages_list_the_first_entries_and_link_to_the_filtered_list() {
    let site = three_cities();
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = site.read_output("areas/public-health/index.html");
    assert_eq!(main_of(&page).matches("href=\"/cities/aue/\"").count(), 1);
    assert!(!main_of(&page).contains("href=\"/cities/celle/\""));
    insta::assert_snapshot!(more_links(&page).join("\n"), @r#"<p class="more-link"><a class="more" href="/cities/?area=public-health">All 3 cities</a></p>"#);
    assert!(
        main_of(&page).contains("<dd>3</dd>"),
        "the count is of all cities"
    );
}

#[test]
fn country_pages_list_the_first_entries_and_link_to_the_filtered_list() {
    let site = three_cities();
    assert_eq!(site.run(&["build"]).code, 0);
    let page = site.read_output("countries/de/index.html");
    assert!(!main_of(&page).contains("href=\"/cities/celle/\""));
    insta::assert_snapshot!(more_links(&page).join("\n"), @r#"<p class="more-link"><a class="more" href="/cities/?country=DE">All 3 cities</a></p>"#);
}

#[test]
fn short_lists_have_no_link_to_the_rest() {
    let site = three_cities();
    site.write(
        "site.yaml",
        "title: T\nbase_url: https://example.org/\npage_size: 3\n",
    );
    assert_eq!(site.run(&["build"]).code, 0);
    let page = site.read_output("areas/public-health/index.html");
    assert!(main_of(&page).contains("href=\"/cities/celle/\""));
    assert!(more_links(&page).is_empty());
}

#[test]
fn a_template_error_leaves_the_previous_output_and_no_staging_folder() {
    let site = three_cities();
    assert_eq!(site.run(&["build"]).code, 0);
    let before = site.read_output("cities/aue/index.html");
    site.override_template("city.html", "{{ city.no_such_field.name }}");
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("error[A0601]"), "{}", run.stderr);
    assert_eq!(site.read_output("cities/aue/index.html"), before);
    let leftovers: Vec<_> = std::fs::read_dir(&site.root)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|n| n.to_string_lossy().contains("amicus-"))
        .collect();
    assert!(leftovers.is_empty(), "left behind: {leftovers:?}");
}
