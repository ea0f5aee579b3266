//! `amicus agenda`: what the communications calendar needs from the directory, from
//! today (unlike the site, the agenda may read the clock): the round anniversaries of
//! partnerships and the reviews falling due within `--within`, in date order, as plain
//! text on stdout. Problems with the site go to stderr as in `amicus check`.

use super::{Failed, colour, site_options};
use crate::anniversaries;
use crate::cli::AgendaArgs;
use crate::content::date::PartialDate;
use crate::day::Day;
use crate::diagnostics::render;
use crate::graph::Directory;
use crate::lints;
use crate::pipeline;

pub fn run(args: &AgendaArgs) -> Result<(), Failed> {
    let checked = pipeline::check(&site_options(&args.site));
    let directory = match &checked.directory {
        Some(directory) if !checked.diagnostics.has_errors() => directory,
        _ => {
            eprint!("{}", render::human_in(&checked.diagnostics, colour()));
            if let Some(summary) = render::summary(&checked.diagnostics) {
                eprintln!("Agenda failed: {summary}");
            }
            return Err(Failed);
        }
    };
    let today = args.today.unwrap_or_else(Day::today);
    let until = today.plus(args.within);
    let items = agenda(directory, today, until);
    println!(
        "From {} to {} ({}): {}",
        today.date(),
        until.date(),
        args.within,
        match items.len() {
            0 => "nothing".to_owned(),
            1 => "1 date".to_owned(),
            n => format!("{n} dates"),
        }
    );
    for item in items {
        println!(
            "{:<10}  {:<14}  {}",
            item.date.to_string(),
            item.what,
            item.about
        );
    }
    Ok(())
}

/// One line of the agenda.
struct Item {
    /// As precise as known: an anniversary of a partnership signed in a year is in
    /// that year, on no known day.
    date: PartialDate,
    what: String,
    about: String,
}

/// The anniversaries from `today` to `until` and the reviews due by `until` (overdue
/// ones too), sorted by date.
fn agenda(d: &Directory, today: Day, until: Day) -> Vec<Item> {
    let (first, last) = (today.date().year(), until.date().year());
    let mut items: Vec<Item> = (anniversaries::in_years(d, first..=last).into_iter())
        .filter(|a| Day::last_of(a.date) >= today && Day::first_of(a.date) <= until)
        .map(|a| {
            let agreement = d.agreement(a.agreement);
            let signed = anniversaries::signed(agreement)
                .map_or_else(String::new, |s| format!(", signed {}", s.human()));
            Item {
                date: a.date,
                what: format!("{} years", a.years),
                about: format!(
                    "{} (agreements/{}){signed}",
                    agreement.title, agreement.meta.id
                ),
            }
        })
        .collect();
    if let Some(after) = d.config.review_after {
        let metas = (d.cities.iter().map(|c| (&c.meta, "cities")))
            .chain(d.programs.iter().map(|p| (&p.meta, "programs")))
            .chain(d.agreements.iter().map(|a| (&a.meta, "agreements")))
            .chain(d.pages.iter().map(|p| (&p.meta, "pages")));
        for (meta, folder) in metas {
            let Some(reviewed) = &meta.reviewed else {
                continue;
            };
            let due = lints::review_due(reviewed, after);
            if due <= until {
                let what = if due < today {
                    "review overdue"
                } else {
                    "review due"
                };
                items.push(Item {
                    date: due.date(),
                    what: what.to_owned(),
                    about: format!(
                        "{folder}/{}, reviewed {} by {}",
                        meta.id,
                        reviewed.date.human(),
                        reviewed.by
                    ),
                });
            }
        }
    }
    items.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.about.cmp(&b.about)));
    items
}
