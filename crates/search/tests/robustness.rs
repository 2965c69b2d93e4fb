//! Whatever is typed or pasted, search answers and never panics.

use std::sync::OnceLock;
use std::time::{Duration, Instant};

use harbour_guide::Guide;
use harbour_search::text::MAX_QUERY_CHARS;
use harbour_search::{Context, Index};
use harbour_words::{Audience, Region};
use proptest::prelude::*;

fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| Index::new(&Guide::bundled().expect("bundled guide loads")))
}

#[test]
fn an_empty_or_blank_query_finds_nothing() {
    let context = Context::default();
    for query in [
        "",
        " ",
        "\n\t",
        "   ?!.,;:-",
        "'",
        "’",
        "\u{200b}",
        "\u{feff}",
    ] {
        assert!(
            index().search(query, &context, 10).is_empty(),
            "{query:?} found something"
        );
    }
}

#[test]
fn a_huge_query_is_cut_and_answered_quickly() {
    let context = Context::default();
    let megabyte = "sextortion ".repeat(1024 * 1024 / 11);
    assert!(megabyte.len() > 1_000_000);
    let start = Instant::now();
    let hits = index().search(&megabyte, &context, 10);
    assert!(start.elapsed() < Duration::from_secs(1));
    assert!(!hits.is_empty());

    // One enormous word, and one enormous misspelt word.
    let _ = index().search(&"a".repeat(1_000_000), &context, 10);
    let _ = index().search(&"blakmail".repeat(100_000), &context, 10);

    // Cut on a character boundary even in the middle of multi-byte characters.
    let wide = "é🙂".repeat(MAX_QUERY_CHARS * 10);
    let _ = index().search(&wide, &context, 10);
}

#[test]
fn weird_unicode_does_not_panic() {
    let context = Context {
        audience: Some(Audience::YoungPerson),
        region: Region::Au,
    };
    for query in [
        "\u{0}",
        "\u{0}sext\u{0}",
        "🙂🙂🙂",
        "sext🙂",
        "\u{202e}lortnoc",
        "e\u{301}\u{301}\u{301}",
        "ǅ ǈ ǋ ǲ",
        "İstanbul",
        "ﬁnd ﬀ",
        "ß ẞ",
        "gardaí GARDAÍ",
        "Σίσυφος ΣΊΣΥΦΟΣ",
        "ايران",
        "中文 日本語 한국어",
        "\u{fffd}\u{fffd}",
        "\u{10ffff}",
        "a\u{200d}b",
        "١٢٣ ٤٥٦",
        "⁰¹²³",
        "Ⅻ ⅻ",
        "0800\u{a0}1111",
    ] {
        let hits = index().search(query, &context, 10);
        assert!(hits.len() <= 10);
    }
    // A no-break space still separates a phone number's parts.
    let hits = index().search("0800\u{a0}1111", &Context::default(), 1);
    assert_eq!(hits[0].title, "Childline");
}

#[test]
fn the_index_can_be_shared_between_threads() {
    fn shared<T: Send + Sync>() {}
    shared::<Index>();
    let hits: Vec<usize> = std::thread::scope(|scope| {
        let handles: Vec<_> = ["police", "childline"]
            .into_iter()
            .map(|q| scope.spawn(move || index().search(q, &Context::default(), 5).len()))
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert!(hits.iter().all(|&n| n > 0));
}

#[test]
fn every_synonym_points_at_words_the_content_uses() {
    let unused = index()
        .unused_synonyms(harbour_search::synonyms::BUNDLED)
        .unwrap();
    assert!(
        unused.is_empty(),
        "src/synonyms.toml `means` words found nowhere in the content: {unused:?}"
    );
}

#[test]
fn an_index_of_an_empty_guide_finds_nothing() {
    let guide = Guide::from_files(
        &[],
        Some(harbour_guide::ContentFile {
            path: "content/routes.toml",
            text: "",
        }),
    );
    // Whether or not an empty guide is accepted, searching what there is must be safe.
    if let Ok(guide) = guide {
        let index = Index::new(&guide);
        assert!(index.search("police", &Context::default(), 10).is_empty());
    }
}

#[test]
fn another_synonym_table_can_be_used() {
    let guide = Guide::bundled().unwrap();
    let table = "[[synonyms]]\nwords = [\"zzyzx\"]\nmeans = [\"childline\"]\n";
    let index = Index::with_synonyms(&guide, table).unwrap();
    let hits = index.search("zzyzx", &Context::default(), 3);
    assert_eq!(hits[0].title, "Childline");
    assert!(Index::with_synonyms(&guide, "nonsense = [").is_err());

    // A meaning the content never uses is reported, so the bundled table is checked.
    let stale = "[[synonyms]]\nwords = [\"x\"]\nmeans = [\"childline\", \"zzqqxx\"]\n";
    assert_eq!(index.unused_synonyms(stale).unwrap(), ["zzqqxx"]);
}

fn any_context() -> impl Strategy<Value = Context> {
    let audience = prop_oneof![
        Just(None),
        Just(Some(Audience::YoungPerson)),
        Just(Some(Audience::Adult)),
        Just(Some(Audience::ParentCarer)),
        Just(Some(Audience::Professional)),
    ];
    let region = prop::sample::select(Region::ALL.to_vec());
    (audience, region).prop_map(|(audience, region)| Context { audience, region })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn any_string_never_panics(query in any::<String>(), context in any_context(), limit in 0usize..40) {
        let hits = index().search(&query, &context, limit);
        prop_assert!(hits.len() <= limit);
        for hit in &hits {
            prop_assert!(hit.score.is_finite() && hit.score > 0.0);
        }
    }

    #[test]
    fn words_from_the_content_mixed_with_noise_never_panic(
        words in prop::collection::vec(
            prop_oneof![
                prop::sample::select(vec![
                    "sext", "sextorsion", "blakmail", "police", "0800", "1111", "nude pics",
                    "talk to someone", "gardaí", "take it down", "a", "the", "'", "-", " ",
                ]).prop_map(str::to_string),
                "\\PC{0,12}",
            ],
            0..30,
        ),
        context in any_context(),
    ) {
        let query = words.join(" ");
        let hits = index().search(&query, &context, 10);
        prop_assert!(hits.windows(2).all(|w| w[0].score >= w[1].score));
    }
}
