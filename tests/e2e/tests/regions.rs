//! Right for every reader: in each of the five regions, the home screen, the "threatened"
//! route, its first article and its checklist show that region's emergency number and no
//! phone number that belongs only to another region. A UK number on a US reader's screen is a
//! real harm: they would dial something that does not work where they are.

use std::collections::BTreeSet;
use std::fs;

use harbour_e2e::{data_dir, scratch_dir, Harbour, Options};
use harbour_guide::Guide;
use harbour_words::Region;

/// The numbers a reader in `region` may see, and those that belong only to other regions.
fn numbers(guide: &Guide, region: Region) -> (BTreeSet<String>, BTreeSet<String>) {
    let phones = |r: Region| -> BTreeSet<String> {
        guide
            .helplines(r)
            .iter()
            .filter_map(|h| h.phone.clone())
            .collect()
    };
    let own = phones(region);
    let foreign = Region::ALL
        .iter()
        .filter(|&&r| r != region)
        .flat_map(|&r| phones(r))
        .filter(|p| !own.contains(p))
        .collect();
    (own, foreign)
}

/// Whether `number` appears in `text` as a whole number (not inside a longer one).
fn shows(text: &str, number: &str) -> bool {
    text.match_indices(number).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + number.len()..].chars().next();
        let digit_or_space_digit = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit());
        !digit_or_space_digit(before) && !digit_or_space_digit(after)
    })
}

/// What the reader sees on the current screen (rendered text only, not collapsed parts).
fn screen_text(app: &Harbour) -> String {
    app.session
        .execute("return document.querySelector('main').innerText;")
        .unwrap()
        .as_str()
        .unwrap()
        .to_string()
}

fn check_screen(app: &Harbour, region: Region, screen: &str, foreign: &BTreeSet<String>) {
    let text = screen_text(app);
    for number in foreign {
        assert!(
            !shows(&text, number),
            "{region}: the {screen} shows {number}, which is another region's number:\n{text}"
        );
    }
}

#[test]
fn every_region_sees_its_own_numbers_first_and_no_other_regions() {
    let guide = Guide::bundled().expect("the bundled guide loads");
    for &region in Region::ALL {
        let (own, foreign) = numbers(&guide, region);
        let emergency = guide
            .emergency_contacts(region)
            .first()
            .and_then(|h| h.phone.clone())
            .expect("every region has an emergency number");
        assert!(own.contains(&emergency));

        let home = scratch_dir(&format!("region-{region}"));
        let data = data_dir(&home);
        fs::create_dir_all(&data).unwrap();
        fs::write(
            data.join("settings.json"),
            format!(r#"{{"intro_done":true,"region":"{region}"}}"#),
        )
        .unwrap();
        let app = Harbour::launch_with(
            &format!("region-{region}"),
            Options {
                home: Some(home.clone()),
                ..Options::default()
            },
        );

        // Home: who to call right now, this region's emergency number first.
        app.wait_for_css("main[data-view='home'] #helplines-title")
            .unwrap();
        let first_number = app.text("main[data-view='home'] .helpline .helpline__number");
        assert_eq!(
            first_number, emergency,
            "{region}: home leads with {emergency}"
        );
        check_screen(&app, region, "home screen", &foreign);
        if matches!(region, Region::Us | Region::Au) {
            app.session
                .execute(
                    "document.getElementById('helplines-title').scrollIntoView(); return true;",
                )
                .unwrap();
            // The picture must show the numbers: wait until the page has really scrolled.
            app.wait_until("window.scrollY > 0").unwrap();
            app.screenshot("home");
            app.session
                .execute("window.scrollTo(0, 0); return true;")
                .unwrap();
        }

        // The "threatened" route, then its first article: a do-now page for this region.
        app.click("[data-route='threatened']");
        app.wait_for_css("main[data-view='route']").unwrap();
        check_screen(&app, region, "threatened route", &foreign);
        let first = app
            .session
            .execute("return document.querySelector('main [data-article]').dataset.article;")
            .unwrap();
        let first = first.as_str().unwrap().to_string();
        let article = guide.article(&first).unwrap();
        assert!(
            article.regions.contains(&region),
            "{region}: the first article {first} is for this region"
        );
        app.click(&format!("main [data-article='{first}']"));
        app.wait_for_css("main[data-view='article']").unwrap();
        let text = screen_text(&app);
        assert!(
            shows(&text, &emergency),
            "{region}: {first} says to call {emergency}:\n{text}"
        );
        check_screen(&app, region, &format!("article {first}"), &foreign);

        // Its checklist: the first steps give this region's emergency number.
        app.session
            .execute("location.hash = '#/checklist/threatened'; return true;")
            .unwrap();
        app.wait_for_css("main[data-view='checklist']").unwrap();
        let steps: Vec<String> = serde_json::from_value(
            app.session
                .execute(
                    "return [...document.querySelectorAll('[data-item]')].map(e => e.innerText);",
                )
                .unwrap(),
        )
        .unwrap();
        assert!(
            steps.iter().take(3).any(|s| shows(s, &emergency)),
            "{region}: the checklist's first steps give {emergency}: {steps:#?}"
        );
        check_screen(&app, region, "threatened checklist", &foreign);
        if matches!(region, Region::Us | Region::Au) {
            app.screenshot("checklist");
        }
        drop(app);
        let _ = fs::remove_dir_all(home);
    }
}
