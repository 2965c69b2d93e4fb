#!/usr/bin/python3
"""Prints Harbour's accessibility tree as Orca reads it, over AT-SPI, as JSON lines.

Run by tests/e2e/tests/screen_reader.rs with the app's session bus in DBUS_SESSION_BUS_ADDRESS.
One line per node: {"depth", "role", "name", "checked", "focused", "showing", "live" (the
live region it is in: polite or assertive), "text" (for live regions, alerts and headings),
"level"}. Needs python3-gi and
gir1.2-atspi-2.0 (at-spi2-core).
"""
import json
import sys

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi  # noqa: E402

APP = sys.argv[1] if len(sys.argv) > 1 else "harbour"
LIMIT = 6000


def attributes(node):
    try:
        return dict(node.get_attributes() or {})
    except Exception:  # noqa: BLE001 - a node that went away mid-walk
        return {}


def walk(node, depth, out):
    if node is None or len(out) >= LIMIT:
        return
    try:
        role = node.get_role_name()
        name = node.get_name() or ""
        states = node.get_state_set()
        attrs = attributes(node)
        live = attrs.get("container-live") or attrs.get("live") or ""
        text = ""
        if live or role in ("alert", "notification", "status", "heading"):
            try:
                text = Atspi.Text.get_text(node, 0, Atspi.Text.get_character_count(node))
            except Exception:  # noqa: BLE001 - no text interface
                text = ""
        out.append(
            {
                "depth": depth,
                "role": role,
                "name": name,
                "checked": states.contains(Atspi.StateType.CHECKED),
                "focused": states.contains(Atspi.StateType.FOCUSED),
                "showing": states.contains(Atspi.StateType.SHOWING),
                "live": live,
                "text": text.replace("\ufffc", "").strip(),
                "level": attrs.get("level", ""),
            }
        )
        for i in range(node.get_child_count()):
            walk(node.get_child_at_index(i), depth + 1, out)
    except Exception as error:  # noqa: BLE001
        out.append({"depth": depth, "role": "error", "name": str(error)})


def main():
    Atspi.init()
    desktop = Atspi.get_desktop(0)
    apps = [desktop.get_child_at_index(i) for i in range(desktop.get_child_count())]
    names = [a.get_name() if a else "" for a in apps]
    out = []
    for app in apps:
        if app is not None and APP.lower() in (app.get_name() or "").lower():
            walk(app, 0, out)
    if not out:
        print(json.dumps({"role": "no-app", "name": ", ".join(n or "?" for n in names)}))
        return 1
    for node in out:
        print(json.dumps(node))
    return 0


if __name__ == "__main__":
    sys.exit(main())
