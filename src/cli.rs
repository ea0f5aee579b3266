//! The command line, as clap types. No logic here: commands live in `cmd/`.

use std::net::IpAddr;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Amicus builds the website of a partnership directory — sister cities, agreements and
/// programs of a city, state or region — from Markdown files.
#[derive(Debug, Parser)]
#[command(name = "amicus", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into a folder of static HTML, ready to publish.
    Build(BuildArgs),
    /// Check the site for errors and warnings without writing anything.
    Check(CheckArgs),
    /// Explain a diagnostic code, such as A0301, with an example and the fix.
    Explain(ExplainArgs),
    /// Serve the site on this machine and rebuild it on every save, with live reload.
    Serve(ServeArgs),
    /// Create a site, or a city, agreement, program or page from a template.
    New(NewArgs),
    /// Say in plain words what a change does to the directory, between two git
    /// revisions: partnerships started and ended, partners gained and lost, renames,
    /// changed facts, new and fixed problems.
    Diff(DiffArgs),
    /// Write JSON Schemas of front matter and site.yaml, with the site's ids, for
    /// editors' completion and checks (docs/editors.md).
    Schema(SchemaArgs),
    /// List the round anniversaries of partnerships and the reviews falling due, from
    /// today, for the communications calendar.
    Agenda(AgendaArgs),
    /// Add the partnerships of a spreadsheet (CSV, .xlsx, .ods) to the directory:
    /// one row per partnership, or the site's own data/cities.csv and
    /// data/agreements.csv.
    Import(ImportArgs),
}

#[derive(Debug, Args)]
pub struct AgendaArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// How far ahead to look: days, months or years, such as 90d, 12m or 2y.
    #[arg(long, default_value = "12m", value_name = "LENGTH", value_parser = crate::period::Period::parse)]
    pub within: crate::period::Period,
    /// The day to start from [default: today].
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = crate::day::Day::parse)]
    pub today: Option<crate::day::Day>,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The spreadsheets, read in order: cities before the agreements between them.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// The site folder: the one with site.yaml in it.
    #[arg(long, short, default_value = ".", value_name = "DIR")]
    pub root: PathBuf,
    /// Read COLUMN as FIELD when its header is not recognised: `--map partner-city=Ort`.
    /// Fields: city, country, partner-city, partner-country, since, kind, status,
    /// areas, note, source.
    #[arg(long, value_name = "FIELD=COLUMN", value_parser = parse_mapping)]
    pub map: Vec<(String, String)>,
    /// The sheet of a workbook to read [default: the first].
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
    /// Print what would be created and changed; write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Import the rows that can be read even when others cannot.
    #[arg(long)]
    pub skip_bad_rows: bool,
}

fn parse_mapping(text: &str) -> Result<(String, String), String> {
    text.split_once('=')
        .map(|(field, column)| (field.trim().to_owned(), column.trim().to_owned()))
        .ok_or_else(|| format!("`{text}` is not FIELD=COLUMN, such as `partner-city=Ort`"))
}

#[derive(Debug, Args)]
pub struct SiteArgs {
    /// The site folder: the one with site.yaml in it.
    #[arg(long, short, default_value = ".", value_name = "DIR")]
    pub root: PathBuf,
    /// Publish under this address instead of site.yaml's base_url.
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Include entries marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// Where to write the site [default: ROOT/public]. Replaced as a whole on success.
    #[arg(long, short, value_name = "DIR")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// How to print problems: for people, as JSON, or as GitHub annotations.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Treat warnings as errors: exit 1 when there are any.
    #[arg(long, value_name = "warnings", value_parser = ["warnings"])]
    pub deny: Option<String>,
    /// The day to compare `expires` and `end` dates with [default: today].
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = crate::day::Day::parse)]
    pub today: Option<crate::day::Day>,
    /// On a site in several languages, list the entries each language lacks or has
    /// only in part, not only how many.
    #[arg(long)]
    pub translations: bool,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The revision to compare from: anything `git rev-parse` takes [default: the
    /// commit where HEAD left the default branch: origin/HEAD, main or master].
    pub from: Option<String>,
    /// The revision to compare to [default: the working tree, as saved].
    pub to: Option<String>,
    /// The site folder: the one with site.yaml in it, anywhere in the repository.
    #[arg(long, short, default_value = ".", value_name = "DIR")]
    pub root: PathBuf,
    /// How to print the summary: for people, as Markdown for a pull-request comment,
    /// or as JSON Lines (one change per line).
    #[arg(long, value_enum, default_value_t = DiffFormat::Human)]
    pub format: DiffFormat,
    /// Show changed text word by word, not only counted.
    #[arg(long)]
    pub text: bool,
    /// Link changed pages under this address (a preview deployment) instead of
    /// site.yaml's base_url.
    #[arg(long, value_name = "URL")]
    pub preview_url: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CiService {
    /// GitHub Actions: .github/workflows/amicus.yml
    Github,
    /// GitLab CI: .gitlab-ci.yml
    Gitlab,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    Human,
    Markdown,
    Json,
}

#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// The site folder: the one with site.yaml in it.
    #[arg(long, short, default_value = ".", value_name = "DIR")]
    pub root: PathBuf,
    /// Where to write the schemas [default: ROOT/.amicus/schemas].
    #[arg(long, short, value_name = "DIR")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// A code (A0301) or name (unknown-reference); without it, lists every code.
    pub code: Option<String>,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The site folder: the one with site.yaml in it.
    #[arg(long, short, default_value = ".", value_name = "DIR")]
    pub root: PathBuf,
    /// The port to listen on; when it is busy, the next free one. 0 lets the system choose.
    #[arg(long, short, default_value_t = crate::serve::DEFAULT_PORT)]
    pub port: u16,
    /// The address to listen on. Any other than 127.0.0.1 lets other machines see the site.
    #[arg(long, default_value = "127.0.0.1", value_name = "ADDR")]
    pub bind: IpAddr,
    /// Open the site in the browser.
    #[arg(long)]
    pub open: bool,
    /// Include entries marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
    /// Also write every good build to this folder, with local addresses (publish with
    /// `amicus build`).
    #[arg(long, short, value_name = "DIR")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct NewArgs {
    #[command(subcommand)]
    pub what: NewCommand,
}

#[derive(Debug, Subcommand)]
pub enum NewCommand {
    /// A new site in DIR: site.yaml, two cities, an agreement, a program and a page.
    Site {
        /// The folder to create the site in.
        #[arg(value_name = "DIR")]
        dir: PathBuf,
        /// Also write the workflow that checks each pull request, posts what it
        /// changes in the directory and keeps a preview (docs/ci.md).
        #[arg(long, value_enum, value_name = "SERVICE")]
        ci: Option<CiService>,
    },
    /// A city, state or region: content/cities/<id>.md.
    City(NewCity),
    /// An agreement between cities: content/agreements/<id>.md.
    Agreement(NewAgreement),
    /// A program, mission or exchange: content/programs/<id>.md.
    Program(NewProgram),
    /// A free page, such as "About": content/pages/<id>.md.
    Page(NewPage),
}

#[derive(Debug, Args)]
pub struct NewCity {
    /// The name as written locally: "São Paulo", "Łódź", "京都市".
    pub name: String,
    /// The name in Latin letters, such as "Kyoto": written as its English name, and
    /// the id is made from it. Needed (or `--id`) when NAME is in another script.
    #[arg(long, value_name = "NAME")]
    pub name_en: Option<String>,
    /// Its country's ISO 3166-1 alpha-2 code: BR, PL, NO.
    #[arg(long)]
    pub country: String,
    /// city, municipality, district, county, prefecture, state, province or region.
    #[arg(long)]
    pub level: Option<String>,
    #[command(flatten)]
    pub common: NewCommon,
}

#[derive(Debug, Args)]
pub struct NewAgreement {
    /// The ids of the cities that are party to it, separated by commas: sao-paulo,lisbon.
    #[arg(long, value_delimiter = ',', required = true, value_name = "IDS")]
    pub parties: Vec<String>,
    /// sister-city, friendship, memorandum, cooperation, letter-of-intent or
    /// project-partnership.
    #[arg(long)]
    pub kind: String,
    /// The title [default: from the kind and the parties' names].
    #[arg(long)]
    pub title: Option<String>,
    #[command(flatten)]
    pub common: NewCommon,
}

#[derive(Debug, Args)]
pub struct NewProgram {
    /// The program's title.
    pub title: String,
    /// The title in Latin letters, to make the id from; the file keeps TITLE. Needed
    /// (or `--id`) when TITLE is in another script.
    #[arg(long, value_name = "TITLE")]
    pub title_en: Option<String>,
    /// sister-city-program, trade-mission, exchange, education, research, cultural,
    /// cross-border or network.
    #[arg(long)]
    pub kind: String,
    #[command(flatten)]
    pub common: NewCommon,
}

#[derive(Debug, Args)]
pub struct NewPage {
    /// The page's title.
    pub title: String,
    /// The title in Latin letters, to make the id from; the file keeps TITLE. Needed
    /// (or `--id`) when TITLE is in another script.
    #[arg(long, value_name = "TITLE")]
    pub title_en: Option<String>,
    #[command(flatten)]
    pub common: NewCommon,
}

#[derive(Debug, Args)]
pub struct NewCommon {
    /// The id (the file name) instead of the one derived from the name or title.
    #[arg(long)]
    pub id: Option<String>,
    /// The site folder: the one with site.yaml in it.
    #[arg(long, short, default_value = ".", value_name = "DIR")]
    pub root: PathBuf,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    Json,
    Github,
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        super::Cli::command().debug_assert();
    }
}
