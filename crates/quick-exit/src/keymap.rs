//! Which keys and modifier states to grab, read from the server's keyboard mapping.
//!
//! Keycodes are not fixed: 9 is Escape on a PC keyboard under evdev, but remapped keyboards,
//! other drivers and `xmodmap` users differ. So Harbour asks the server which keycodes type
//! Escape, and which modifier bit NumLock sets, every time it grabs.

use x11rb::connection::Connection;
use x11rb::protocol::xproto::{ConnectionExt as _, Keycode, ModMask};

use crate::Error;

/// The keysym of Escape (`XK_Escape`).
pub(crate) const ESCAPE_KEYSYM: u32 = 0xff1b;
/// The keysym of NumLock (`XK_Num_Lock`).
const NUM_LOCK_KEYSYM: u32 = 0xff7f;

/// The keycodes whose mapping contains `keysym` in any column, in keycode order.
///
/// `keysyms` is a GetKeyboardMapping reply: `per_keycode` keysyms for each keycode from
/// `min_keycode` on.
pub(crate) fn keycodes_for_keysym(
    keysyms: &[u32],
    per_keycode: u8,
    min_keycode: Keycode,
    keysym: u32,
) -> Vec<Keycode> {
    if per_keycode == 0 {
        return Vec::new();
    }
    keysyms
        .chunks(usize::from(per_keycode))
        .zip(min_keycode..=Keycode::MAX)
        .filter(|(column, _)| column.contains(&keysym))
        .map(|(_, keycode)| keycode)
        .collect()
}

/// The modifier bit that any of `lock_keycodes` sets, from a GetModifierMapping reply
/// (`per_modifier` keycodes for each of Shift, Lock, Control, Mod1..Mod5, zero = unused).
///
/// Only Mod1..Mod5 count: NumLock on Shift, Lock or Control would make no sense to ignore.
pub(crate) fn modifier_for_keycodes(
    modifier_keycodes: &[Keycode],
    per_modifier: u8,
    lock_keycodes: &[Keycode],
) -> Option<ModMask> {
    if per_modifier == 0 {
        return None;
    }
    modifier_keycodes
        .chunks(usize::from(per_modifier))
        .enumerate()
        .skip(3)
        .find(|(_, keycodes)| {
            keycodes
                .iter()
                .any(|k| *k != 0 && lock_keycodes.contains(k))
        })
        .and_then(|(index, _)| u16::try_from(1_u32 << index).ok())
        .map(ModMask::from)
}

/// The four modifier states Escape is grabbed with: none, CapsLock, NumLock, both.
///
/// X key grabs match the exact modifier state, and the lock keys count as modifiers while on.
/// Without these, Escape would silently stop working whenever NumLock or CapsLock is on.
pub(crate) fn lock_combinations(num_lock: ModMask) -> [ModMask; 4] {
    [
        ModMask::from(0_u16),
        ModMask::LOCK,
        num_lock,
        ModMask::LOCK | num_lock,
    ]
}

/// Every (keycode, modifiers) pair to grab so that Escape is caught whatever the lock keys.
///
/// Asks the server for the keyboard and modifier mappings in one round trip.
pub(crate) fn escape_grabs(conn: &impl Connection) -> Result<Vec<(Keycode, ModMask)>, Error> {
    let setup = conn.setup();
    let (min, max) = (setup.min_keycode, setup.max_keycode);
    let count = max.saturating_sub(min).saturating_add(1);
    let keyboard = conn.get_keyboard_mapping(min, count)?;
    let modifiers = conn.get_modifier_mapping()?;
    let keyboard = keyboard.reply()?;
    let modifiers = modifiers.reply()?;

    let per = keyboard.keysyms_per_keycode;
    let escape = keycodes_for_keysym(&keyboard.keysyms, per, min, ESCAPE_KEYSYM);
    if escape.is_empty() {
        return Err(Error::NoEscapeKey);
    }
    let num_lock_keys = keycodes_for_keysym(&keyboard.keysyms, per, min, NUM_LOCK_KEYSYM);
    // Mod2 is NumLock on virtually every X server; use it when the mapping has no NumLock key.
    let num_lock = modifier_for_keycodes(
        &modifiers.keycodes,
        modifiers.keycodes_per_modifier(),
        &num_lock_keys,
    )
    .unwrap_or(ModMask::M2);

    Ok(escape
        .iter()
        .flat_map(|&keycode| lock_combinations(num_lock).map(|mods| (keycode, mods)))
        .collect())
}

/// The first keycode that types Escape, for test helpers that must press it.
#[cfg(feature = "test-support")]
pub(crate) fn escape_keycode(conn: &impl Connection) -> Result<Keycode, Error> {
    let setup = conn.setup();
    let (min, max) = (setup.min_keycode, setup.max_keycode);
    let count = max.saturating_sub(min).saturating_add(1);
    let keyboard = conn.get_keyboard_mapping(min, count)?.reply()?;
    keycodes_for_keysym(
        &keyboard.keysyms,
        keyboard.keysyms_per_keycode,
        min,
        ESCAPE_KEYSYM,
    )
    .first()
    .copied()
    .ok_or(Error::NoEscapeKey)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_escape_in_any_column_and_on_several_keys() {
        // Keycodes 8, 9, 10, 11 with two keysyms each.
        let keysyms = [0, 0, ESCAPE_KEYSYM, 0, 0x61, 0x41, 0x62, ESCAPE_KEYSYM];
        assert_eq!(keycodes_for_keysym(&keysyms, 2, 8, ESCAPE_KEYSYM), [9, 11]);
        assert!(keycodes_for_keysym(&keysyms, 2, 8, NUM_LOCK_KEYSYM).is_empty());
        assert!(keycodes_for_keysym(&keysyms, 0, 8, ESCAPE_KEYSYM).is_empty());
    }

    #[test]
    fn keycodes_stop_at_255() {
        let keysyms = [ESCAPE_KEYSYM; 4];
        assert_eq!(
            keycodes_for_keysym(&keysyms, 1, 254, ESCAPE_KEYSYM),
            [254, 255]
        );
    }

    #[test]
    fn finds_num_lock_modifier() {
        // Two keycodes per modifier: Shift, Lock, Control, Mod1, Mod2, Mod3, Mod4, Mod5.
        let map = [
            50, 62, 66, 0, 37, 105, 64, 108, 77, 0, 0, 0, 133, 134, 92, 0,
        ];
        assert_eq!(modifier_for_keycodes(&map, 2, &[77]), Some(ModMask::M2));
        // NumLock moved to Mod5 by the user.
        let map = [50, 62, 66, 0, 37, 105, 64, 108, 0, 0, 0, 0, 133, 134, 77, 0];
        assert_eq!(modifier_for_keycodes(&map, 2, &[77]), Some(ModMask::M5));
    }

    #[test]
    fn ignores_missing_or_odd_num_lock() {
        let map = [50, 62, 66, 0, 37, 105, 64, 108, 0, 0, 0, 0, 133, 134, 0, 0];
        assert_eq!(modifier_for_keycodes(&map, 2, &[77]), None);
        assert_eq!(modifier_for_keycodes(&map, 2, &[]), None);
        // NumLock on Lock is not a lock bit we may add to every grab.
        let map = [50, 62, 77, 0, 37, 105, 64, 108, 0, 0, 0, 0, 133, 134, 0, 0];
        assert_eq!(modifier_for_keycodes(&map, 2, &[77]), None);
        assert_eq!(modifier_for_keycodes(&map, 0, &[77]), None);
    }

    #[test]
    fn grabs_cover_caps_lock_and_num_lock() {
        let bits: Vec<u16> = lock_combinations(ModMask::M2)
            .into_iter()
            .map(u16::from)
            .collect();
        assert_eq!(bits, [0, 0x2, 0x10, 0x12]);
    }
}
