//! The kill test: the real app, ticked again and again (and its region changed now and then)
//! while being killed with SIGKILL at random moments. Every restart must load, at most the last
//! tick before the kill may be lost, and the region is the last one saved or the one being
//! saved, never a default that replaced it. `HARBOUR_KILL_CYCLES` sets the number of cycles (50 by default, as CI runs it; the
//! full run is `HARBOUR_KILL_CYCLES=500 cargo test -p harbour-e2e --test kill -- --nocapture`).

use std::collections::BTreeSet;
use std::process::Command;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use harbour_e2e::{scratch_dir, Harbour, Options};

/// A small xorshift generator seeded from the clock (the seed is printed, to replay a run).
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

const REGIONS: [&str; 5] = ["uk", "ie", "us", "ca", "au"];

/// The region in force, asked of the running app.
fn region(app: &Harbour) -> String {
    app.session
        .execute(
            "window.__region = undefined; \
             window.__TAURI__.core.invoke('settings').then(s => { window.__region = s.region; }); \
             return true;",
        )
        .unwrap();
    app.wait_until("window.__region !== undefined")
        .expect("settings answer");
    app.session
        .execute("return window.__region;")
        .unwrap()
        .as_str()
        .unwrap()
        .to_string()
}

/// Asks the app to save another region; true once the app answered that it was saved.
fn set_region(app: &Harbour, region: &str) -> bool {
    let asked = app.session.execute(&format!(
        "window.__saved = undefined; \
         window.__TAURI__.core.invoke('set_setting', {{ key: 'region', value: '{region}' }})\
         .then(() => {{ window.__saved = '{region}'; }}); return true;"
    ));
    asked.is_ok()
        && app
            .wait_until(&format!("window.__saved === '{region}'"))
            .is_ok()
}

fn ticked(app: &Harbour) -> Option<BTreeSet<String>> {
    let value = app
        .session
        .execute(
            "return [...document.querySelectorAll('.checklist__item input:checked')]\
             .map(i => i.closest('[data-item]').dataset.item);",
        )
        .ok()?;
    serde_json::from_value(value).ok()
}

#[test]
fn killing_harbour_at_random_loses_at_most_the_last_tick() {
    let cycles: usize = std::env::var("HARBOUR_KILL_CYCLES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(50);
    let seed = std::env::var("HARBOUR_KILL_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| {
            SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .unwrap()
                .as_nanos() as u64
                | 1
        });
    println!("kill test: {cycles} cycles, seed {seed}");
    let mut random = Random(seed);
    let home = scratch_dir("kill");
    let mut list_items: Vec<String> = Vec::new();

    // What the app had confirmed before the kill, the state before that, and the tick that
    // was on its way when the kill came (if any).
    let mut confirmed: BTreeSet<String> = BTreeSet::new();
    let mut before_last: BTreeSet<String> = BTreeSet::new();
    let mut in_flight: Option<BTreeSet<String>> = None;
    let (mut exact, mut in_flight_kept, mut last_lost, mut ticks) = (0, 0, 0, 0usize);
    // The same for the region: saved (confirmed), and the one being saved at the kill.
    let mut region_confirmed = "uk".to_string();
    let mut region_in_flight: Option<String> = None;
    let mut region_changes = 0usize;

    for cycle in 0..cycles {
        let app = Harbour::launch_with(
            "kill",
            Options {
                home: Some(home.clone()),
                ..Options::default()
            },
        );
        app.session
            .execute("location.replace('#/checklist/threatened'); return true;")
            .unwrap();
        app.wait_for_css("main[data-view='checklist']")
            .unwrap_or_else(|e| panic!("cycle {cycle}: the checklist did not load: {e}"));
        if list_items.is_empty() {
            list_items = serde_json::from_value(
                app.session
                    .execute("return [...document.querySelectorAll('[data-item]')].map(e => e.dataset.item);")
                    .unwrap(),
            )
            .unwrap();
            assert!(list_items.len() >= 3, "the list has steps: {list_items:?}");
        }
        let restored = ticked(&app).expect("ticks readable after restart");
        if restored == confirmed {
            exact += 1;
        } else if Some(&restored) == in_flight.as_ref() {
            in_flight_kept += 1;
        } else if restored == before_last {
            last_lost += 1;
        } else {
            panic!(
                "cycle {cycle}: restart showed {restored:?}, but the app had confirmed \
                 {confirmed:?} (before that {before_last:?}, in flight {in_flight:?})"
            );
        }
        confirmed = restored;
        before_last = confirmed.clone();
        let region_now = region(&app);
        assert!(
            region_now == region_confirmed || Some(&region_now) == region_in_flight.as_ref(),
            "cycle {cycle}: restart showed region {region_now}, but {region_confirmed} was \
             saved (in flight: {region_in_flight:?})"
        );
        region_confirmed = region_now;
        region_in_flight = None;

        // Kill it at a random moment while ticking.
        let pids = app.app_pids();
        assert_eq!(pids.len(), 1, "one Harbour process");
        let delay = Duration::from_millis(100 + random.below(900));
        let pid = pids[0];
        let killer = std::thread::spawn(move || {
            std::thread::sleep(delay);
            let _ = Command::new("kill").args(["-9", &pid.to_string()]).status();
        });
        loop {
            if random.below(4) == 0 {
                let next = REGIONS[random.below(REGIONS.len() as u64) as usize].to_string();
                region_in_flight = Some(next.clone());
                if !set_region(&app, &next) {
                    break;
                }
                region_confirmed = next;
                region_in_flight = None;
                region_changes += 1;
                continue;
            }
            let item = list_items[random.below(list_items.len() as u64) as usize].clone();
            let mut next = confirmed.clone();
            if !next.remove(&item) {
                next.insert(item.clone());
            }
            in_flight = Some(next.clone());
            let clicked = app
                .session
                .find(&format!("#step-{item}"))
                .and_then(|e| e.click());
            if clicked.is_err() {
                break;
            }
            // Confirmed once the page shows the new count, which it does only after Rust
            // saved the tick and answered.
            let expected = format!("{} of {} done", next.len(), list_items.len());
            let shown = app.wait_until(&format!(
                "document.getElementById('checklist-progress').textContent === {expected:?}"
            ));
            if shown.is_err() {
                break;
            }
            before_last = confirmed.clone();
            confirmed = next;
            ticks += 1;
        }
        killer.join().unwrap();
        drop(app);
    }
    println!(
        "kill test: {cycles} cycles, {ticks} confirmed ticks; after each kill the restart \
         showed: all confirmed ticks {exact}, plus the tick in flight {in_flight_kept}, \
         the last tick lost {last_lost}; {region_changes} region changes confirmed, the \
         region after every restart the saved one or the one being saved"
    );
    let _ = std::fs::remove_dir_all(home);
}
