"""axe-core in the browser tests: where it comes from, how it is injected, what it checks.

axe-core is installed from npm (package.json, package-lock.json at the repository root;
`make node_modules` or `npm ci`), never copied into the repository. It is injected with
Playwright's init script, which Chromium runs outside the page's Content-Security-Policy, so
the site keeps its CSP unchanged while it is audited.
"""

import json
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
AXE_SCRIPT = ROOT / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.0 and 2.1, levels A and AA: the rules the site promises to pass (docs/accessibility.md).
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Best practices the site keeps as well: headings in order, one <h1>, one <main>.
EXTRA_RULES = ["heading-order", "page-has-heading-one", "landmark-one-main"]


def axe_script_or_skip() -> Path:
    """The installed axe-core; skip saying why when it is missing, fail in CI (CI=true)."""
    if AXE_SCRIPT.is_file():
        return AXE_SCRIPT
    reason = f"axe-core not installed at {AXE_SCRIPT}: run `make node_modules` (npm ci)"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(reason + " — CI must install it")
    pytest.skip(reason)


def inject(context, script: Path) -> None:
    """Make `axe` available on every page the context opens (outside the page's CSP)."""
    context.add_init_script(path=str(script))


def violations(page, context_selector=None) -> list[dict]:
    """axe's violations of the WCAG A/AA rules on the page as it is now."""
    return page.evaluate(
        """([selector, tags, extra]) => axe.run(selector || document,
              {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations'],
               rules: Object.fromEntries(extra.map(id => [id, {enabled: true}]))})
            .then(r => r.violations.map(v => ({
              id: v.id, impact: v.impact, help: v.help,
              nodes: v.nodes.map(n => ({target: n.target.join(' '),
                                        html: n.html.slice(0, 160),
                                        why: n.failureSummary}))})))""",
        [context_selector, WCAG_TAGS, EXTRA_RULES],
    )


def describe(found: dict[str, list[dict]]) -> str:
    """Violations grouped by rule and element, with the pages they were seen on."""
    seen: dict[tuple[str, str], dict] = {}
    for where, items in found.items():
        for v in items:
            for node in v["nodes"]:
                key = (v["id"], node["html"])
                entry = seen.setdefault(key, {"rule": v, "node": node, "pages": []})
                entry["pages"].append(where)
    lines = []
    for (rule_id, _), entry in seen.items():
        pages = entry["pages"]
        lines.append(f"{rule_id} ({entry['rule']['impact']}): {entry['rule']['help']}")
        lines.append(f"    {entry['node']['target']}  {entry['node']['html']}")
        lines.append("      " + entry["node"]["why"].replace("\n", "\n      "))
        lines.append(f"    on {len(pages)} page(s): {', '.join(pages[:4])}")
    return "\n".join(lines) or json.dumps(found)
