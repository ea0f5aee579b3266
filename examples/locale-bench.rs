//! Rough per-call costs of `amicus::locale::Formatter`, for issue 27's report:
//! `cargo run --release --example locale-bench`. Not a test: timings vary with the
//! machine and its load.

// A measuring tool: its report is its output.
#![allow(clippy::print_stdout)]

use std::hint::black_box;
use std::time::{Duration, Instant};

use amicus::content::date::PartialDate;
use amicus::locale::{Formatter, parse_language};

fn per_call(label: &str, calls: usize, elapsed: Duration) {
    let nanos = elapsed.as_nanos() as f64 / calls as f64;
    println!("{label:<44} {nanos:>10.0} ns/call  ({calls} calls, {elapsed:.2?})");
}

fn time(label: &str, calls: usize, mut f: impl FnMut(usize)) {
    let start = Instant::now();
    for i in 0..calls {
        f(i);
    }
    per_call(label, calls, start.elapsed());
}

/// 100,000 names of Polish-looking towns, many sharing a prefix, as a big list has.
fn names() -> Vec<String> {
    let stems = [
        "Łódź", "Lublin", "Łask", "Zabrze", "Ząbki", "Śrem", "Sopot", "Żary",
    ];
    (0..100_000)
        .map(|i| format!("{} {}", stems[i % stems.len()], i * 7919 % 100_003))
        .collect()
}

fn main() {
    let tags: Vec<_> = ["de", "en", "fr", "ja", "ar", "pl"]
        .iter()
        .map(|t| parse_language(t).expect("a valid tag"))
        .collect();
    let start = Instant::now();
    let formatters: Vec<Formatter> = tags.iter().map(Formatter::new).collect();
    per_call("Formatter::new", tags.len(), start.elapsed());
    let de = &formatters[0];
    let pl = &formatters[5];
    let dates = ["2003-06-12", "2003-06", "2003"].map(|d| PartialDate::parse(d).unwrap());
    time("date (day, month or year, de)", 300_000, |i| {
        black_box(de.date(dates[i % 3]));
    });
    time("PartialDate::human (today's English)", 300_000, |i| {
        black_box(dates[i % 3].human());
    });
    time("number (de)", 300_000, |i| {
        black_box(de.number(i as i128 * 37));
    });
    time("country_name (de)", 300_000, |i| {
        black_box(de.country_name(["PL", "FR", "JP", "US"][i % 4]));
    });
    time("parse_language", 100_000, |i| {
        let _ = black_box(parse_language(["de", "en-US", "en_US", "German"][i % 4]));
    });
    let names = names();
    let mut by_compare = names.clone();
    let start = Instant::now();
    by_compare.sort_by(|a, b| pl.compare(a, b));
    println!(
        "sort 100,000 names with compare (pl)        {:.2?}",
        start.elapsed()
    );
    let mut by_key = names.clone();
    let start = Instant::now();
    by_key.sort_by_cached_key(|n| pl.sort_key(n));
    println!(
        "sort 100,000 names by sort_key (pl)         {:.2?}",
        start.elapsed()
    );
    let mut by_bytes = names.clone();
    let start = Instant::now();
    by_bytes.sort();
    println!(
        "sort 100,000 names by bytes (for scale)     {:.2?}",
        start.elapsed()
    );
    assert_eq!(by_compare, by_key);
    time("compare (pl)", 1_000_000, |i| {
        black_box(pl.compare(&names[i % names.len()], &names[(i * 31) % names.len()]));
    });
}
