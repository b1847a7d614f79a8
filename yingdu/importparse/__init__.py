"""Turn web pages, feeds and pasted text into clean portal items (plain Python, no Django).

The pieces, in the order an import runs them:

* `sources`: a SOURCE argument (file, folder, URL, feed, ``-``) into tasks; feeds into entries;
* `fetch` and `decode`: bytes from disk or HTTP (timeouts, size cap, content type, redirect
  limit), then text in the right encoding (GBK pages with a wrong declaration included);
* `extract`: trafilatura for the main text and metadata of HTML, `blocks` for its tables,
  lists, quotes and code (kept as HTML `Block`s), Yingdu's own line filters for boilerplate
  and untaught languages, and `portal` for where the article ends (the title lists after
  it), datelines, section prefixes, daily terms, grades and bilingual pairs;
* `fingerprint`: the normalized text, its hash and a MinHash signature for deduplication.

Saving, deduplication against the database and the command live in `yingdu.imports`.
"""

from .document import PARSE_KINDS, Parsed, SourceError
from .extract import parse_html, parse_text

__all__ = ["PARSE_KINDS", "Parsed", "SourceError", "parse_html", "parse_text"]
