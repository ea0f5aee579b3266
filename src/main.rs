//! The `amicus` binary: parses the command line, runs a command, and turns its outcome
//! into an exit code (0 success, 1 problems found, 2 bad usage — clap's own).

use std::process::ExitCode;

use clap::Parser;

// A build makes and drops millions of small strings and template values from every
// thread; mimalloc's per-thread heaps do that faster than the system allocator, whose
// search of its free lists grew with the heap (13% of a 100,000-city build).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = amicus::cli::Cli::parse();
    if !matches!(cli.command, amicus::cli::Command::Serve(_)) {
        keep_freed_memory();
    }
    match amicus::cmd::run(cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(amicus::cmd::Failed) => ExitCode::FAILURE,
    }
}

/// `mi_option_purge_delay` in mimalloc 2's `mimalloc.h`; libmimalloc-sys has no constant
/// for it.
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Makes mimalloc keep the memory a command frees for its next allocations, rather than
/// return it to the system 10 ms later, its default. A build frees and allocates again
/// all the time: memory returned came back as new pages for the kernel to zero, up to
/// 30,000 page faults and some 5 % of a 100,000-city build, for 20 to 70 MB less at
/// the peak (docs/performance.md, tenth round).
/// `serve` keeps the default: between rebuilds it gives back what a rebuild used.
fn keep_freed_memory() {
    // SAFETY: sets a number that mimalloc reads whenever it would return memory; -1
    // ("never") is one of its documented values.
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, -1) }
}

#[cfg(test)]
mod tests {
    use super::PURGE_DELAY;

    /// Guards the number against another mimalloc: the option before it defaults to 1,
    /// the one after to 0.
    #[test]
    fn the_purge_delay_option_is_the_one_defaulting_to_10_ms() {
        // SAFETY: reads an option; any option number is valid.
        assert_eq!(unsafe { libmimalloc_sys::mi_option_get(PURGE_DELAY) }, 10);
    }
}
