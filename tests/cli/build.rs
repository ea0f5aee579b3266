//! `amicus build`: the site it writes, and what it refuses to do.

use crate::support::Site;

#[test]
fn builds_every_page_kind_with_pretty_urls() {
    let site = Site::fixture("basic");
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for page in [
        "index.html",
        "404.html",
        "cities/index.html",
        "cities/chemnitz/index.html",
        "cities/lodz/index.html",
        "programs/textile-exchange/index.html",
        "agreements/chemnitz-lodz/index.html",
        "areas/index.html",
        "areas/cultural-exchange/index.html",
        "countries/index.html",
        "countries/pl/index.html",
        "about/index.html",
        "sitemap.xml",
        "robots.txt",
        "static/amicus.css",
    ] {
        assert!(site.output_exists(page), "{page} missing");
    }
    insta::assert_snapshot!(run.stderr, @"Built 23 pages (70 files) into [ROOT]/public in [TIME] s");
}

#[test]
fn sitemap_and_robots_use_the_base_url() {
    let site = Site::fixture("basic");
    site.run(&["build", "--base-url", "https://example.org/intl/partners"]);
    let sitemap = site.read_output("sitemap.xml");
    assert!(
        sitemap.contains("<loc>https://example.org/intl/partners/cities/lodz/</loc>"),
        "{sitemap}"
    );
    assert!(
        !sitemap.contains("404"),
        "the 404 page is not listed: {sitemap}"
    );
    insta::assert_snapshot!(site.read_output("robots.txt"), @r"
    User-agent: *
    Allow: /

    Sitemap: https://example.org/intl/partners/sitemap.xml
    ");
}

#[test]
fn entry_links_in_bodies_become_addresses() {
    let site = Site::fixture("basic");
    site.run(&["build"]);
    let chemnitz = site.read_output("cities/chemnitz/index.html");
    assert!(
        chemnitz.contains(r#"<a href="/cities/lodz/">Łódź</a>"#),
        "{chemnitz}"
    );
    let agreement = site.read_output("agreements/chemnitz-lodz/index.html");
    assert!(agreement.contains(r#"href="/agreements/chemnitz-lodz/#history""#));
}

#[test]
fn two_builds_are_byte_identical() {
    let site = Site::fixture("basic");
    site.run(&["build", "--output", "one"]);
    site.run(&["build", "--output", "two"]);
    let files = |dir: &str| -> Vec<(String, Vec<u8>)> {
        let base = site.root.join(dir);
        let mut files: Vec<_> = walkdir::WalkDir::new(&base)
            .into_iter()
            .map(Result::unwrap)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                (
                    e.path().strip_prefix(&base).unwrap().display().to_string(),
                    std::fs::read(e.path()).unwrap(),
                )
            })
            .collect();
        files.sort();
        files
    };
    let one = files("one");
    assert!(one.len() > 20);
    assert!(one == files("two"), "the two builds differ");
}

#[test]
fn a_failed_build_keeps_the_previous_output() {
    let site = Site::fixture("basic");
    assert_eq!(site.run(&["build"]).code, 0);
    let before = site.read_output("cities/chemnitz/index.html");
    site.write(
        "content/cities/chemnitz.md",
        "---\nname: Chemnitz\ncountry: XX\n---\n",
    );
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("error[A0201]: `XX` is not an ISO 3166-1 alpha-2 country code"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.ends_with(
            "Build failed: 1 error. Nothing was written; the previous output is unchanged.\n"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(site.read_output("cities/chemnitz/index.html"), before);
    assert_eq!(beside_output(&site), Vec::<String>::new());
}

/// The names of what builds keep beside the output (staging folders, lock files).
fn beside_output(site: &Site) -> Vec<String> {
    let mut names: Vec<_> = std::fs::read_dir(&site.root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public.amicus-"))
        .collect();
    names.sort();
    names
}

/// Leaves what a build with process id `pid` leaves when it is killed while writing:
/// its lock file, no longer locked, and a half-written staging folder.
fn stopped_build(site: &Site, pid: u32) {
    site.write(&format!(".public.amicus-{pid}.lock"), "");
    site.write(
        &format!(".public.amicus-new-{pid}/cities/chemnitz/index.html"),
        "<!doctype html><title>half",
    );
}

#[test]
fn a_build_clears_the_folders_a_stopped_build_left() {
    let site = Site::fixture("basic");
    assert_eq!(site.run(&["build"]).code, 0);
    stopped_build(&site, 4_000_001);
    stopped_build(&site, 4_000_002);
    site.write(".public.amicus-old-4000002/index.html", "<!doctype html>");
    assert_eq!(beside_output(&site).len(), 5);
    assert_eq!(site.run(&["build"]).code, 0);
    assert_eq!(beside_output(&site), Vec::<String>::new());
    assert!(
        site.read_output("cities/chemnitz/index.html")
            .contains("Chemnitz")
    );
}

#[test]
fn an_output_a_stopped_build_had_moved_aside_is_put_back() {
    let site = Site::fixture("basic");
    assert_eq!(site.run(&["build"]).code, 0);
    let before = site.read_output("cities/chemnitz/index.html");
    // Killed between moving the previous output aside and moving its own in.
    stopped_build(&site, 4_000_003);
    std::fs::rename(
        site.root.join("public"),
        site.root.join(".public.amicus-old-4000003"),
    )
    .unwrap();
    site.write(
        "content/cities/chemnitz.md",
        "---\nname: Chemnitz\ncountry: XX\n---\n",
    );
    assert_eq!(site.run(&["build"]).code, 1);
    assert_eq!(site.read_output("cities/chemnitz/index.html"), before);
    assert_eq!(beside_output(&site), Vec::<String>::new());
}

#[test]
fn the_folders_of_a_build_still_running_are_left_alone() {
    let site = Site::fixture("basic");
    stopped_build(&site, 4_000_004);
    let running = std::fs::File::open(site.root.join(".public.amicus-4000004.lock")).unwrap();
    running.lock().unwrap();
    assert_eq!(site.run(&["build"]).code, 0);
    assert_eq!(
        beside_output(&site),
        [".public.amicus-4000004.lock", ".public.amicus-new-4000004"]
    );
    running.unlock().unwrap();
    assert_eq!(site.run(&["build"]).code, 0);
    assert_eq!(beside_output(&site), Vec::<String>::new());
}

#[test]
fn a_rebuild_removes_pages_of_deleted_entries() {
    let site = Site::fixture("basic");
    site.run(&["build"]);
    std::fs::remove_file(site.root.join("content/pages/about.md")).unwrap();
    assert_eq!(site.run(&["build"]).code, 0);
    assert!(!site.output_exists("about/index.html"));
}

#[test]
fn refuses_output_folders_that_would_delete_the_site() {
    let site = Site::fixture("basic");
    for (output, why) in [
        (
            ".",
            "it contains the site folder, which the build would delete",
        ),
        (
            "..",
            "it contains the site folder, which the build would delete",
        ),
        ("content/out", "it is inside the site's `content` folder"),
    ] {
        let run = site.run(&["build", "--output", output]);
        assert_eq!(run.code, 1, "{output}");
        assert!(
            run.stderr.contains("error[A0003]") && run.stderr.contains(why),
            "{output}: {}",
            run.stderr
        );
    }
    assert!(site.root.join("content/cities/lodz.md").exists());
}

#[test]
fn refuses_to_replace_a_folder_it_did_not_write() {
    let site = Site::fixture("basic");
    site.write("documents/thesis.txt", "precious");
    let run = site.run(&["build", "--output", "documents"]);
    assert_eq!(run.code, 1);
    insta::assert_snapshot!(run.stderr, @r"
    error[A0003]: refusing to write the site to [ROOT]/documents: it is not empty and was not written by amicus
      = help: amicus replaces its output folder on every build; empty the folder yourself or choose another one

    Build failed: 1 error. Nothing was written; the previous output is unchanged.
    ");
    assert_eq!(
        std::fs::read_to_string(site.root.join("documents/thesis.txt")).unwrap(),
        "precious"
    );
}

#[test]
fn drafts_are_left_out_unless_asked_for() {
    let site = Site::fixture("basic");
    site.write(
        "content/pages/plans.md",
        "---\ntitle: Plans\ndraft: true\n---\nSoon.\n",
    );
    site.run(&["build"]);
    assert!(!site.output_exists("plans/index.html"));
    site.run(&["build", "--drafts"]);
    assert!(site.output_exists("plans/index.html"));
}

#[test]
fn a_reference_to_a_draft_explains_itself() {
    let site = Site::fixture("basic");
    site.write(
        "content/cities/lodz.md",
        "---\nname: Łódź\ncountry: PL\ndraft: true\n---\n",
    );
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains(
            "help: `lodz` is a draft: publish it (remove `draft: true`) or build with `--drafts`"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn missing_site_yaml_is_explained() {
    let site = Site::fixture("basic");
    std::fs::remove_file(site.root.join("site.yaml")).unwrap();
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1);
    insta::assert_snapshot!(run.stderr, @r"
    error[A0002]: no `site.yaml` in [ROOT]
      --> site.yaml
      = help: run amicus in the site folder, pass `--root DIR`, or create a site with `amicus new site DIR`

    Build failed: 1 error. Nothing was written; the previous output is unchanged.
    ");
}

#[test]
fn a_site_theme_overrides_one_template_and_adds_assets() {
    let site = Site::fixture("basic");
    site.write(
        "site.yaml",
        "title: Partnerships of Testville\nbase_url: https://partners.example.org/\ntheme: civic\n",
    );
    site.write(
        "themes/civic/templates/city.html",
        "<p>{{ city.name }} in {{ city.country.name }}</p>\n",
    );
    site.write(
        "themes/civic/static/logo.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    site.write("static/documents/charter.pdf", "%PDF");
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        site.read_output("cities/lodz/index.html"),
        "<p>Łódź in Poland</p>\n"
    );
    assert!(
        site.read_output("index.html").contains("<main"),
        "other templates stay built in"
    );
    assert!(site.output_exists("static/logo.svg"));
    assert!(site.output_exists("static/amicus.css"));
    assert_eq!(site.read_output("documents/charter.pdf"), "%PDF");
}

#[test]
fn the_header_marks_the_current_section_and_page_though_made_once_per_kind() {
    let site = Site::fixture("basic");
    site.write(
        "site.yaml",
        "title: T\nbase_url: https://partners.example.org/\npage_size: 1\n",
    );
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let cities_link = |page: &str| {
        let html = site.read_output(page);
        let start = html
            .find(r#"<a href="/cities/""#)
            .expect("a link to the cities");
        html[start..start + html[start..].find('>').unwrap() + 1].to_owned()
    };
    assert_eq!(
        cities_link("cities/index.html"),
        r#"<a href="/cities/" aria-current="page">"#
    );
    assert_eq!(
        cities_link("cities/page/2/index.html"),
        r#"<a href="/cities/" aria-current="true">"#
    );
    assert_eq!(
        cities_link("cities/lodz/index.html"),
        r#"<a href="/cities/" aria-current="true">"#
    );
    assert_eq!(
        cities_link("agreements/index.html"),
        r#"<a href="/cities/">"#
    );
}

#[test]
fn a_site_theme_header_sees_the_page_it_is_on() {
    let site = Site::fixture("basic");
    site.override_template(
        "header.html",
        "<header>{{ page.kind }} {{ page.title }} at [{{ page.url }}]</header>",
    );
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for (page, header) in [
        ("index.html", "home T at [/]"),
        ("cities/index.html", "cities Cities at [/cities/]"),
        ("about/index.html", "page About at [/about/]"),
        ("cities/lodz/index.html", "city Łódź at [/cities/lodz/]"),
    ] {
        let html = site.read_output(page);
        assert!(
            html.contains(&format!("<header>{header}</header>")),
            "{page}: {html}"
        );
    }
}

#[test]
fn list_pages_share_one_filter_form_and_a_site_theme_can_still_include_it() {
    let site = Site::fixture("basic");
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let form = |page: &str| {
        let html = site.read_output(page);
        let start = html.find("<form class=\"filters\"").expect("a filter form");
        let end = start + html[start..].find("</form>").expect("the form's end");
        html[start..end].to_owned()
    };
    let built_in = form("cities/index.html");
    assert!(built_in.contains("data-filters=\"/cities/filter.json\""));
    assert_ne!(built_in, form("agreements/index.html"));

    site.override_template(
        "cities.html",
        "{% extends \"base.html\" %}{% block content %}{% include \"filters.html\" %}{% endblock content %}",
    );
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(form("cities/index.html"), built_in);
}

#[test]
fn numbers_are_grouped_as_the_pages_language_groups_them() {
    let site = Site::fixture("basic");
    site.override_template(
        "city.html",
        "<p>{% if city.population %}{{ city.population | thousands }} {% endif %}{{ -1234 | thousands }} {{ 999 | thousands }}</p>\n",
    );
    let config = std::fs::read_to_string(site.root.join("site.yaml")).expect("site.yaml");
    site.write("site.yaml", config + "languages: [de, fr]\n");
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        site.read_output("cities/chemnitz/index.html"),
        "<p>250.681 -1.234 999</p>\n"
    );
    assert_eq!(
        site.read_output("fr/cities/chemnitz/index.html"),
        "<p>250\u{202f}681 -1\u{202f}234 999</p>\n"
    );
}

#[test]
fn thousands_of_a_fraction_or_of_nothing_is_a_template_error() {
    let site = Site::fixture("basic");
    assert_eq!(site.run(&["build"]).code, 0);
    let before = site.read_output("cities/chemnitz/index.html");
    for (name, template) in [
        ("thousands_of_a_fraction", "<p>{{ 2.5 | thousands }}</p>\n"),
        (
            "thousands_of_null",
            "<p>{{ city.population | thousands }}</p>\n",
        ),
        (
            "thousands_of_a_map",
            "<p>{{ city.country | thousands }}</p>\n",
        ),
    ] {
        site.override_template("city.html", template);
        let run = site.run(&["build"]);
        assert_eq!(run.code, 1, "{}", run.stderr);
        insta::assert_snapshot!(name, run.stderr);
        assert_eq!(site.read_output("cities/chemnitz/index.html"), before);
    }
}

#[test]
fn a_missing_site_theme_is_an_error() {
    let site = Site::fixture("basic");
    site.write(
        "site.yaml",
        "title: T\nbase_url: https://partners.example.org/\ntheme: civic\n",
    );
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("error[A0501]: site.yaml names theme `civic`, but"),
        "{}",
        run.stderr
    );
}

#[test]
fn front_matter_with_bom_and_crlf_parses() {
    let site = Site::minimal();
    site.write(
        "content/cities/oslo.md",
        "\u{feff}---\r\nname: Oslo\r\ncountry: NO\r\n---\r\nThe capital of Norway.\r\n",
    );
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = site.read_output("cities/oslo/index.html");
    assert!(page.contains("Oslo"));
    assert!(
        site.output_exists("countries/no/index.html"),
        "`NO` is Norway, never a boolean"
    );
}

#[test]
fn raw_html_is_left_out_with_a_warning_unless_allowed() {
    let site = Site::minimal();
    site.write(
        "content/pages/about.md",
        "---\ntitle: About\n---\nHello <script>alert(1)</script> there.\n",
    );
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0);
    assert!(
        run.stderr
            .contains("warning[A0401]: raw HTML left out of the page"),
        "{}",
        run.stderr
    );
    assert!(
        !site
            .read_output("about/index.html")
            .contains("<script>alert")
    );
    site.write(
        "site.yaml",
        "title: T\nbase_url: https://example.org/\nallow_html: true\n",
    );
    let run = site.run(&["build"]);
    assert!(!run.stderr.contains("A0401"), "{}", run.stderr);
    assert!(
        site.read_output("about/index.html")
            .contains("<script>alert(1)</script>")
    );
}

#[test]
fn help_and_version_speak_to_newcomers() {
    let site = Site::minimal();
    let run = site.run(&["--version"]);
    assert_eq!(
        run.stdout.trim(),
        format!("amicus {}", env!("CARGO_PKG_VERSION"))
    );
    let run = Site::minimal().run(&["build", "--help"]);
    assert!(
        run.stdout
            .contains("Build the site into a folder of static HTML"),
        "{}",
        run.stdout
    );
}
