#!/usr/bin/env python3
"""Class and id audit of Harbour's page (ui/), run by `./dev check` and `./dev test`.

Keeps each component's classes and ids its own, so a change to one component cannot quietly
restyle or break another (govuk-frontend's one-folder-per-component rule).

Rule: a class used in a component's JS is defined (as a selector) in that component's own CSS,
in the CSS of a component it imports, or in ui/styles/base.css. One exception: a view's root
element may carry its module's own name (article.js -> "article") as a hook, unstyled.
Ids: an id a component's JS looks up (getElementById, querySelector('#..'), aria-labelledby,
aria-describedby, aria-controls, for) is created by that same JS, or is on an element of
index.html that only that component's JS looks up. Also: no class defined in two components'
CSS, no inline style anywhere.
"""
import re, sys, pathlib
args = [a for a in sys.argv[1:] if not a.startswith("--")]
ui = pathlib.Path(args[0] if args else pathlib.Path(__file__).resolve().parent.parent / "ui")
quiet = "--quiet" in sys.argv
problems, notes = [], []

def css_classes(path):
    text = re.sub(r"/\*.*?\*/", "", path.read_text(), flags=re.S)
    sel = "".join(re.findall(r"([^{}]*)\{", text))
    return set(re.findall(r"\.([A-Za-z_][\w-]*)", sel)) - {"0", "5", "15"}

base = css_classes(ui / "styles/base.css")
comp_css = {}
for d in sorted((ui / "components").iterdir()):
    comp_css[d.name] = set().union(*[css_classes(p) for p in d.glob("*.css")]) if list(d.glob("*.css")) else set()

# The same class defined by two components, or by a component and base.
owners = {}
for c, classes in comp_css.items():
    for k in classes:
        owners.setdefault(k, []).append(c)
for k, cs in owners.items():
    if len(cs) > 1 or k in base:
        problems.append(f"class .{k} defined in {cs}{' and base.css' if k in base else ''}")

def js_uses(text):
    classes = set()
    for m in re.finditer(r"""\bclass:\s*(["'`])(.*?)\1""", text):
        classes |= set(m.group(2).split())
    for m in re.finditer(r"""classList\.(?:add|remove|toggle|contains)\(([^)]*)\)""", text):
        classes |= set(re.findall(r"""["']([\w-]+)["']""", m.group(1)))
    for m in re.finditer(r"""(?:querySelector(?:All)?|closest|matches)\((["'`])(.*?)\1""", text):
        classes |= set(re.findall(r"\.([A-Za-z_][\w-]*)", m.group(2)))
    made = set(re.findall(r"""\bid:\s*["']([\w-]+)["']""", text))
    made_patterns = [re.escape(p).replace(r"\$\{", "${") for p in re.findall(r"""\bid:\s*`([^`]*)`""", text)]
    made |= set(re.findall(r"""\bid:\s*["']?([\w-]+)["']?\s*[,}]""", text))  # id: question.id etc.
    looked = set(re.findall(r"""getElementById\(\s*["']([\w-]+)["']""", text))
    for m in re.finditer(r"""(?:querySelector(?:All)?|closest)\((["'`])(.*?)\1""", text):
        looked |= set(re.findall(r"#([A-Za-z_][\w-]*)", m.group(2)))
    for m in re.finditer(r"""["'](?:aria-labelledby|aria-describedby|aria-controls|for)["']?:\s*["']([\w -]+)["']""", text):
        looked |= set(m.group(1).split())
    return classes, made, looked

html = (ui / "index.html").read_text()
html_ids = set(re.findall(r'\bid="([\w-]+)"', html))
html_classes = set()
for m in re.finditer(r'\bclass="([^"]*)"', html):
    html_classes |= set(m.group(1).split())

files = [ui / "app.js"] + sorted((ui / "components").glob("*/*.js"))
html_id_users = {}
all_made = {}
for f in files:
    text = f.read_text()
    comp = f.parent.name if f.parent.parent.name == "components" else "(app)"
    imports = set(re.findall(r"""from\s+["']\.\./([\w-]+)/[\w-]+\.js["']""", text))
    imports |= set(re.findall(r"""from\s+["']\./components/([\w-]+)/[\w-]+\.js["']""", text)) if comp == "(app)" else set()
    if comp != "(app)" and re.search(r"""from\s+["']\./[\w-]+\.js["']""", text):
        pass  # same folder: same component
    allowed = base | comp_css.get(comp, set())
    for i in imports:
        allowed |= comp_css.get(i, set())
    classes, made, looked = js_uses(text)
    rel = f.relative_to(ui)
    for k in sorted(classes):
        if k in allowed:
            continue
        if k == f.stem:
            notes.append(f"{rel}: .{k} is the view's own root hook (unstyled)")
            continue
        where = [c for c, cs in comp_css.items() if k in cs]
        problems.append(f"{rel}: class .{k} not defined by its own CSS, an imported component or base.css (defined in: {where or 'nowhere'})")
    for name in made:
        all_made.setdefault(name, []).append(str(rel))
    for i in sorted(looked):
        if i in made:
            continue
        if i in html_ids:
            html_id_users.setdefault(i, set()).add(comp)
            continue
        problems.append(f"{rel}: looks up #{i}, which it does not create and index.html does not have")
    if re.search(r"""style\s*=|\.style\b|setAttribute\(\s*["']style""", text):
        problems.append(f"{rel}: sets an inline style")
for i, users in sorted(html_id_users.items()):
    if len(users) > 1:
        problems.append(f"index.html #{i} is looked up by several components: {sorted(users)}")
    else:
        notes.append(f"index.html #{i} belongs to {next(iter(users))}")
for i, where in sorted(all_made.items()):
    if len(set(where)) > 1:
        problems.append(f"id {i} created in several files: {where}")
every_css = base.union(*comp_css.values())
for k in sorted(html_classes - every_css):
    problems.append(f"index.html: class .{k} defined in no CSS")
for k in sorted(html_classes):
    notes.append(f"index.html .{k}: " + ", ".join([c for c, cs in comp_css.items() if k in cs] + (["base.css"] if k in base else [])))
# Every stylesheet is linked by index.html: a component's CSS that is not linked styles nothing,
# and nothing else would notice (its classes would still count as defined above).
linked = set(re.findall(r'<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"', html))
for css in sorted([ui / "styles/base.css", *(ui / "components").glob("*/*.css")]):
    rel = css.relative_to(ui).as_posix()
    if rel not in linked:
        problems.append(f"{rel} is not linked by index.html, so it styles nothing")
if re.search(r"<style|\sstyle=|<script(?![^>]*\bsrc=)", html):
    problems.append("index.html has inline style or script")
for n in notes if not quiet else []:
    print("note:", n)
for p in problems:
    print("PROBLEM:", p)
print(f"page audit: {len(problems)} problems (classes and ids stay in their component)")
sys.exit(1 if problems else 0)
