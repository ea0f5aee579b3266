//! The command line, as clap types. No logic here: commands live in `cmd/`.

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
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// A code (A0301) or name (unknown-reference); without it, lists every code.
    pub code: Option<String>,
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
