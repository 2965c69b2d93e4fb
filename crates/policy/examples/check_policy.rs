//! Checks a policy file the way Harbour will read it, for IT staff trying one out:
//! `cargo run -p harbour-policy --example check_policy -- path/to/policy.toml`
//! (without a path: `HARBOUR_POLICY`, else the system place). Prints what applies and every
//! problem; exits 1 if there were problems.

fn main() {
    let path = std::env::args_os()
        .nth(1)
        .map(std::path::PathBuf::from)
        .unwrap_or_else(harbour_policy::policy_path);
    let loaded = harbour_policy::load(&path);
    if !loaded.found {
        println!(
            "{}: no policy file (Harbour uses its defaults)",
            path.display()
        );
    }
    for problem in &loaded.problems {
        eprintln!("{problem}");
    }
    println!("{:#?}", loaded.policy);
    if !loaded.problems.is_empty() {
        std::process::exit(1);
    }
}
