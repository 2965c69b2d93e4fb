//! Embeds every file under `content/` into the crate at build time, so Harbour never reads
//! advice from disk or the network at run time, and a content edit triggers a rebuild.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::{env, fs};

fn main() {
    let manifest = PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let content = manifest.join("../../content");
    let content = content.canonicalize().unwrap_or(content);
    println!("cargo:rerun-if-changed={}", content.display());

    let mut out = String::new();
    embed_dir(
        &mut out,
        &content,
        "articles",
        "md",
        "ARTICLES",
        "Every article file",
    );
    embed_dir(
        &mut out,
        &content,
        "checklists",
        "toml",
        "CHECKLISTS",
        "Every checklist file",
    );
    embed_dir(
        &mut out,
        &content,
        "helplines",
        "toml",
        "HELPLINES",
        "Every helplines file (one per region)",
    );
    embed_optional(
        &mut out,
        &content,
        "routes.toml",
        "ROUTES",
        "The home routes file",
    );
    embed_optional(
        &mut out,
        &content,
        "do-not-publish.toml",
        "DO_NOT_PUBLISH",
        "The list of facts that must stay out of the content",
    );

    let dest = Path::new(&env::var_os("OUT_DIR").expect("set by cargo")).join("bundled.rs");
    fs::write(dest, out).expect("OUT_DIR is writable");
}

/// Writes `pub static NAME: &[(&str, &str)]` with every `*.ext` file in `content/dir`, sorted by
/// name so the order (and so the order of error messages) is the same on every machine.
fn embed_dir(out: &mut String, content: &Path, dir: &str, ext: &str, name: &str, doc: &str) {
    let path = content.join(dir);
    println!("cargo:rerun-if-changed={}", path.display());
    let mut files: Vec<PathBuf> = fs::read_dir(&path)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|entry| entry.path())
                .filter(|path| path.extension().is_some_and(|e| e == ext))
                .collect()
        })
        .unwrap_or_default();
    files.sort();

    writeln!(
        out,
        "/// {doc}, as (path relative to the repository, text)."
    )
    .expect("writing to a String cannot fail");
    writeln!(out, "pub static {name}: &[(&str, &str)] = &[").expect("writing to a String");
    for file in &files {
        println!("cargo:rerun-if-changed={}", file.display());
        let file_name = file
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        writeln!(
            out,
            "    ({:?}, include_str!({:?})),",
            format!("content/{dir}/{file_name}"),
            file.display().to_string()
        )
        .expect("writing to a String cannot fail");
    }
    out.push_str("];\n");
}

/// Writes `pub static NAME: Option<(&str, &str)>`: `None` when the file does not exist, so the
/// loader (not the build) reports it with the file name.
fn embed_optional(out: &mut String, content: &Path, file: &str, name: &str, doc: &str) {
    let path = content.join(file);
    println!("cargo:rerun-if-changed={}", path.display());
    writeln!(out, "/// {doc}, if it exists: (path, text).").expect("writing to a String");
    if path.is_file() {
        writeln!(
            out,
            "pub static {name}: Option<(&str, &str)> = Some(({:?}, include_str!({:?})));",
            format!("content/{file}"),
            path.display().to_string()
        )
        .expect("writing to a String cannot fail");
    } else {
        writeln!(out, "pub static {name}: Option<(&str, &str)> = None;")
            .expect("writing to a String cannot fail");
    }
}
