//! Harbour: a private, offline guide. The program only starts the shell (`harbour_app::run`).

// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    harbour_app::run();
}
