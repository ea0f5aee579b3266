//! A site in one language other than English: the theme's words from its strings file,
//! dates, numbers, country names and the order of lists in that language, and the
//! writing direction of right-to-left languages.

use crate::support::{Site, main_of};

/// The `basic` fixture with `language` set, built into its `public/`.
fn built_in(language: &str) -> Site {
    let site = Site::fixture("basic");
    let yaml = std::fs::read_to_string(site.root.join("site.yaml")).unwrap();
    site.write("site.yaml", format!("{yaml}language: {language}\n"));
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    site
}

#[test]
fn a_german_site_speaks_german() {
    let site = built_in("de");
    let city = site.read_output("cities/chemnitz/index.html");
    assert!(
        city.starts_with("<!DOCTYPE html>\n<html lang=\"de\">"),
        "{city}"
    );
    insta::assert_snapshot!("german_city", main_of(&city));
    let agreement = site.read_output("agreements/chemnitz-lodz/index.html");
    let main = main_of(&agreement);
    assert!(main.contains("12. Juni 2003"), "{main}");
    assert!(main.contains("Polen"), "{main}");
}

#[test]
fn lists_follow_the_order_of_the_language() {
    let site = Site::fixture("basic");
    for (id, name) in [("lima", "Lima"), ("lyon", "Lyon")] {
        site.write(
            &format!("content/cities/{id}.md"),
            format!("---\nname: {name}\ncountry: FR\n---\n"),
        );
    }
    let yaml = std::fs::read_to_string(site.root.join("site.yaml")).unwrap();
    site.write("site.yaml", format!("{yaml}language: pl\n"));
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let list = site.read_output("cities/index.html");
    let at = |name: &str| {
        list.find(&format!(">{name}<"))
            .unwrap_or_else(|| panic!("{name}"))
    };
    // Polish puts Ł after L: Lima, Lyon, Łódź. Transliterated (as English does), Łódź
    // would come between them.
    assert!(at("Lima") < at("Lyon") && at("Lyon") < at("Łódź"), "{list}");
}

#[test]
fn an_arabic_site_is_written_right_to_left() {
    let site = built_in("ar");
    let home = site.read_output("index.html");
    assert!(
        home.starts_with("<!DOCTYPE html>\n<html lang=\"ar\" dir=\"rtl\">"),
        "{home}"
    );
}
