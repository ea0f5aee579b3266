//! Amicus builds the public website of a partnership directory: the cities, states and
//! regions a government works with abroad, its agreements and its programs.
//!
//! The pipeline, one module per stage, data flowing one way:
//!
//! ```text
//! config  site.yaml                         → Config
//! load    walk content/, read files         → raw documents
//! parse   front matter + Markdown           → typed content, with spans
//! link    resolve ids, build indices        → the immutable directory graph
//! lints   warnings once there are no errors → more diagnostics
//! render  Tera, in parallel                 → pages in memory
//! output  atomic, to the output folder      → the site
//! ```
//!
//! Every stage reports problems as [`diagnostics::Diagnostic`] values and carries on;
//! [`pipeline`] shows the whole flow. The commands in `cmd/` are thin layers over it.

pub mod anniversaries;
pub mod cli;
pub mod cmd;
pub mod config;
pub mod content;
pub mod coverage;
pub mod day;
pub mod diagnostics;
pub mod diff;
pub mod git;
pub mod graph;
pub mod import;
pub mod lints;
pub mod load;
pub mod locale;
pub mod output;
pub mod period;
pub mod pipeline;
pub mod progress;
pub mod render;
pub mod scaffold;
pub mod schema;
pub mod serve;
pub mod side;
pub mod svg;
pub mod urls;
pub mod xml;
