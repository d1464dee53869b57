//! The layering rules of ARCHITECTURE.md, checked over the source: no two source files import
//! each other (directly or through others), no file over 600 lines, no top-level `use super::*`.
//!
//! A file's imports are the `crate::` and `super::` paths in its code (comments and its
//! `#[cfg(test)] mod tests` left out), each resolved to the deepest source file it names; a
//! `mod.rs` also depends on the children it re-exports (`pub use child::..`).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const MAX_LINES: usize = 600;

/// Every `.rs` file under `src/` except the binaries, keyed by module path (`["catalog",
/// "build"]`; the crate root is `[]`).
fn modules(src: &Path) -> BTreeMap<Vec<String>, PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).expect("src is readable") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                if path.file_name().is_some_and(|n| n != "bin") {
                    walk(&path, out);
                }
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let mut files = Vec::new();
    walk(src, &mut files);
    files
        .into_iter()
        .map(|path| {
            let rel = path.strip_prefix(src).expect("under src");
            let mut parts: Vec<String> = rel
                .with_extension("")
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            if parts.last().is_some_and(|p| p == "mod" || p == "lib") {
                parts.pop();
            }
            (parts, path)
        })
        .collect()
}

/// The code of a file without comments and without its unit-test module.
fn code_of(text: &str) -> String {
    let text = text.split("#[cfg(test)]\nmod tests").next().unwrap_or("");
    text.lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every `crate::a::b` / `super::a` path in the code, expanded (`{a, b::c}` groups too), as an
/// absolute module path.
fn paths_in(code: &str, me: &[String]) -> Vec<Vec<String>> {
    let bytes = code.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if !code.is_char_boundary(i) {
            i += 1;
            continue;
        }
        let rest = &code[i..];
        let starts = (rest.starts_with("crate::") || rest.starts_with("super::"))
            && (i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_'));
        if !starts {
            i += 1;
            continue;
        }
        let len = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == ':'))
            .unwrap_or(rest.len());
        let path = rest[..len].trim_end_matches(':');
        let mut segments = path.split("::");
        let mut base: Vec<String> = if path.starts_with("crate") {
            segments.next();
            Vec::new()
        } else {
            me.to_vec()
        };
        let mut prefix = Vec::new();
        for s in segments {
            if s == "super" && prefix.is_empty() {
                base.pop();
            } else {
                prefix.push(s.to_owned());
            }
        }
        base.extend(prefix);
        let after = &rest[len..];
        if rest[..len].ends_with("::") && after.starts_with('{') {
            let group = &after[1..after.find('}').unwrap_or(after.len())];
            for item in group.split(',') {
                let item = item.split(" as ").next().unwrap_or("").trim();
                let mut full = base.clone();
                full.extend(
                    item.split("::")
                        .filter(|s| !s.is_empty() && *s != "self" && *s != "*")
                        .map(str::to_owned),
                );
                out.push(full);
            }
        } else {
            out.push(base);
        }
        i += len.max(1);
    }
    out
}

/// The deepest module of `modules` that `path` names.
fn resolve<'a>(
    path: &[String],
    modules: &'a BTreeMap<Vec<String>, PathBuf>,
) -> Option<&'a Vec<String>> {
    (0..=path.len())
        .rev()
        .find_map(|n| modules.get_key_value(&path[..n]).map(|(k, _)| k))
}

fn graph(src: &Path) -> BTreeMap<Vec<String>, BTreeSet<Vec<String>>> {
    let modules = modules(src);
    let mut graph = BTreeMap::new();
    for (me, file) in &modules {
        let text = std::fs::read_to_string(file).expect("readable");
        let code = code_of(&text);
        let mut edges = BTreeSet::new();
        for path in paths_in(&code, me) {
            if let Some(target) = resolve(&path, &modules)
                && target != me
                && !target.is_empty()
            {
                edges.insert(target.clone());
            }
        }
        for line in code.lines() {
            let line = line.trim();
            let Some(rest) = line
                .strip_prefix("pub use ")
                .or_else(|| line.strip_prefix("pub(crate) use "))
            else {
                continue;
            };
            let child = rest.split("::").next().unwrap_or("");
            let mut path = me.clone();
            path.push(child.to_owned());
            if modules.contains_key(&path) {
                edges.insert(path);
            }
        }
        graph.insert(me.clone(), edges);
    }
    graph
}

/// The strongly connected components with more than one file (Tarjan).
fn cycles(graph: &BTreeMap<Vec<String>, BTreeSet<Vec<String>>>) -> Vec<Vec<String>> {
    struct State<'a> {
        graph: &'a BTreeMap<Vec<String>, BTreeSet<Vec<String>>>,
        index: BTreeMap<&'a Vec<String>, usize>,
        low: BTreeMap<&'a Vec<String>, usize>,
        stack: Vec<&'a Vec<String>>,
        on_stack: BTreeSet<&'a Vec<String>>,
        found: Vec<Vec<String>>,
    }
    fn visit<'a>(s: &mut State<'a>, v: &'a Vec<String>) {
        let n = s.index.len();
        s.index.insert(v, n);
        s.low.insert(v, n);
        s.stack.push(v);
        s.on_stack.insert(v);
        let graph = s.graph;
        for w in graph.get(v).into_iter().flatten() {
            let Some((w, _)) = graph.get_key_value(w) else {
                continue;
            };
            if !s.index.contains_key(w) {
                visit(s, w);
                let low = s.low[v].min(s.low[w]);
                s.low.insert(v, low);
            } else if s.on_stack.contains(w) {
                let low = s.low[v].min(s.index[w]);
                s.low.insert(v, low);
            }
        }
        if s.low[v] == s.index[v] {
            let mut component = Vec::new();
            while let Some(w) = s.stack.pop() {
                s.on_stack.remove(w);
                component.push(w.join("::"));
                if w == v {
                    break;
                }
            }
            if component.len() > 1 {
                component.sort();
                s.found.push(component);
            }
        }
    }
    let mut state = State {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        found: Vec::new(),
    };
    for v in graph.keys() {
        if !state.index.contains_key(v) {
            visit(&mut state, v);
        }
    }
    state.found
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

#[test]
fn no_source_file_imports_itself_through_others() {
    let found = cycles(&graph(&src()));
    assert!(found.is_empty(), "import cycles between files: {found:#?}");
}

#[test]
fn the_model_layer_depends_only_on_ids_and_the_clock() {
    let graph = graph(&src());
    for (module, edges) in &graph {
        if module.first().is_some_and(|m| m == "model") {
            for edge in edges {
                let allowed = ["model", "ids", "clock"].contains(&edge[0].as_str());
                assert!(allowed, "{} imports {}", module.join("::"), edge.join("::"));
            }
        }
    }
}

#[test]
fn the_checker_finds_a_cycle_when_there_is_one() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path();
    std::fs::create_dir(src.join("a")).unwrap();
    std::fs::write(src.join("lib.rs"), "pub mod a;\npub mod b;\n").unwrap();
    std::fs::write(src.join("a/mod.rs"), "mod x;\npub use x::X;\n").unwrap();
    std::fs::write(
        src.join("a/x.rs"),
        "use crate::b::{Y, y::Z};\npub struct X;\n",
    )
    .unwrap();
    std::fs::write(
        src.join("b.rs"),
        "// use crate::a::X; (a comment is no import)\npub struct Y;\n",
    )
    .unwrap();
    assert!(cycles(&graph(src)).is_empty());
    std::fs::write(src.join("b.rs"), "pub struct Y(crate::a::X);\n").unwrap();
    let found = cycles(&graph(src));
    assert_eq!(found, vec![vec!["a", "a::x", "b"]]);
}

#[test]
fn no_source_file_is_longer_than_600_lines() {
    let long: Vec<String> = modules(&src())
        .values()
        .filter_map(|path| {
            let lines = std::fs::read_to_string(path).ok()?.lines().count();
            (lines > MAX_LINES).then(|| format!("{} has {lines} lines", path.display()))
        })
        .collect();
    assert!(long.is_empty(), "{long:#?}");
}

#[test]
fn no_file_imports_everything_from_its_parent() {
    let globbing: Vec<String> = modules(&src())
        .values()
        .filter(|path| {
            std::fs::read_to_string(path)
                .is_ok_and(|text| code_of(&text).lines().any(|l| l == "use super::*;"))
        })
        .map(|path| path.display().to_string())
        .collect();
    assert!(
        globbing.is_empty(),
        "top-level `use super::*` in {globbing:?}"
    );
}

/// The child modules a file declares, with whether each is `pub` (`pub(crate)` and private are
/// not).
fn children(code: &str) -> BTreeMap<String, bool> {
    code.lines()
        .map(str::trim)
        .filter_map(|l| {
            let (public, rest) = if let Some(r) = l.strip_prefix("pub mod ") {
                (true, r)
            } else if let Some(r) = l.strip_prefix("pub(crate) mod ") {
                (false, r)
            } else {
                (false, l.strip_prefix("mod ")?)
            };
            let name = rest.trim_end_matches(';').trim_end_matches(" {").trim();
            Some((name.to_owned(), public))
        })
        .collect()
}

/// Expands a `use` tree (`a::{b, c::{d, e}}`, whitespace removed) into its paths.
fn expand(tree: &str) -> Vec<String> {
    let Some(open) = tree.find('{') else {
        return vec![tree.to_owned()];
    };
    let prefix = &tree[..open];
    let inner = &tree[open + 1..tree.len() - 1];
    let (mut parts, mut depth, mut start) = (Vec::new(), 0, 0);
    for (i, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&inner[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&inner[start..]);
    parts
        .into_iter()
        .filter(|p| !p.is_empty())
        .flat_map(|p| expand(&format!("{prefix}{p}")))
        .collect()
}

/// Every public path of the crate's items that is not their home: each `pub use` (outside the
/// prelude) of an item whose home module is public, or of an item re-exported twice. Returns
/// `file: path` for each.
fn second_paths(src: &Path) -> Vec<String> {
    let modules = modules(src);
    let mut public_mods: BTreeMap<Vec<String>, bool> = BTreeMap::new();
    public_mods.insert(Vec::new(), true);
    for (module, path) in &modules {
        let code = code_of(&std::fs::read_to_string(path).expect("readable"));
        for (child, public) in children(&code) {
            let mut m = module.clone();
            m.push(child);
            public_mods.insert(m, public);
        }
    }
    let reachable = |m: &[String]| (0..=m.len()).all(|n| public_mods.get(&m[..n]) == Some(&true));
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    let mut found = Vec::new();
    for (module, path) in &modules {
        if !reachable(module) {
            continue;
        }
        let mut code = code_of(&std::fs::read_to_string(path).expect("readable"));
        if let Some(at) = code.find("pub mod prelude {") {
            let end = code[at..].find("\n}").map_or(code.len(), |e| at + e);
            code.replace_range(at..end, "");
        }
        for statement in code.split(';') {
            let Some(tree) = statement.trim().strip_prefix("pub use ") else {
                continue;
            };
            let tree: String = tree.split_whitespace().collect::<Vec<_>>().join(" ");
            let tree = tree
                .replace(", ", ",")
                .replace("{ ", "{")
                .replace(" }", "}");
            for full in expand(&tree) {
                let full = full.split(" as ").next().unwrap_or(&full).to_owned();
                let mut segs: Vec<String> = full.split("::").map(str::to_owned).collect();
                let item = segs.pop().unwrap_or_default();
                let mut home: Vec<String> = match segs.first().map(String::as_str) {
                    Some("crate") => Vec::new(),
                    Some("super") => module[..module.len().saturating_sub(1)].to_vec(),
                    _ => module.clone(),
                };
                for s in segs
                    .iter()
                    .filter(|s| *s != "crate" && *s != "super" && *s != "self")
                {
                    home.push(s.clone());
                }
                let here = format!("{}: {full}", path.display());
                if reachable(&home) {
                    found.push(format!("{here} (its home `{}` is public)", home.join("::")));
                } else if let Some(first) =
                    seen.insert(format!("{}::{item}", home.join("::")), here.clone())
                {
                    found.push(format!("{here} (also re-exported at {first})"));
                }
            }
        }
    }
    found
}

#[test]
fn every_public_item_has_one_path_outside_the_prelude() {
    let found = second_paths(&src());
    assert!(
        found.is_empty(),
        "public items with a second path: {found:#?}"
    );
}

#[test]
fn the_path_checker_finds_a_second_path() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path();
    std::fs::create_dir(src.join("a")).unwrap();
    std::fs::write(
        src.join("lib.rs"),
        "pub mod a;\npub mod b;\npub mod prelude {\n    pub use crate::a::X;\n}\n",
    )
    .unwrap();
    std::fs::write(src.join("a/mod.rs"), "mod x;\npub use x::{X, Y};\n").unwrap();
    std::fs::write(src.join("a/x.rs"), "pub struct X;\npub struct Y;\n").unwrap();
    std::fs::write(src.join("b.rs"), "pub struct Z;\n").unwrap();
    assert!(second_paths(src).is_empty(), "{:?}", second_paths(src));
    std::fs::write(src.join("b.rs"), "pub use crate::a::X;\n").unwrap();
    assert_eq!(second_paths(src).len(), 1, "a public home re-exported");
    std::fs::write(src.join("b.rs"), "pub use crate::a::x::Y;\n").unwrap();
    assert_eq!(
        second_paths(src).len(),
        1,
        "a private home re-exported twice"
    );
}
