//! Incremental builds against clean ones, after every kind of edit.

use super::*;
use crate::serve::watch::classify;

/// A copy of the `basic` fixture, and a session on it.
fn fixture() -> (tempfile::TempDir, Session) {
    let dir = tempfile::tempdir().unwrap();
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/basic");
    for entry in walkdir::WalkDir::new(&source) {
        let entry = entry.unwrap();
        let target = dir.path().join(entry.path().strip_prefix(&source).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
    let root = dir.path().canonicalize().unwrap();
    let session = Session::new(SiteOptions {
        root,
        base_url: Some("http://127.0.0.1:4040/".into()),
        drafts: false,
    });
    (dir, session)
}

/// Every file of a clean build, by path.
fn clean(options: &SiteOptions) -> BTreeMap<String, Vec<u8>> {
    let checked = pipeline::check(options);
    assert!(!checked.diagnostics.has_errors());
    let directory = checked.directory.unwrap();
    let theme = theme::load(&options.root, &directory.config).unwrap();
    let files = std::sync::Mutex::new(BTreeMap::new());
    let diagnostics = crate::render::render(&directory, theme, |file: OutputFile| {
        files.lock().unwrap().insert(file.path, file.bytes);
        Ok(())
    });
    assert!(diagnostics.is_empty());
    files.into_inner().unwrap()
}

fn served(built: &Built) -> BTreeMap<String, Vec<u8>> {
    built
        .files()
        .map(|file| (file.path.clone(), file.bytes.clone()))
        .collect()
}

/// Applies an edit, rebuilds with the changes a watcher would report, and checks
/// the site against a clean build.
fn step(session: &mut Session, edit: impl FnOnce(&Path) -> Vec<PathBuf>) -> Outcome {
    let outcome = rebuild(session, edit);
    let built = outcome.built.clone().expect("the build succeeds");
    same_as_clean(session, &built);
    outcome
}

/// Applies an edit and rebuilds with the changes a watcher would report.
fn rebuild(session: &mut Session, edit: impl FnOnce(&Path) -> Vec<PathBuf>) -> Outcome {
    let root = session.root().to_path_buf();
    let mut changes = Changes::default();
    for path in edit(&root) {
        changes.add(&root, classify(&root, None, &path), &path);
    }
    session.build(&changes)
}

fn same_as_clean(session: &Session, built: &Built) {
    let expected = clean(&session.options);
    let actual = served(built);
    assert_eq!(
        actual.keys().collect::<Vec<_>>(),
        expected.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &expected {
        assert!(actual[path] == *bytes, "{path} differs from a clean build");
    }
}

fn write(root: &Path, relative: &str, text: &str) -> Vec<PathBuf> {
    let path = root.join(relative);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, text).unwrap();
    vec![path]
}

fn replace(root: &Path, relative: &str, from: &str, to: &str) -> Vec<PathBuf> {
    let text = std::fs::read_to_string(root.join(relative)).unwrap();
    assert!(text.contains(from), "{relative} has no `{from}`");
    write(root, relative, &text.replace(from, to))
}

#[test]
fn incremental_builds_equal_clean_builds() {
    let (_dir, mut session) = fixture();
    let first = step(&mut session, |_| vec![]);
    assert_eq!(first.rendered, first.pages);
    let body = step(&mut session, |r| {
        replace(r, "content/cities/lodz.md", "Łódź.", "Łódź, edited.")
    });
    assert_eq!((body.parsed, body.rendered), (1, 1), "only its own page");
    let name = step(&mut session, |r| {
        replace(
            r,
            "content/cities/lodz.md",
            "name: Łódź",
            "name: Łódź (Lodz)",
        )
    });
    assert!(name.rendered > 1 && name.rendered < name.pages);
    step(&mut session, |r| {
        let mut paths = write(
            r,
            "content/cities/kyoto.md",
            "---\nname: Kyoto\ncountry: JP\n---\n",
        );
        paths.extend(write(
            r,
            "content/agreements/chemnitz-kyoto.md",
            "---\ntitle: Chemnitz–Kyoto\nkind: friendship\nparties: [chemnitz, kyoto]\nsigned: 2001-04\n---\n",
        ));
        paths
    });
    step(&mut session, |r| {
        let from = r.join("content/agreements/chemnitz-kyoto.md");
        let to = r.join("content/agreements/kyoto-chemnitz.md");
        std::fs::rename(&from, &to).unwrap();
        vec![from, to]
    });
    step(&mut session, |r| {
        let path = r.join("content/agreements/kyoto-chemnitz.md");
        std::fs::remove_file(&path).unwrap();
        vec![path]
    });
    step(&mut session, |r| {
        replace(
            r,
            "site.yaml",
            "Partnerships of Testville",
            "Testville abroad",
        )
    });
    let unchanged = step(&mut session, |r| vec![r.join("content/cities/lodz.md")]);
    assert_eq!(unchanged.rendered, 0);
}

#[test]
fn theme_changes_render_everything_only_when_templates_change() {
    let (_dir, mut session) = fixture();
    let page = "{% extends \"base.html\" %}{% block content %}<h1>{{ entry.title }}</h1>{% endblock content %}";
    step(&mut session, |_| vec![]);
    step(&mut session, |r| {
        let mut paths = write(r, "themes/civic/templates/page.html", page);
        paths.extend(replace(r, "site.yaml", "title:", "theme: civic\ntitle:"));
        paths
    });
    let template = step(&mut session, |r| {
        write(
            r,
            "themes/civic/templates/page.html",
            &page.replace("h1", "h2"),
        )
    });
    assert_eq!(template.rendered, template.pages);
    let asset = step(&mut session, |r| {
        write(r, "themes/civic/static/extra.css", "p{}")
    });
    assert_eq!(asset.rendered, 0);
    let built = asset.built.unwrap();
    assert!(built.assets.contains_key("extra.css"));
}

#[test]
fn a_failed_build_keeps_the_last_good_site() {
    let (_dir, mut session) = fixture();
    step(&mut session, |_| vec![]);
    let root = session.root().to_path_buf();
    let path = write(
        &root,
        "content/cities/lodz.md",
        "---\nname: Łódź\ncountry: Poland\n---\n",
    );
    let mut changes = Changes::default();
    changes.add(&root, classify(&root, None, &path[0]), &path[0]);
    let failed = session.build(&changes);
    assert!(failed.built.is_none());
    assert!(failed.diagnostics.has_errors());
    step(&mut session, |r| {
        write(
            r,
            "content/cities/lodz.md",
            "---\nname: Łódź\ncountry: PL\n---\nBack.\n",
        )
    });
}

/// Cities, an agreement and a program beside the fixture's, so that an edit leaves
/// most pages as they were.
fn more_entries(root: &Path) -> Vec<PathBuf> {
    let files = [
        (
            "cities/kyoto.md",
            "---\nname: Kyoto\ncountry: JP\nlocation: { lat: 35.01, lon: 135.77 }\n---\nOld capital.\n",
        ),
        ("cities/osaka.md", "---\nname: Osaka\ncountry: JP\n---\n"),
        (
            "cities/nara.md",
            "---\nname: Nara\ncountry: JP\nareas: [urban-planning]\n---\n",
        ),
        ("cities/porto.md", "---\nname: Porto\ncountry: PT\n---\n"),
        (
            "agreements/chemnitz-kyoto.md",
            "---\ntitle: Chemnitz–Kyoto\nkind: friendship\nparties: [chemnitz, kyoto]\nsigned: 2001-04\nstatus: active\nareas: [economic-development]\n---\nA friendship.\n",
        ),
        (
            "programs/port-cities.md",
            "---\ntitle: Port cities\nkind: network\nlead: osaka\nparticipants: [porto]\nareas: [urban-planning]\nstatus: active\n---\n",
        ),
    ];
    (files.iter())
        .flat_map(|(path, text)| write(root, &format!("content/{path}"), text))
        .collect()
}

#[test]
fn every_kind_of_front_matter_edit_renders_what_a_clean_build_would() {
    let (_dir, mut session) = fixture();
    step(&mut session, more_entries);
    let agreement = "content/agreements/chemnitz-kyoto.md";
    let program = "content/programs/port-cities.md";
    let edits: [(&str, &str, &str); 9] = [
        ("content/cities/kyoto.md", "country: JP", "country: PT"),
        (
            agreement,
            "parties: [chemnitz, kyoto]",
            "parties: [lodz, kyoto]",
        ),
        (
            agreement,
            "areas: [economic-development]",
            "areas: [public-health]",
        ),
        (agreement, "status: active", "status: suspended"),
        (
            "content/cities/osaka.md",
            "country: JP",
            "country: JP\nparent: nara",
        ),
        (
            program,
            "participants: [porto]",
            "participants: [porto, kyoto]",
        ),
        (program, "lead: osaka", "lead: nara"),
        ("content/cities/kyoto.md", "name: Kyoto", "name: Kyōto"),
        (
            "content/cities/nara.md",
            "areas: [urban-planning]",
            "areas: []",
        ),
    ];
    for (file, from, to) in edits {
        let outcome = step(&mut session, |r| replace(r, file, from, to));
        assert!(outcome.rendered < outcome.pages, "{file}: {to}: every page");
    }
    let body = step(&mut session, |r| {
        replace(r, agreement, "A friendship.", "Friends.")
    });
    assert_eq!(body.rendered, 1, "a body is shown on its own page only");
}

#[test]
fn a_parent_that_moves_cities_across_the_sides_renders_what_a_clean_build_would() {
    let (_dir, mut session) = fixture();
    step(&mut session, more_entries);
    step(&mut session, |r| {
        let mut changed = replace(r, "site.yaml", "owner:", "home: [saxony]\nowner:");
        changed.extend(write(
            r,
            "content/cities/gablenz.md",
            "---\nname: Gablenz\ncountry: DE\nparent: chemnitz\n---\n",
        ));
        changed.extend(write(
            r,
            "content/agreements/gablenz-porto.md",
            "---\ntitle: Gablenz–Porto\nkind: friendship\nparties: [gablenz, porto]\nstatus: active\nareas: [cultural-exchange]\n---\n",
        ));
        changed
    });
    // Chemnitz, and Gablenz below it, leave our side: Porto's page, which never showed
    // Chemnitz, no longer has a partner on our side.
    step(&mut session, |r| {
        replace(r, "content/cities/chemnitz.md", "parent: saxony\n", "")
    });
}

#[test]
fn translations_added_edited_and_removed_render_what_a_clean_build_would() {
    let (_dir, mut session) = fixture();
    step(&mut session, |r| {
        let yaml = std::fs::read_to_string(r.join("site.yaml")).unwrap();
        write(r, "site.yaml", &format!("{yaml}languages: [en, de]\n"))
    });
    let translation = "content/agreements/chemnitz-lodz.de.md";
    let text = "---\ntitle: Städtepartnerschaft Chemnitz–Łódź\n---\nSeit 1972.\n";
    step(&mut session, |r| write(r, translation, text));
    let title = step(&mut session, |r| {
        replace(r, translation, "Städtepartnerschaft", "Partnerschaft")
    });
    assert!(
        title.rendered < title.pages,
        "a translated title: every page"
    );
    step(&mut session, |r| {
        replace(r, translation, "Seit 1972.", "Seit dem Jahr 1972.")
    });
    step(&mut session, |r| {
        let path = r.join(translation);
        std::fs::remove_file(&path).unwrap();
        vec![path]
    });
}

/// Applies an edit of bodies alone and checks that only the edited bodies were linked
/// again, that the problems are those a clean check reports, and that the site, when
/// it builds, is a clean build's.
fn body_step(session: &mut Session, edit: impl FnOnce(&Path) -> Vec<PathBuf>) -> Outcome {
    let outcome = rebuild(session, edit);
    let stages: Vec<&str> = outcome.timings.stages.iter().map(|s| s.0).collect();
    assert!(
        stages.contains(&"relink") && !stages.contains(&"link"),
        "{stages:?}"
    );
    let checked = pipeline::check(&session.options);
    let human = crate::diagnostics::render::human;
    assert_eq!(human(&outcome.diagnostics), human(&checked.diagnostics));
    if let Some(built) = &outcome.built {
        same_as_clean(session, built);
    }
    outcome
}

fn count(outcome: &Outcome, code: crate::diagnostics::Code) -> usize {
    (outcome.diagnostics.iter())
        .filter(|d| d.code.code == code.code)
        .count()
}

#[test]
fn body_edits_report_what_a_clean_check_reports() {
    use crate::diagnostics::codes;
    let (_dir, mut session) = fixture();
    step(&mut session, more_entries);
    let lodz = "content/cities/lodz.md";
    let broken = body_step(&mut session, |r| {
        replace(
            r,
            lodz,
            "Łódź.",
            "Łódź, friends of [Kyoto](@cities/kyotoo).",
        )
    });
    assert!(broken.built.is_none());
    assert_eq!(count(&broken, codes::BROKEN_LINK), 1);
    let fixed = body_step(&mut session, |r| {
        replace(r, lodz, "@cities/kyotoo", "@cities/kyoto")
    });
    assert_eq!((fixed.rendered, count(&fixed, codes::BROKEN_LINK)), (1, 0));
    assert!(count(&fixed, codes::NO_LOCATION) > 0, "the lints are back");
    let html = body_step(&mut session, |r| {
        replace(r, lodz, "Łódź, friends", "<b>Łódź</b>, friends")
    });
    assert!(count(&html, codes::RAW_HTML) > 0);
    let plain = body_step(&mut session, |r| replace(r, lodz, "<b>Łódź</b>", "Łódź"));
    assert_eq!(count(&plain, codes::RAW_HTML), 0);
    step(&mut session, |r| {
        write(
            r,
            "content/cities/oslo.md",
            "---\nname: Oslo\ncountry: NO\ndraft: true\n---\n",
        )
    });
    let draft = body_step(&mut session, |r| {
        replace(r, lodz, "@cities/kyoto", "@cities/oslo")
    });
    assert!(
        draft
            .diagnostics
            .iter()
            .any(|d| d.help.as_ref().is_some_and(|h| h.contains("draft")))
    );
    body_step(&mut session, |r| {
        let mut paths = replace(r, lodz, "Łódź, friends", "[Chemnitz](@cities/chemnitz)");
        paths.extend(replace(
            r,
            "content/agreements/chemnitz-kyoto.md",
            "A friendship.",
            "See [Łódź](@city/lodz).",
        ));
        paths
    });
}

#[test]
fn body_edits_of_a_file_with_errors_keep_its_front_matter_problems() {
    let (_dir, mut session) = fixture();
    step(&mut session, more_entries);
    let kyoto = "content/cities/kyoto.md";
    let failed = rebuild(&mut session, |r| {
        replace(r, kyoto, "country: JP", "country: JP\nmayor: someone")
    });
    assert!(failed.diagnostics.has_errors());
    let body = body_step(&mut session, |r| {
        replace(
            r,
            kyoto,
            "Old capital.",
            "Old capital, see [Osaka](@cities/osaka).",
        )
    });
    assert!(body.diagnostics.has_errors());
    step(&mut session, |r| replace(r, kyoto, "\nmayor: someone", ""));
}

#[test]
fn a_removed_folder_takes_its_entries_along() {
    let (_dir, mut session) = fixture();
    step(&mut session, |_| vec![]);
    let kyoto = "---\nname: Kyoto\ncountry: JP\n---\n";
    let has_kyoto = |outcome: Outcome| {
        let built = outcome.built.expect("the build succeeds");
        built.file("cities/kyoto/index.html").is_some()
    };
    let added = step(&mut session, |r| {
        write(r, "content/cities/asia/kyoto.md", kyoto)
    });
    assert!(has_kyoto(added));
    let removed = step(&mut session, |r| {
        let folder = r.join("content/cities/asia");
        std::fs::remove_dir_all(&folder).unwrap();
        vec![folder]
    });
    assert!(!has_kyoto(removed));
}
