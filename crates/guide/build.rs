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

    let articles_dir = content.join("articles");
    println!("cargo:rerun-if-changed={}", articles_dir.display());
    let mut articles: Vec<PathBuf> = fs::read_dir(&articles_dir)
        .map(|dir| {
            dir.filter_map(Result::ok)
                .map(|entry| entry.path())
                .filter(|path| path.extension().is_some_and(|ext| ext == "md"))
                .collect()
        })
        .unwrap_or_default();
    articles.sort();

    let mut out = String::new();
    out.push_str("/// Every article file, as (path relative to the repository, text).\n");
    out.push_str("pub static ARTICLES: &[(&str, &str)] = &[\n");
    for path in &articles {
        println!("cargo:rerun-if-changed={}", path.display());
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        writeln!(
            out,
            "    ({:?}, include_str!({:?})),",
            format!("content/articles/{name}"),
            path.display().to_string()
        )
        .expect("writing to a String cannot fail");
    }
    out.push_str("];\n");

    out.push_str("/// The home routes file, if it exists: (path, text).\n");
    let routes = content.join("routes.toml");
    println!("cargo:rerun-if-changed={}", routes.display());
    if routes.is_file() {
        writeln!(
            out,
            "pub static ROUTES: Option<(&str, &str)> = Some((\"content/routes.toml\", include_str!({:?})));",
            routes.display().to_string()
        )
        .expect("writing to a String cannot fail");
    } else {
        out.push_str("pub static ROUTES: Option<(&str, &str)> = None;\n");
    }

    let dest = Path::new(&env::var_os("OUT_DIR").expect("set by cargo")).join("bundled.rs");
    fs::write(dest, out).expect("OUT_DIR is writable");
}
