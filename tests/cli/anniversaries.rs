//! Anniversaries and reviews: `amicus agenda` from a given day, and the calendar and
//! home-page section a build derives from the content alone.

use crate::support::Site;

/// The basic fixture with more partnerships: one of each kind of date, one suspended,
/// and reviews due at different times.
fn site_with_anniversaries() -> Site {
    let site = Site::fixture("basic");
    site.write(
        "site.yaml",
        "title: Partnerships of Testville\nbase_url: https://partners.example.org/\nreview_after: 2y\n",
    );
    let agreement = |parties: &str, fields: &str| {
        format!(
            "---\ntitle: Friendship {parties}\nkind: friendship\nparties: [{parties}]\nareas: [cultural-exchange]\n{fields}---\n"
        )
    };
    site.write(
        "content/agreements/chemnitz-saxony.md",
        agreement(
            "chemnitz, saxony",
            "signed: 2001-09-15\nreviewed: { date: 2025-02-10, by: \"International Office; Protocol\" }\n",
        ),
    );
    site.write(
        "content/agreements/lodz-saxony.md",
        agreement("lodz, saxony", "signed: 1976-05\nstatus: suspended\nhistory: [{ date: 1976-05, event: signed }, { date: 2022-03, event: suspended }]\n"),
    );
    site.write(
        "content/agreements/chemnitz-lodz-friendship.md",
        agreement(
            "chemnitz, lodz",
            "signed: 1987-02\nreviewed: { date: 2024-01-20, by: City of Testville }\n",
        ),
    );
    site
}

#[test]
fn the_agenda_lists_anniversaries_and_reviews_in_date_order() {
    let site = site_with_anniversaries();
    let run = site.run(&["agenda", "--today", "2026-06-01", "--within", "12m"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!(run.stdout, @r"
    From 2026-06-01 to 2027-06-01 (12 months): 4 dates
    2026-01-20  review overdue  agreements/chemnitz-lodz-friendship, reviewed 20 January 2024 by City of Testville
    2026-09-15  25 years        Friendship chemnitz, saxony (agreements/chemnitz-saxony), signed 15 September 2001
    2027-02     40 years        Friendship chemnitz, lodz (agreements/chemnitz-lodz-friendship), signed February 1987
    2027-02-10  review due      agreements/chemnitz-saxony, reviewed 10 February 2025 by International Office; Protocol
    ");
}

#[test]
fn the_agenda_refuses_a_length_without_a_unit() {
    let run = Site::fixture("basic").run(&["agenda", "--within", "12"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("`12` is not a length of time"),
        "{}",
        run.stderr
    );
}

#[test]
fn the_calendar_is_valid_icalendar_over_years_the_content_gives() {
    use icalendar::{Component, DatePerhapsTime};
    let site = site_with_anniversaries();
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = site.read_output("calendar.ics");
    assert!(text.ends_with("\r\n"));
    for line in text.split_terminator("\r\n") {
        assert!(line.len() <= 75 && !line.contains('\n'), "{line:?}");
    }
    let unfolded = icalendar::parser::unfold(&text);
    let parsed = icalendar::parser::read_calendar(&unfolded).expect("RFC 5545");
    let summaries: Vec<&str> = (parsed.components.iter())
        .flat_map(|c| &c.properties)
        .filter(|p| p.name == "SUMMARY")
        .map(|p| p.val.as_str())
        .collect();
    // The newest date of the content is a review of 2025: the calendar covers
    // 2025–2029. The day-precise anniversary is one day; the month-precise one spans
    // its month; the 60th of Chemnitz–Łódź (signed in 1972) is in 2032, out of range.
    assert_eq!(
        summaries,
        [
            "25 years: Friendship chemnitz, saxony",
            "40 years: Friendship chemnitz, lodz"
        ]
    );
    assert!(text.contains("SUMMARY:25 years: Friendship chemnitz\\, saxony\r\n"));
    let calendar: icalendar::Calendar = text.parse().expect("RFC 5545");
    let events: Vec<_> = calendar
        .components
        .iter()
        .filter_map(|c| c.as_event())
        .collect();
    let dates: Vec<_> = (events.iter())
        .map(|e| {
            (
                e.get_uid().unwrap(),
                e.get_start(),
                e.get_end(),
                e.get_timestamp(),
            )
        })
        .collect();
    let day = |text: &str| Some(DatePerhapsTime::Date(text.parse().unwrap()));
    assert_eq!(
        dates[0].0,
        "anniversary-25-chemnitz-saxony@partners.example.org"
    );
    assert_eq!(
        (dates[0].1.clone(), dates[0].2.clone()),
        (day("2026-09-15"), day("2026-09-16"))
    );
    assert_eq!(
        (dates[1].1.clone(), dates[1].2.clone()),
        (day("2027-02-01"), day("2027-03-01"))
    );
    assert!(dates.iter().all(|d| d.3.is_some()));
    let home = site.read_output("index.html");
    assert!(home.contains("in 2025 and 2026."), "{home}");
    assert!(home.contains(
        r#"<time datetime="2026-09-15">15 September 2026</time> <strong>25 years</strong>"#
    ));
}

#[test]
fn pages_say_when_they_were_reviewed_and_the_footer_links_the_notices() {
    let site = site_with_anniversaries();
    site.write(
        "site.yaml",
        "title: T\nbase_url: https://partners.example.org/\nimprint: about\nprivacy: https://example.org/privacy/\ndata_license: { name: CC-BY-4.0, url: https://creativecommons.org/licenses/by/4.0/ }\n",
    );
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = site.read_output("agreements/chemnitz-saxony/index.html");
    assert!(page.contains(
        r#"<p class="reviewed">Last reviewed <time datetime="2025-02-10">10 February 2025</time> by International Office; Protocol</p>"#
    ));
    assert!(page.contains(r#"<li><a href="/about/">Imprint</a></li>"#));
    assert!(page.contains(r#"<li><a href="https://example.org/privacy/">Privacy</a></li>"#));
    assert!(page.contains(r#"<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">"#));
    assert!(site.output_exists("static/favicon.svg"));
    let directory = site.read_output("data/directory.json");
    assert!(
        directory
            .contains(r#""reviewed":{"date":"2025-02-10","by":"International Office; Protocol"}"#),
        "{directory}"
    );
    assert!(directory.contains(
        r#""license":{"name":"CC-BY-4.0","url":"https://creativecommons.org/licenses/by/4.0/"}"#
    ));
    let package: serde_json::Value =
        serde_json::from_str(&site.read_output("data/datapackage.json")).unwrap();
    let resources = package["resources"].as_array().unwrap();
    assert_eq!(resources.len(), 6);
    assert!(
        resources
            .iter()
            .all(|r| r["licenses"][0]["name"] == "CC-BY-4.0")
    );
}
