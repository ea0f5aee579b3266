//! Sites in several languages: every page in every language under its prefix, the
//! entries' words from their translation files, the links between a page's languages,
//! untranslated text marked as such, and what `check` says about missing translations.
//! The `japanese` fixture is in Japanese and English, the `arabic` one in Arabic and
//! English.

use crate::support::{Site, main_of};

/// The lines of `html` that link the page to its other languages: the `hreflang`
/// links of its head and the language switcher of its header.
fn language_links(html: &str) -> String {
    let head = html
        .lines()
        .filter(|l| l.contains("hreflang=") && l.contains("<link"));
    let switcher = html
        .split("<nav class=\"language-switcher\"")
        .nth(1)
        .and_then(|rest| rest.split("</nav>").next())
        .unwrap_or_default();
    let head: Vec<&str> = head.map(str::trim).collect();
    format!(
        "{}\n<nav class=\"language-switcher\"{switcher}</nav>",
        head.join("\n")
    )
}

#[test]
fn every_page_exists_in_every_language_with_its_own_words() {
    let site = Site::built("japanese");
    let ja = site.read_output("cities/kyoto/index.html");
    let en = site.read_output("en/cities/kyoto/index.html");
    assert!(
        ja.starts_with("<!DOCTYPE html>\n<html lang=\"ja\">"),
        "{ja}"
    );
    assert!(
        en.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"),
        "{en}"
    );
    insta::assert_snapshot!("japanese_city_ja", main_of(&ja));
    insta::assert_snapshot!("japanese_city_en", main_of(&en));
    let agreement = site.read_output("en/agreements/kyoto-boston/index.html");
    insta::assert_snapshot!("japanese_agreement_en", main_of(&agreement));
    for page in [
        "index.html",
        "areas/index.html",
        "search/index.html",
        "about/index.html",
    ] {
        assert!(site.output_exists(&format!("en/{page}")), "en/{page}");
    }
    // The theme's words, the site's title and the menu in each language.
    assert!(
        en.contains("<title>Kyoto · Kyoto&#39;s partners abroad</title>"),
        "{en}"
    );
    assert!(en.contains(">About this site<"), "{en}");
    assert!(ja.contains(">このサイトについて<"), "{ja}");
}

#[test]
fn a_page_links_to_itself_in_every_language() {
    let site = Site::built("japanese");
    let ja = site.read_output("agreements/kyoto-boston/index.html");
    let en = site.read_output("en/agreements/kyoto-boston/index.html");
    insta::assert_snapshot!("language_links_ja", language_links(&ja));
    insta::assert_snapshot!("language_links_en", language_links(&en));
    let sitemap = site.read_output("sitemap.xml");
    let entry = sitemap
        .lines()
        .find(|l| l.contains("<loc>https://kokusai.example.jp/en/cities/kyoto/</loc>"))
        .unwrap_or_else(|| panic!("{sitemap}"));
    insta::assert_snapshot!("sitemap_alternates", entry);
}

#[test]
fn untranslated_words_keep_their_language_and_say_so() {
    let site = Site::built("japanese");
    let paris = site.read_output("en/cities/paris/index.html");
    let main = main_of(&paris);
    assert!(
        main.contains("<p class=\"untranslated-note\" role=\"note\">This text is only available in Japanese.</p>"),
        "{main}"
    );
    assert!(main.contains("<div class=\"prose\" lang=\"ja\">"), "{main}");
    assert!(
        main.contains("<p class=\"lead\" lang=\"ja\">フランスの首都。</p>"),
        "{main}"
    );
    // A translated entry has neither, though the card of an untranslated agreement on
    // its page has its lang.
    let kyoto = site.read_output("en/cities/kyoto/index.html");
    let main = main_of(&kyoto);
    assert!(
        !main.contains("untranslated-note") && main.contains("<div class=\"prose\">"),
        "{main}"
    );
    assert!(
        main.contains(
            "<h3 class=\"card-title\" lang=\"ja\"><a href=\"/en/agreements/kyoto-paris/\">"
        ),
        "{main}"
    );
    // Nor has any page in the default language.
    let paris_ja = site.read_output("cities/paris/index.html");
    assert!(!paris_ja.contains("untranslated-note"));
}

#[test]
fn an_arabic_page_is_right_to_left_and_its_english_one_is_not() {
    let site = Site::built("arabic");
    let ar = site.read_output("cities/amman/index.html");
    let en = site.read_output("en/cities/amman/index.html");
    assert!(
        ar.starts_with("<!DOCTYPE html>\n<html lang=\"ar\" dir=\"rtl\">"),
        "{ar}"
    );
    assert!(
        en.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"),
        "{en}"
    );
    insta::assert_snapshot!("arabic_city_ar", main_of(&ar));
}

#[test]
fn search_filters_and_feeds_are_made_for_each_language() {
    let site = Site::built("japanese");
    for language in ["", "en/"] {
        for file in [
            "search/index.json",
            "agreements/filter.json",
            "feeds/all.xml",
        ] {
            assert!(
                site.output_exists(&format!("{language}{file}")),
                "{language}{file}"
            );
        }
    }
    let feed = site.read_output("en/feeds/all.xml");
    assert!(
        feed.contains("xml:lang=\"en\"")
            && feed.contains("<title>Signed (24 June 1959): Sister cities Kyoto–Boston</title>"),
        "{feed}"
    );
    let feed = site.read_output("feeds/all.xml");
    assert!(
        feed.contains("xml:lang=\"ja\"")
            && feed
                .contains("<title>京都市・ボストン市姉妹都市提携：締結（1959年6月24日）</title>"),
        "{feed}"
    );
    // Open data stay one set, with every language's words.
    let data = site.read_output("data/directory.json");
    assert!(
        data.contains("\"translations\":{\"en\":{\"title\":\"Sister cities Kyoto–Boston\"}}"),
        "{data}"
    );
    assert!(!site.output_exists("en/data/directory.json"));
}

#[test]
fn check_counts_missing_translations_and_lists_them_on_request() {
    let site = Site::fixture("japanese");
    let run = site.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!("coverage_summary", run.stderr);
    let run = site.run(&["check", "--translations"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!("coverage_list", run.stderr);
}

#[test]
fn a_one_language_site_has_no_language_links() {
    let site = Site::built("basic");
    let city = site.read_output("cities/chemnitz/index.html");
    assert!(
        !city.contains("hreflang") && !city.contains("language-switcher"),
        "{city}"
    );
    assert!(!site.read_output("sitemap.xml").contains("xhtml:link"));
}
