//! `amicus import`: the fixture spreadsheets of tests/fixtures/import (one table in
//! every format, made by its make.py) imported into the `basic` site, bad rows
//! refused, a re-import that updates without clobbering, and the site's own open data
//! imported back.

use std::path::Path;

use crate::support::Site;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/import");

/// The `basic` site with the fixture spreadsheet `name` copied into its folder, so
/// that messages name it by a relative path.
fn site_with(name: &str) -> Site {
    let site = Site::fixture("basic");
    let bytes = std::fs::read(Path::new(FIXTURES).join(name)).unwrap();
    site.write(name, bytes);
    site
}

fn read(site: &Site, relative: &str) -> String {
    std::fs::read_to_string(site.root.join(relative)).unwrap_or_else(|e| panic!("{relative}: {e}"))
}

/// Every content file under `content/`, by path, for comparing two imports.
fn content(site: &Site) -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = walkdir::WalkDir::new(site.root.join("content"))
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let path = e
                .path()
                .strip_prefix(&site.root)
                .unwrap()
                .display()
                .to_string();
            (path, std::fs::read_to_string(e.path()).unwrap())
        })
        .collect();
    files.sort();
    files
}

#[test]
fn a_partnership_sheet_becomes_cities_and_agreements() {
    let site = site_with("partnerships.csv");
    let run = site.run(&["import", "partnerships.csv"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!(run.stdout, @r"
    created content/cities/akron.md
    created content/cities/dusseldorf.md
    created content/cities/mulhouse.md
    created content/cities/taiyuan.md
    created content/cities/tampere.md
    created content/cities/usti-nad-labem.md
    created content/agreements/chemnitz-akron.md
    created content/agreements/chemnitz-dusseldorf.md
    created content/agreements/chemnitz-mulhouse.md
    created content/agreements/chemnitz-taiyuan.md
    created content/agreements/chemnitz-tampere.md
    created content/agreements/chemnitz-usti-nad-labem.md
    ");
    insta::assert_snapshot!(run.stderr, @"Read 7 rows: 12 files to create, 0 to update, 0 rows not readable");
    // Chemnitz and Łódź were there: matched by name, their agreement left as it was.
    assert_eq!(
        read(&site, "content/agreements/chemnitz-lodz.md"),
        read(
            &Site::fixture("basic"),
            "content/agreements/chemnitz-lodz.md"
        )
    );
    insta::assert_snapshot!(read(&site, "content/agreements/chemnitz-tampere.md"), @r"
    ---
    title: Sister-city agreement Chemnitz–Tampere
    kind: sister-city
    parties: [chemnitz, tampere]
    status: active
    signed: 1961
    ---
    Die älteste Partnerschaft der Stadt.
    ");
    insta::assert_snapshot!(read(&site, "content/agreements/chemnitz-taiyuan.md"), @r"
    ---
    title: Friendship agreement Chemnitz–Taiyuan
    kind: friendship
    parties: [chemnitz, taiyuan]
    status: active
    signed: 1999-05-25
    ---
    ");
    insta::assert_snapshot!(read(&site, "content/cities/usti-nad-labem.md"), @r"
    ---
    name: Ústí nad Labem
    country: CZ
    ---
    ");
    let build = site.run(&["build"]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    assert!(
        site.read_output("cities/chemnitz/index.html")
            .contains("Tampere")
    );
}

/// The same table as CSV with a BOM and `;`, as a workbook (.xlsx, with a year typed as
/// a number and a date as a date) and as .ods gives the same files as the plain CSV.
#[test]
fn every_format_gives_the_same_directory() {
    let reference = site_with("partnerships.csv");
    assert_eq!(reference.run(&["import", "partnerships.csv"]).code, 0);
    for name in [
        "partnerschaften-bom.csv",
        "partnerschaften.xlsx",
        "partnerschaften.ods",
    ] {
        let site = site_with(name);
        let run = site.run(&["import", name]);
        assert_eq!(run.code, 0, "{name}: {}", run.stderr);
        assert_eq!(content(&site), content(&reference), "{name}");
    }
    let site = site_with("partnerschaften.xlsx");
    let run = site.run(&[
        "import",
        "partnerschaften.xlsx",
        "--sheet",
        "Partnerschaften",
        "--dry-run",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = site.run(&["import", "partnerschaften.xlsx", "--sheet", "Tabelle1"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("its sheets are: Partnerschaften, Notizen"),
        "{}",
        run.stderr
    );
}

/// A CSV file saved by Excel on a German Windows: Windows-1252, converted, and said so.
#[test]
fn a_windows_1252_file_is_converted_with_a_note() {
    let site = site_with("partnerschaften-1252.csv");
    let run = site.run(&["import", "partnerschaften-1252.csv"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.starts_with(
            "note: partnerschaften-1252.csv: the file is not UTF-8: read as Windows-1252"
        ),
        "{}",
        run.stderr
    );
    assert!(read(&site, "content/cities/dusseldorf.md").contains("name: Düsseldorf\n"));
    assert!(
        read(&site, "content/agreements/chemnitz-tampere.md").contains("Die älteste Partnerschaft")
    );
}

#[test]
fn bad_rows_are_reported_where_they_are_and_nothing_is_written() {
    let site = site_with("bad.csv");
    let before = content(&site);
    let run = site.run(&["import", "bad.csv"]);
    assert_eq!(run.code, 1);
    insta::assert_snapshot!(run.stderr, @r"
    error: row 3: `Atlantic` is not a country: write its name in English or German, or its ISO code (`PL`)
      --> bad.csv:3:4 (column `Partner country`)
    error: row 4: `spring 1981` is not a date: write 2020-12-31, 31.12.2020 or 2020
      --> bad.csv:4:5 (column `Signed`)
    error: row 5: the city is empty
      --> bad.csv:5:1 (column `City`)
    error: row 6: `marriage` is not a kind of agreement: write one of sister-city, friendship, memorandum, cooperation, letter-of-intent, project-partnership (or Städtepartnerschaft, Freundschaft, Absichtserklärung, Kooperation)
      --> bad.csv:6:6 (column `Kind`)
    Read 5 rows: 2 files to create, 0 to update, 4 rows not readable
    error: nothing was written: fix the rows above, or pass `--skip-bad-rows` to import the others
    ");
    assert_eq!(content(&site), before, "nothing written");
    let run = site.run(&["import", "bad.csv", "--skip-bad-rows"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "created content/cities/tampere.md\ncreated content/agreements/chemnitz-tampere.md\n"
    );
}

#[test]
fn a_dry_run_says_what_it_would_do_and_writes_nothing() {
    let site = site_with("partnerships.csv");
    let before = content(&site);
    let run = site.run(&["import", "partnerships.csv", "--dry-run"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .starts_with("would create content/cities/akron.md\n"),
        "{}",
        run.stdout
    );
    assert!(
        run.stderr.ends_with("(dry run: nothing written)\n"),
        "{}",
        run.stderr
    );
    assert_eq!(content(&site), before);
}

/// Re-importing an updated sheet changes the keys it owns and keeps the rest of the
/// file as the editor left it: comments, their own keys, the order, the body.
#[test]
fn a_re_import_updates_without_clobbering() {
    let site = site_with("partnerships.csv");
    assert_eq!(site.run(&["import", "partnerships.csv"]).code, 0);
    let path = "content/agreements/chemnitz-tampere.md";
    let edited = read(&site, path)
        .replace("title: ", "# checked with the city archive\ntitle: ")
        .replace(
            "status: active\n",
            "status: active # asked the council\nsummary: The oldest one.\nareas: [cultural-exchange]\n",
        )
        + "A paragraph the editor wrote.\n";
    site.write(path, &edited);
    site.write(
        "update.csv",
        "Stadt;Partnerstadt;Partnerland;seit;Status;Quelle\nChemnitz;Tampere;Finnland;12.05.1961;beendet;https://www.chemnitz.de/partnerstaedte\nChemnitz;Lodsch;PL;1972;;\n",
    );
    let run = site.run(&["import", "update.csv", "--dry-run"]);
    assert_eq!(
        run.stdout,
        "would update content/agreements/chemnitz-tampere.md (signed: 1961 → 1961-05-12; sources added; status: active → terminated)\n"
    );
    let run = site.run(&["import", "update.csv"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!(read(&site, path), @r#"
    ---
    # checked with the city archive
    title: Sister-city agreement Chemnitz–Tampere
    kind: sister-city
    parties: [chemnitz, tampere]
    status: terminated # asked the council
    summary: The oldest one.
    areas: [cultural-exchange]
    signed: 1961-05-12
    sources:
      - { title: "www.chemnitz.de", url: "https://www.chemnitz.de/partnerstaedte" }
    ---
    Die älteste Partnerschaft der Stadt.
    A paragraph the editor wrote.
    "#);
    // `Lodsch` is Łódź's German name: matched, and nothing to change.
    let again = site.run(&["import", "update.csv"]);
    assert_eq!(again.stdout, "");
    assert!(
        again.stderr.contains("0 files to create, 0 to update"),
        "{}",
        again.stderr
    );
}

#[test]
fn columns_can_be_named_with_map() {
    let site = Site::fixture("basic");
    site.write(
        "list.csv",
        "Ort|Partner|Staat|Jahr der Gründung\nChemnitz|Tampere|FI|1961\n",
    );
    let run = site.run(&["import", "list.csv"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        "error: list.csv: no column names the city whose partner each row gives; name it with `--map city=COLUMN` (its columns are: Ort, Partner, Staat, Jahr der Gründung)\n"
    );
    let run = site.run(&[
        "import",
        "list.csv",
        "--map",
        "city=Ort",
        "--map",
        "partner-city=Partner",
        "--map",
        "partner-country=Staat",
        "--map",
        "since=Jahr der Gründung",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(read(&site, "content/agreements/chemnitz-tampere.md").contains("signed: 1961\n"));
}

/// The site's data/cities.csv and data/agreements.csv import into an empty site as
/// the same cities and agreements, in every field the CSV files carry.
#[test]
fn the_open_data_imports_back_into_an_equal_directory() {
    let original = Site::fixture("basic");
    assert_eq!(original.run(&["build"]).code, 0);
    let copy = Site::minimal();
    copy.write("site.yaml", read(&original, "site.yaml"));
    copy.write("cities.csv", original.read_output("data/cities.csv"));
    copy.write(
        "agreements.csv",
        original.read_output("data/agreements.csv"),
    );
    let run = copy.run(&["import", "cities.csv", "agreements.csv"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let build = copy.run(&["build"]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    let directory = |site: &Site| -> serde_json::Value {
        serde_json::from_str(&site.read_output("data/directory.json")).unwrap()
    };
    let (before, after) = (directory(&original), directory(&copy));
    let fields = |record: &serde_json::Value, names: &[&str]| -> Vec<serde_json::Value> {
        names.iter().map(|n| record[n].clone()).collect()
    };
    const CITY: &[&str] = &[
        "id",
        "name",
        "url",
        "country",
        "level",
        "parent",
        "lat",
        "lon",
        "population",
        "website",
        "wikidata",
        "geonames",
        "partners",
    ];
    const AGREEMENT: &[&str] = &[
        "id", "title", "url", "kind", "status", "parties", "signed", "expires", "document",
    ];
    for (collection, names) in [("cities", CITY), ("agreements", AGREEMENT)] {
        let records = |d: &serde_json::Value| -> Vec<Vec<serde_json::Value>> {
            d[collection]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| fields(r, names))
                .collect()
        };
        assert_eq!(records(&after), records(&before), "{collection}");
    }
    // Importing the same files again changes nothing.
    let again = copy.run(&["import", "cities.csv", "agreements.csv"]);
    assert_eq!(again.stdout, "", "{}", again.stderr);
}

/// A real public list, kept as tests/fixtures/import/real-poland.csv: 149 partnerships
/// read by hand from the pages named in its `Quelle` column. Its first import
/// reported three country names (`Turkey`, `Weissrussland`, `Russische Föderation`),
/// which the import now knows; every row is placed and the site builds.
#[test]
fn a_real_list_imports_whole() {
    let site = Site::minimal();
    let bytes = std::fs::read(Path::new(FIXTURES).join("real-poland.csv")).unwrap();
    site.write("real-poland.csv", bytes);
    let run = site.run(&["import", "real-poland.csv"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "Read 149 rows: 338 files to create, 0 to update, 0 rows not readable\n"
    );
    let count = |folder: &str| run.stdout.matches(&format!("content/{folder}/")).count();
    assert_eq!((count("cities"), count("agreements")), (189, 149));
    let build = site.run(&["build"]);
    assert_eq!(build.code, 0, "{}", build.stderr);
}

/// A file whose front matter does not read still takes its id: the import does not
/// write over it, and gives the new city another id.
#[test]
fn a_broken_file_is_never_written_over() {
    let site = site_with("partnerships.csv");
    site.write("content/cities/tampere.md", "---\nname: [unclosed\n---\n");
    let run = site.run(&["import", "partnerships.csv"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("created content/cities/tampere-fi.md\n"),
        "{}",
        run.stdout
    );
    assert_eq!(
        read(&site, "content/cities/tampere.md"),
        "---\nname: [unclosed\n---\n"
    );
}
