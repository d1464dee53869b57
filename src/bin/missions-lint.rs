//! `missions-lint`: checks catalog files exactly as the game loads them.
//!
//! ```text
//! cargo run --bin missions-lint -- assets/missions
//! ```
//!
//! Directories are searched recursively for `*.missions.ron`; files named on the command line are
//! checked whatever their extension. Every problem is printed as `path:line:col: message`; the
//! exit code is 0 when there is none, 1 when there are problems, 2 on a usage error.
//!
//! With `--dot`, a clean catalog's mission graph (prerequisites, follow-ups, subquests) is printed
//! in Graphviz's DOT language instead: `missions-lint --dot assets/missions | dot -Tsvg > g.svg`.

use std::path::PathBuf;
use std::process::ExitCode;

use bevy_missions::catalog::MissionCatalog;
use bevy_missions::catalog::MissionGraph;
use bevy_missions::catalog::lint_paths;

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let dot = args.iter().any(|a| a == "--dot");
    args.retain(|a| a != "--dot");
    if args.is_empty() || args.iter().any(|a| a == "-h" || a == "--help") {
        eprintln!("usage: missions-lint [--dot] <file or directory>...");
        eprintln!("checks *.missions.ron catalogs; prints path:line:col: message for each problem");
        return ExitCode::from(2);
    }
    let paths: Vec<PathBuf> = args.iter().map(PathBuf::from).collect();
    let (report, files) = lint_paths(&paths);
    for e in &report.errors {
        println!("{e}");
    }
    if files == 0 && report.errors.is_empty() {
        println!("{}:1:1: no *.missions.ron files found", args.join(" "));
        return ExitCode::from(1);
    }
    if report.errors.is_empty() && dot {
        return match MissionCatalog::load_paths(&paths) {
            Ok(catalog) => {
                print!("{}", MissionGraph::of(&catalog).to_dot());
                ExitCode::SUCCESS
            }
            Err(errors) => {
                for e in &errors.0 {
                    println!("{e}");
                }
                ExitCode::from(1)
            }
        };
    }
    if report.errors.is_empty() {
        eprintln!(
            "ok: {files} files, {} missions, {} postings, {} templates",
            report.missions, report.postings, report.templates
        );
        ExitCode::SUCCESS
    } else {
        eprintln!("{} problem(s) in {files} file(s)", report.errors.len());
        ExitCode::from(1)
    }
}
