//! `missions-replay`: runs the plugin headless over a script and checks its expectations.
//!
//! ```text
//! cargo run --bin missions-replay -- assets/missions assets/scenarios/black_box_chain.ron
//! ```
//!
//! Prints the final state of every player (credits, XP, reputation, every acceptance with its
//! progress) as RON on stdout, failed expectations on stderr, and exits 0 when every expectation
//! held, 1 when one failed, 2 when the catalog or the script could not be read.

use std::path::PathBuf;
use std::process::ExitCode;

use bevy_missions::catalog::MissionCatalog;
use bevy_missions::replay::parse_script;
use bevy_missions::replay::run_script;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [catalog_dir, script_path] = args.as_slice() else {
        eprintln!("usage: missions-replay <catalog dir> <script.ron>");
        return ExitCode::from(2);
    };
    let catalog = match MissionCatalog::load_paths(&[PathBuf::from(catalog_dir)]) {
        Ok(c) => c,
        Err(errors) => {
            eprintln!("{errors}");
            return ExitCode::from(2);
        }
    };
    let text = match std::fs::read_to_string(script_path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{script_path}:1:1: cannot read the script: {e}");
            return ExitCode::from(2);
        }
    };
    let script = match parse_script(script_path, &text) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let report = match run_script(catalog, &script) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{script_path}: {e}");
            return ExitCode::from(2);
        }
    };
    let pretty = ron::ser::PrettyConfig::default();
    match ron::ser::to_string_pretty(&report.players, pretty) {
        Ok(text) => println!("{text}"),
        Err(e) => eprintln!("cannot print the final state: {e}"),
    }
    if report.failures.is_empty() {
        eprintln!("ok: every expectation held");
        ExitCode::SUCCESS
    } else {
        for f in &report.failures {
            eprintln!("{script_path}: {f}");
        }
        ExitCode::from(1)
    }
}
