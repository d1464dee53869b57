//! `missions-lint`, run as a user runs it.

use std::process::Command;

use proptest::prelude::*;

use bevy_missions::catalog::lint_files;
use bevy_missions::catalog::parse_source;

use crate::common::{demo_dir, demo_files};

fn lint(args: &[&std::path::Path]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_missions-lint"))
        .args(args)
        .output()
        .expect("missions-lint runs");
    let code = out.status.code().unwrap_or(-1);
    (code, String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
fn the_demo_catalog_passes() {
    let (code, stdout) = lint(&[&demo_dir()]);
    assert_eq!(code, 0, "{stdout}");
    assert!(stdout.is_empty(), "{stdout}");
}

#[test]
fn every_problem_is_printed_with_its_position_and_the_exit_code_is_1() {
    let dir = tempfile::tempdir().expect("tempdir");
    let bad = dir.path().join("bad.missions.ron");
    std::fs::write(
        &bad,
        "(\n  missions: [\n    (id: \"A\", name: \"a\", issuer: \"NOPE\", objectives: [(goal: GoTo(place: \"NOWHERE\"))]),\n  ],\n)",
    )
    .expect("write");
    let (code, stdout) = lint(&[dir.path()]);
    assert_eq!(code, 1, "{stdout}");
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{stdout}");
    let path = bad.display().to_string();
    assert!(
        lines[0].starts_with(&format!(
            "{path}:3:34: mission `A` refers to unknown faction `NOPE`"
        )),
        "{stdout}"
    );
    assert!(
        lines[1].starts_with(&format!(
            "{path}:3:74: mission `A` objective 1 refers to unknown place `NOWHERE`"
        )),
        "{stdout}"
    );
}

#[test]
fn hostile_files_give_errors_not_panics() {
    let dir = tempfile::tempdir().expect("tempdir");
    let deep = "[".repeat(100_000);
    let garbage: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    let demo = demo_files().into_iter().next().expect("a demo file").1;
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("empty", Vec::new()),
        ("truncated", demo.as_bytes()[..demo.len() / 2].to_vec()),
        ("garbage", garbage),
        (
            "huge",
            b"(rules: (concurrent_cap: 99999999999999999999999999999))".to_vec(),
        ),
        ("deep", format!("(missions: {deep})").into_bytes()),
        ("nested_parens", "(".repeat(100_000).into_bytes()),
    ];
    for (name, bytes) in cases {
        let path = dir.path().join(format!("{name}.missions.ron"));
        std::fs::write(&path, &bytes).expect("write");
        let (code, stdout) = lint(&[&path]);
        assert_eq!(code, 1, "{name}: {stdout}");
        assert!(
            stdout.starts_with(&format!("{}:", path.display())),
            "{name}: {stdout}"
        );
    }
}

#[test]
fn a_missing_path_is_an_error() {
    let (code, stdout) = lint(&[std::path::Path::new("/no/such/dir")]);
    assert_eq!(code, 1);
    assert!(stdout.contains("no such file"), "{stdout}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn parsing_never_panics_on_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let _ = parse_source("fuzz.missions.ron", &bytes);
    }

    #[test]
    fn a_mutated_demo_file_is_reported_never_panics(cut in 0usize..20_000, flip in 0usize..20_000, byte in any::<u8>()) {
        let files = demo_files();
        let (path, text) = &files[cut % files.len()];
        let mut bytes = text.as_bytes().to_vec();
        let at = flip % bytes.len();
        bytes[at] = byte;
        bytes.truncate(bytes.len() - cut % (bytes.len() / 2));
        let mut all: Vec<(String, Vec<u8>)> = files.iter().map(|(p, t)| (p.clone(), t.clone().into_bytes())).collect();
        all.retain(|(p, _)| p != path);
        all.push((path.clone(), bytes));
        let report = lint_files(all);
        for e in &report.errors {
            prop_assert!(e.line >= 1 && e.col >= 1);
        }
    }
}

#[test]
fn a_folder_linking_to_its_parent_is_read_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("missions");
    std::fs::create_dir(&root).unwrap();
    for (path, text) in demo_files() {
        let name = std::path::Path::new(&path).file_name().unwrap().to_owned();
        std::fs::write(root.join(name), text).unwrap();
    }
    std::os::unix::fs::symlink(&root, root.join("loop")).unwrap();
    let (code, stdout) = lint(&[&root]);
    assert_eq!(code, 0, "{stdout}");
    assert!(
        stdout.is_empty(),
        "no duplicate ids from reading a folder twice: {stdout}"
    );
}
