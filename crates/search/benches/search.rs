//! How long one search takes over the full bundled guide, for queries people really type.
//!
//! `cargo bench -p harbour-search` runs criterion over each query (`search/<label>`) and, for
//! comparison in the same run, a naive search that scans all the text for each word
//! (`substring-scan/<label>`); building the index is measured too. It then prints a table of
//! medians and 95th percentiles measured call by call, for `docs/benchmarks.md`. The target is
//! a median under 1 ms per query, so results can follow every key press.

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{criterion_group, Criterion};
use harbour_guide::Guide;
use harbour_search::text::html_to_text;
use harbour_search::{Context, Index};
use harbour_words::Region;

/// (label, query): correct words, misspellings, everyday words, one letter, half-typed words,
/// a phone number and long sentences.
const QUERIES: &[(&str, &str)] = &[
    ("correct", "sextortion"),
    ("correct-short", "police"),
    ("misspelt", "sextorsion"),
    ("misspelt-2", "blakmail"),
    ("half-typed", "sext"),
    ("everyday", "nude pics"),
    ("everyday-2", "talk to someone"),
    ("one-letter", "s"),
    ("phone-number", "0800 1111"),
    (
        "long-sentence",
        "someone is threatening to share my nudes unless i pay them money, what do i do",
    ),
    (
        "long-misspelt",
        "my sun is bein blakmailed by sumone on snapchat with fake pics of him",
    ),
];

const LIMIT: usize = 20;

/// What a search without an index would do: lowercase every text once, then for each query
/// count in how many words each text contains, and sort.
struct SubstringScan {
    texts: Vec<String>,
}

impl SubstringScan {
    fn new(guide: &Guide) -> SubstringScan {
        let mut texts = Vec::new();
        for a in guide.articles() {
            texts.push(
                format!(
                    "{} {} {} {} {}",
                    a.title,
                    a.summary,
                    a.do_now.join(" "),
                    a.topics.join(" "),
                    html_to_text(&a.body_html)
                )
                .to_lowercase(),
            );
        }
        for list in guide.checklists() {
            for item in &list.items {
                texts.push(format!("{} {} {}", list.title, item.text, item.why).to_lowercase());
            }
        }
        for &region in Region::ALL {
            for h in guide.helplines(region) {
                texts.push(
                    format!(
                        "{} {} {} {}",
                        h.name,
                        h.phone.as_deref().unwrap_or(""),
                        h.web.as_deref().unwrap_or(""),
                        h.purpose
                    )
                    .to_lowercase(),
                );
            }
        }
        SubstringScan { texts }
    }

    fn search(&self, query: &str, limit: usize) -> Vec<(usize, usize)> {
        let query = query.to_lowercase();
        let words: Vec<&str> = query.split_whitespace().collect();
        let mut hits: Vec<(usize, usize)> = self
            .texts
            .iter()
            .enumerate()
            .map(|(i, text)| (i, words.iter().filter(|w| text.contains(*w)).count()))
            .filter(|&(_, n)| n > 0)
            .collect();
        hits.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        hits.truncate(limit);
        hits
    }
}

fn bench(c: &mut Criterion) {
    let guide = Guide::bundled().expect("bundled guide loads");
    let index = Index::new(&guide);
    let scan = SubstringScan::new(&guide);
    let context = Context::default();

    for (label, query) in QUERIES {
        c.bench_function(&format!("search/{label}"), |b| {
            b.iter(|| index.search(black_box(query), black_box(&context), LIMIT))
        });
        c.bench_function(&format!("substring-scan/{label}"), |b| {
            b.iter(|| scan.search(black_box(query), LIMIT))
        });
    }
    let mut group = c.benchmark_group("build");
    group.sample_size(10);
    group.bench_function("index", |b| b.iter(|| Index::new(black_box(&guide))));
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    targets = bench
}

/// Median and 95th percentile of `runs` timed calls, in microseconds.
fn percentiles(runs: usize, mut f: impl FnMut()) -> (f64, f64) {
    for _ in 0..runs / 10 {
        f();
    }
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    times.sort();
    let us = |d: Duration| d.as_secs_f64() * 1e6;
    (us(times[runs / 2]), us(times[runs * 95 / 100]))
}

fn table() {
    let guide = Guide::bundled().expect("bundled guide loads");
    let start = Instant::now();
    let index = Index::new(&guide);
    let built = start.elapsed();
    let scan = SubstringScan::new(&guide);
    let context = Context::default();
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());

    println!();
    println!(
        "Search speed: {} entries, index built in {:.1} ms, {cores} cores, limit {LIMIT}, \
         2000 calls per query",
        index.len(),
        built.as_secs_f64() * 1e3
    );
    println!();
    println!("| query | text | search median (µs) | search p95 (µs) | substring scan median (µs) | hits |");
    println!("| --- | --- | ---: | ---: | ---: | ---: |");
    let mut worst: f64 = 0.0;
    for (label, query) in QUERIES {
        let (median, p95) = percentiles(2000, || {
            black_box(index.search(black_box(query), &context, LIMIT));
        });
        let (scan_median, _) = percentiles(2000, || {
            black_box(scan.search(black_box(query), LIMIT));
        });
        worst = worst.max(median);
        let hits = index.search(query, &context, LIMIT).len();
        println!("| {label} | `{query}` | {median:.1} | {p95:.1} | {scan_median:.1} | {hits} |");
    }
    println!();
    println!(
        "Slowest median: {worst:.1} µs ({}).",
        if worst < 1000.0 {
            "under the 1 ms target"
        } else {
            "OVER the 1 ms target"
        }
    );
}

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();
    // `cargo bench` passes --bench; `cargo test --benches` runs each benchmark once, without.
    if std::env::args().any(|a| a == "--bench") {
        table();
    }
}
