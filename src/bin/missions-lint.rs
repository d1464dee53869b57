//! `missions-lint`: checks catalog files exactly as the game loads them.
//!
//! ```text
//! cargo run --bin missions-lint -- assets/missions
//! ```
//!
//! Directories are searched recursively for `*.missions.ron`; files named on the command line are
//! checked whatever their extension. Every problem is printed as `path:line:col: message`; the
//! exit code is 0 when there is none, 1 when there are problems, 2 on a usage error.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use bevy_missions::catalog::lint_files;

fn collect(path: &Path, out: &mut Vec<PathBuf>, errors: &mut Vec<String>) {
    if path.is_dir() {
        let entries = match std::fs::read_dir(path) {
            Ok(entries) => entries,
            Err(e) => {
                errors.push(format!(
                    "{}:1:1: cannot read directory: {e}",
                    path.display()
                ));
                return;
            }
        };
        let mut children: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        children.sort();
        for child in children {
            if child.is_dir() {
                collect(&child, out, errors);
            } else if child.to_string_lossy().ends_with(".missions.ron") {
                out.push(child);
            }
        }
    } else {
        out.push(path.to_owned());
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.is_empty() || args.iter().any(|a| a == "-h" || a == "--help") {
        eprintln!("usage: missions-lint <file or directory>...");
        eprintln!("checks *.missions.ron catalogs; prints path:line:col: message for each problem");
        return ExitCode::from(2);
    }
    let mut paths = Vec::new();
    let mut problems = Vec::new();
    for arg in &args {
        let path = Path::new(arg);
        if !path.exists() {
            problems.push(format!("{arg}:1:1: no such file or directory"));
            continue;
        }
        collect(path, &mut paths, &mut problems);
    }
    let mut files = Vec::new();
    for path in &paths {
        match std::fs::read(path) {
            Ok(bytes) => files.push((path.display().to_string(), bytes)),
            Err(e) => problems.push(format!("{}:1:1: cannot read the file: {e}", path.display())),
        }
    }
    if files.is_empty() && problems.is_empty() {
        problems.push(format!(
            "{}:1:1: no *.missions.ron files found",
            args.join(" ")
        ));
    }
    let report = lint_files(files);
    problems.extend(report.errors.iter().map(ToString::to_string));
    for p in &problems {
        println!("{p}");
    }
    if problems.is_empty() {
        eprintln!(
            "ok: {} files, {} missions, {} postings, {} templates",
            paths.len(),
            report.missions,
            report.postings,
            report.templates
        );
        ExitCode::SUCCESS
    } else {
        eprintln!("{} problem(s) in {} file(s)", problems.len(), paths.len());
        ExitCode::from(1)
    }
}
