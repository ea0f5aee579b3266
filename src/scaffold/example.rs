//! The site `amicus new site` writes: settings, two cities, the agreement between them,
//! a program, an about page, and the imprint and accessibility statement to fill in.
//! Real places, so the example reads like a directory; every file says where to change
//! it. It must pass `amicus check` with no problem and build (tested in
//! `tests/cli/new.rs`).

/// (path under the site folder, text).
pub const FILES: &[(&str, &str)] = &[
    ("site.yaml", SITE),
    ("content/cities/nuremberg.md", NUREMBERG),
    ("content/cities/krakow.md", KRAKOW),
    ("content/agreements/nuremberg-krakow.md", AGREEMENT),
    ("content/programs/youth-exchange.md", PROGRAM),
    ("content/pages/about.md", ABOUT),
    ("content/pages/imprint.md", IMPRINT),
    ("content/pages/accessibility-statement.md", ACCESSIBILITY),
];

const SITE: &str = r#"# The settings of this partnership directory; docs/content.md describes every field.
title: Partnerships of Nuremberg                  # required: the name of the directory
base_url: https://partners.example.org/           # required: where the site is published
language: en                                      # BCP 47 language tag
description: Who Nuremberg works with abroad, on what, and since when.
owner: City of Nuremberg                          # the government that publishes it
# theme: civic                                    # a folder under themes/ whose templates override the built-in ones
# allow_html: false                               # allow raw HTML inside Markdown bodies
# page_size: 50                                   # entries per list page
# silence: []                                     # names of warnings not to report (`amicus explain` lists them)
# areas:                                          # engagement areas; without this key, the six of the field
#   - { id: economic-development, name: Economic development, description: Trade, investment and business links. }
# The pages a public body's site needs, linked in every footer: a page id or an address.
imprint: imprint
accessibility_statement: accessibility-statement
# privacy: https://www.example.org/privacy/
# data_license: { name: CC-BY-4.0, url: https://creativecommons.org/licenses/by/4.0/ }   # of the open data
# review_after: 2y                                # `amicus check` warns when an entry's `reviewed` is older
# extra: {}                                       # passed to templates untouched
"#;

const NUREMBERG: &str = r#"---
name: Nuremberg
country: DE
level: city
summary: City in Franconia, Bavaria. Replace this example with your own city.
location: { lat: 49.4521, lon: 11.0767 }
website: https://www.nuernberg.de/
names: { de: Nürnberg }
areas: [cultural-exchange, economic-development]
# contact: { office: International Relations Office, email: international@example.org }
---
This is an example entry written by `amicus new site`. Edit it, or delete it once your
own cities are in `content/cities/`. [Kraków](@cities/krakow) is its partner.
"#;

const KRAKOW: &str = r#"---
name: Kraków
country: PL
level: city
summary: Former royal capital on the Vistula.
location: { lat: 50.0647, lon: 19.945 }
website: https://www.krakow.pl/
names: { de: Krakau, la: Cracovia }
areas: [cultural-exchange]
---
An example partner city. Add yours with `amicus new city "Name" --country XX`.
"#;

const AGREEMENT: &str = r#"---
title: Partnership agreement Nuremberg–Kraków
kind: sister-city
parties: [nuremberg, krakow]
summary: An example agreement; replace it with the ties your government has signed.
signed: 1979
status: active
history:
  - { date: 1979, event: signed }
areas: [cultural-exchange]
programs: [youth-exchange]
# document: /docs/agreement.pdf              # a file under static/, or a URL
# sources:
#   - { title: City council minutes, url: https://example.org/minutes }
---
The partnership of the two cities, signed in 1979: write here what it covers. Add
agreements with `amicus new agreement --parties nuremberg,krakow --kind sister-city`.
"#;

const PROGRAM: &str = r#"---
title: Youth exchange Nuremberg–Kraków
kind: exchange
summary: An example program; replace it with your own.
lead: nuremberg
participants: [krakow]
areas: [cultural-exchange]
start: 2015
status: active
---
Young people of both cities visit each other: write here what the program does.
"#;

const ABOUT: &str = r#"---
title: About this directory
summary: Who publishes this directory, and how to propose a partnership.
menu: true
weight: 10
---
This directory lists the cities, states and regions we work with abroad, the
agreements we have signed and the programs we run. Write here who publishes it and
whom to contact.
"#;

const IMPRINT: &str = r#"---
title: Imprint
summary: Who publishes this directory and how to reach its editors.
---
Fill in before publishing: the legal name and postal address of the public body that
publishes this directory, who represents it, an email address and a telephone number,
and who is responsible for the content. `imprint:` in site.yaml links this page in
every footer.
"#;

const ACCESSIBILITY: &str = r#"---
title: Accessibility statement
summary: How accessible this directory is, and how to report a barrier.
---
Fill in before publishing. The EU's Web Accessibility Directive (2016/2102) asks a
public body's site for a statement of: how far the site complies with WCAG 2.1 AA (EN
301 549), which content is not accessible and why, the date the statement was
prepared and how it was evaluated, how to report a barrier (a contact), and the
enforcement body to turn to. `accessibility_statement:` in site.yaml links this page
in every footer.
"#;
