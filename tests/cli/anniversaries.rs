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
