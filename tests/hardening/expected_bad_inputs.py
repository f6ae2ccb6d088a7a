"""Expected outcomes of the bad-input catalogue (bad_inputs.py): exit code, first stderr line, articles."""

from __future__ import annotations

from typing import Any

EXPECTED: dict[str, tuple[int, str, Any]] = {
    "bidi-txt": (0, "", [("good.txt", False), ("x.txt", False)]),
    "binary-txt": (
        2,
        "copydesk: error: x.txt: binary file (contains NUL bytes)",
        [("good.txt", False), ("x.txt", True)],
    ),
    "blank-txt": (2, "copydesk: error: x.txt: empty file", [("good.txt", False), ("x.txt", True)]),
    "broken-symlink": (2, "copydesk: error: link: a symbolic link to nothing (broken, or a loop)", None),
    "config-bad-selector": (
        2,
        "copydesk: error: --select/--ignore: 'ZZZ999' matches no rule code, prefix or name (see 'copydesk rules')",
        None,
    ),
    "config-bad-toml": (
        2,
        "copydesk: error: bad.toml:1: invalid TOML: Expected ']' at the end of a table declaration (column 5)",
        None,
    ),
    "config-grades-out-of-order": (
        2,
        "copydesk: error: bad.toml:3: scoring.grades.B must be below scoring.grades.A (50), not 70",
        None,
    ),
    "config-huge-weight": (
        2,
        "copydesk: error: bad.toml:2: scoring.weights.hedging must be a number up to 1e+06, not 1e+308",
        None,
    ),
    "config-missing": (2, "copydesk: error: absent.toml: configuration file not found", None),
    "config-nan-weight": (
        2,
        "copydesk: error: bad.toml:2: scoring.weights.hedging must be a finite number, not nan",
        None,
    ),
    "config-unknown-key": (2, "copydesk: error: bad.toml:2: unknown key 'run.nope'", None),
    "config-wrong-type": (2, "copydesk: error: bad.toml:2: run.workers must be integer, not string", None),
    "control-chars-txt": (0, "", [("good.txt", False), ("x.txt", False)]),
    "cr-only-txt": (0, "", [("good.txt", False), ("x.txt", False)]),
    "csv-blank-rows": (0, "", [("good.txt", False), ("2", False)]),
    "csv-cr-only": (0, "", [("good.txt", False), ("1", False), ("2", False)]),
    "csv-cr-only-multiline": (
        2,
        "copydesk: error: x.csv:4 (2): field 'text' is empty",
        [("good.txt", False), ("1", False), ("2", True), ("3", False)],
    ),
    "csv-duplicate-column": (
        2,
        "copydesk: error: x.csv:1: column 'text' appears more than once in the header",
        [("good.txt", False), ("x.csv:1", True)],
    ),
    "csv-empty": (2, "copydesk: error: x.csv: empty file", [("good.txt", False), ("x.csv", True)]),
    "csv-empty-text": (
        2,
        "copydesk: error: x.csv:2 (1): field 'text' is empty",
        [("good.txt", False), ("1", True), ("2", False)],
    ),
    "csv-empty-fields-row": (
        2,
        "copydesk: error: x.csv:2: field 'text' is empty",
        [("good.txt", False), ("x.csv:2", True), ("2", False)],
    ),
    "csv-only-empty-fields": (
        2,
        "copydesk: error: x.csv:2: field 'text' is empty",
        [("good.txt", False), ("x.csv:2", True)],
    ),
    "csv-header-only": (2, "copydesk: error: x.csv: no rows after the header", [("good.txt", False), ("x.csv", True)]),
    "csv-invalid-utf8": (  # the encoding fallback: a mostly ASCII row read as Windows-1252 (a detector guessed cp1250 for one e-acute)
        0,
        "copydesk: warning: x.csv:3 (2): not valid UTF-8; decoded as windows-1252 (no UTF-8 sequence and few bytes above 0x7F)",
        [("good.txt", False), ("1", False), ("2", False)],
    ),
    "csv-long-row": (
        2,
        "copydesk: error: x.csv:2 (1): row has 4 columns, the header has 2",
        [("good.txt", False), ("x.csv:2", True), ("2", False)],
    ),
    "csv-mixed-endings": (0, "", [("good.txt", False), ("1", False), ("2", False), ("3", False)]),
    "csv-no-text-column": (
        2,
        "copydesk: error: x.csv:1: no 'text' column in the header (id, body); map it with [sources.fields] text = \"body\"",
        [("good.txt", False), ("x.csv:1", True)],
    ),
    "csv-nul-byte": (0, "", [("good.txt", False), ("1", False)]),
    "csv-open-quote": (
        2,
        "copydesk: error: x.csv:2: malformed CSV row: a quote opened on line 2 is never closed; read on from line 3",
        [("good.txt", False), ("x.csv:2", True), ("2", False)],
    ),
    "csv-open-quote-closed-later": (
        2,
        "copydesk: error: x.csv:2: malformed CSV row: a quote opened on line 2 runs the row to line 4, and the row"
        " is malformed (',' expected after '\"'); read on from line 3",
        [("good.txt", False), ("x.csv:2", True), ("2", False), ("3", False)],
    ),
    "csv-open-quote-last-line": (
        2,
        "copydesk: error: x.csv:3: malformed CSV row: a quote opened on line 3, the last line, is never closed",
        [("good.txt", False), ("1", False), ("x.csv:3", True)],
    ),
    "csv-open-quote-header": (
        2,
        "copydesk: error: x.csv:1: malformed CSV header: a quote opened on line 1 is never closed",
        [("good.txt", False), ("x.csv:1", True)],
    ),
    "csv-row-too-long": (
        2,
        "copydesk: error: x.csv:2: row longer than sources.max_bytes (1000)",
        [("good.txt", False), ("x.csv:2", True), ("2", False)],
    ),
    "csv-semicolon-no-text": (
        2,
        "copydesk: error: x.csv:1: no 'text' column in the header (id, body); map it with [sources.fields] text = \"body\"",
        [("good.txt", False), ("x.csv:1", True)],
    ),
    "csv-short-row": (
        2,
        "copydesk: error: x.csv:2 (1): row has 2 columns, the header has 3",
        [("good.txt", False), ("x.csv:2", True), ("2", False)],
    ),
    "csv-stray-quote": (
        2,
        "copydesk: error: x.csv:2: malformed CSV row: ',' expected after '\"'",
        [("good.txt", False), ("x.csv:2", True), ("2", False)],
    ),
    "csv-utf16": (
        2,
        "copydesk: error: x.csv: encoded as UTF-16 (a byte order mark); CSV must be UTF-8",
        [("good.txt", False), ("x.csv", True)],
    ),
    "empty-txt": (2, "copydesk: error: x.txt: empty file", [("good.txt", False), ("x.txt", True)]),
    "folder-no-articles": (
        2,
        "copydesk: error: d: no articles in this folder (none of its files matches [sources] include: *.txt, *.md, *.markdown, *.jsonl, *.ndjson, *.csv, *.html, *.htm, *.parquet)",
        None,
    ),
    "front-matter-bad-yaml-md": (0, "", [("good.txt", False), ("x.md", False)]),
    "front-matter-only-md": (
        2,
        "copydesk: error: x.md: no text after the front matter",
        [("good.txt", False), ("x.md", True)],
    ),
    "front-matter-unclosed-md": (
        0,
        "copydesk: warning: x.md: front matter opened on line 1 is never closed by a '---' line (line 4, 'The council approved the budget on Tuesday, officials said.', is not 'key: value'); the block is read as body text",
        [("good.txt", False), ("x.md", False)],
    ),
    "front-matter-yaml-list-md": (0, "", [("good.txt", False), ("x.md", False)]),
    "front-matter-not-key-value-md": (
        0,
        "copydesk: warning: x.md: front matter line 3 ('not a key') is not 'key: value'; the block is read as body text",
        [("good.txt", False), ("x.md", False)],
    ),
    "html-binary": (
        2,
        "copydesk: error: x.html: binary file (contains NUL bytes)",
        [("good.txt", False), ("x.html", True)],
    ),
    "html-broken-markup": (0, "", [("good.txt", False), ("x.html", False)]),
    "html-only-navigation": (
        2,
        "copydesk: error: x.html: no main text found in the HTML",
        [("good.txt", False), ("x.html", True)],
    ),
    "html-empty": (2, "copydesk: error: x.html: empty file", [("good.txt", False), ("x.html", True)]),
    "html-no-body-text": (
        2,
        "copydesk: error: x.html: no main text found in the HTML",
        [("good.txt", False), ("x.html", True)],
    ),
    "huge-line-txt": (
        2,
        "copydesk: error: x.txt: larger than sources.max_bytes (1000 bytes)",
        [("good.txt", False), ("x.txt", True)],
    ),
    "jsonl-array": (
        2,
        "copydesk: error: x.jsonl:1: a JSON array, not an object",
        [("good.txt", False), ("x.jsonl:1", True), ("rec", False)],
    ),
    "jsonl-blank-lines": (
        2,
        "copydesk: error: x.jsonl: empty file (no JSON records)",
        [("good.txt", False), ("x.jsonl", True)],
    ),
    "jsonl-cr-only": (0, "", [("good.txt", False), ("rec", False), ("rec2", False)]),
    "jsonl-crlf": (0, "", [("good.txt", False), ("rec", False), ("rec2", False)]),
    "jsonl-deep-nesting": (
        2,
        "copydesk: error: x.jsonl:1: not readable JSON: arrays or objects nested too deeply",
        [("good.txt", False), ("x.jsonl:1", True), ("rec", False)],
    ),
    "jsonl-duplicate-ids": (
        0,
        "copydesk: warning: x.jsonl:2: id 'rec' is also an earlier article's id; reports, gate lines and baselines cannot tell the two apart",
        [("good.txt", False), ("rec", False), ("rec", False)],
    ),
    "jsonl-empty": (
        2,
        "copydesk: error: x.jsonl: empty file (no JSON records)",
        [("good.txt", False), ("x.jsonl", True)],
    ),
    "jsonl-huge-int": (
        2,
        "copydesk: error: x.jsonl:1: not readable JSON: integer too long (ValueError: Exceeds the limit (4300 digits) for integer string conversion: value has 6000 digits; use sys.set_int_max_str_digits() to increase the limit)",
        [("good.txt", False), ("x.jsonl:1", True), ("rec", False)],
    ),
    "jsonl-ignore-bad-type": (
        2,
        "copydesk: error: x.jsonl:1 (i): field 'copydesk_ignore' must be a string or a list of strings",
        [("good.txt", False), ("i", True), ("rec", False)],
    ),
    "jsonl-invalid-utf8": (
        0,
        "copydesk: warning: x.jsonl:1 (u): not valid UTF-8; decoded as windows-1252 (no UTF-8 sequence and few bytes above 0x7F)",
        [("good.txt", False), ("u", False), ("rec", False)],
    ),
    "jsonl-line-too-long": (
        2,
        "copydesk: error: x.jsonl:1: line longer than sources.max_bytes (1000)",
        [("good.txt", False), ("x.jsonl:1", True), ("rec", False)],
    ),
    "jsonl-lone-surrogate": (
        2,
        "copydesk: error: x.jsonl:1 (s): not valid Unicode: an unpaired surrogate U+D800",
        [("good.txt", False), ("x.jsonl:1", True), ("rec", False)],
    ),
    "jsonl-nan-literal": (0, "", [("good.txt", False), ("nan", False), ("rec", False)]),
    "jsonl-newline-in-id": (0, "", [("good.txt", False), ("a\n::error::forged", False)]),
    "jsonl-no-final-newline": (0, "", [("good.txt", False), ("rec", False)]),
    "jsonl-no-text": (
        2,
        "copydesk: error: x.jsonl:1 (a): record has no 'text' field; if another one holds the text, name it with [sources.fields] text = \"NAME\"",
        [("good.txt", False), ("a", True), ("rec", False)],
    ),
    "jsonl-not-json": (
        2,
        "copydesk: error: x.jsonl:1: not valid JSON: expecting property name enclosed in double quotes (column 2)",
        [("good.txt", False), ("x.jsonl:1", True), ("rec", False)],
    ),
    "jsonl-null": (
        2,
        "copydesk: error: x.jsonl:1: a JSON null, not an object",
        [("good.txt", False), ("x.jsonl:1", True), ("rec", False)],
    ),
    "jsonl-string": (
        2,
        "copydesk: error: x.jsonl:1: a JSON string, not an object",
        [("good.txt", False), ("x.jsonl:1", True), ("rec", False)],
    ),
    "jsonl-text-empty": (
        2,
        "copydesk: error: x.jsonl:1 (a): field 'text' is empty",
        [("good.txt", False), ("a", True), ("rec", False)],
    ),
    "jsonl-text-null": (
        2,
        "copydesk: error: x.jsonl:1 (a): field 'text' is null, not a string",
        [("good.txt", False), ("a", True), ("rec", False)],
    ),
    "jsonl-text-number": (
        2,
        "copydesk: error: x.jsonl:1 (a): field 'text' is number, not a string",
        [("good.txt", False), ("a", True), ("rec", False)],
    ),
    "jsonl-truncated": (
        2,
        "copydesk: error: x.jsonl:2 (rec): not valid JSON: unterminated string (column 15)",
        [("good.txt", False), ("rec", False), ("x.jsonl:2", True)],
    ),
    "jsonl-utf16": (
        2,
        "copydesk: error: x.jsonl: encoded as UTF-16 (a byte order mark); JSONL must be UTF-8",
        [("good.txt", False), ("x.jsonl", True)],
    ),
    "jsonl-utf8-bom": (0, "", [("good.txt", False), ("rec", False)]),
    "latin1-txt": (
        0,
        "copydesk: warning: x.txt: not valid UTF-8; decoded as windows-1252 (no UTF-8 sequence and few bytes above 0x7F)",
        [("good.txt", False), ("x.txt", False)],
    ),
    "lone-surrogate-bytes-txt": (
        0,
        "copydesk: warning: x.txt: not valid UTF-8; decoded as windows-1252 (no UTF-8 sequence and few bytes above 0x7F)",
        [("good.txt", False), ("x.txt", False)],
    ),
    "markdown-ignore-unknown-md": (0, "", [("good.txt", False), ("x.md", False)]),
    "missing-path": (2, "copydesk: error: nowhere.txt: no such file or directory", None),
    "ndjson-extension": (0, "", [("good.txt", False), ("rec", False)]),
    "nul-bytes-txt": (
        2,
        "copydesk: error: x.txt: binary file (contains NUL bytes)",
        [("good.txt", False), ("x.txt", True)],
    ),
    "only-punctuation-txt": (0, "", [("good.txt", False), ("x.txt", False)]),
    "symlink-loop-folder": (0, "", [("good.txt", False), ("d/a.txt", False)]),
    "title-and-comment-txt": (
        2,
        "copydesk: error: x.txt: no body text after the title (line 1)",
        [("good.txt", False), ("x.txt", True)],
    ),
    "title-and-ignore-comment-txt": (
        2,
        "copydesk: error: x.txt: no body text after the title (line 1)",
        [("good.txt", False), ("x.txt", True)],
    ),
    "front-matter-and-comment-md": (
        2,
        "copydesk: error: x.md: no text after the front matter",
        [("good.txt", False), ("x.md", True)],
    ),
    "title-and-unclosed-comment-txt": (0, "", [("good.txt", False), ("x.txt", False)]),
    "jsonl-text-only-comment": (
        2,
        "copydesk: error: x.jsonl:1: field 'text' holds only HTML comments, no text",
        [("good.txt", False), ("x.jsonl:1", True)],
    ),
    "csv-text-only-comment": (
        2,
        "copydesk: error: x.csv:2: field 'text' holds only HTML comments, no text",
        [("good.txt", False), ("x.csv:2", True)],
    ),
    "title-only-txt": (
        2,
        "copydesk: error: x.txt: no body text after the title (line 1)",
        [("good.txt", False), ("x.txt", True)],
    ),
    "unknown-extension": (
        2,
        "copydesk: error: x.dat: unknown input format '.dat' (known: .txt, .md, .markdown, .jsonl, .ndjson, .csv, .json, .html, .htm, .parquet; rename it, or pipe it to '-' with [sources] stdin_format)",
        [("good.txt", False), ("x.dat", True)],
    ),
    "no-extension": (0, "", [("good.txt", False), ("x", False)]),
    "json-array": (
        2,
        "copydesk: error: x.json:3 (b): field 'text' is empty",
        [("good.txt", False), ("a", False), ("b", True), ("x.json:4", True)],
    ),
    "json-object": (
        2,
        "copydesk: error: x.json: a JSON object, not an array of records (one record: put it in [ ], or save records one a line as .jsonl)",
        [("good.txt", False), ("x.json", True)],
    ),
    "utf16-bom-txt": (
        0,
        "copydesk: warning: x.txt: not valid UTF-8; decoded as utf-16 (byte order mark)",
        [("good.txt", False), ("x.txt", False)],
    ),
    "utf8-bom-txt": (0, "", [("good.txt", False), ("x.txt", False)]),
    "very-long-word-txt": (0, "", [("good.txt", False), ("x.txt", False)]),
    "config-max-failing-over-100": (
        2,
        'copydesk: error: bad.toml:2: gate.max_failing must be a count like "5" (at most 18 digits) or a share like "5%" (at most 100%),'
        " not '150%'",
        None,
    ),
    "config-max-failing-negative": (
        2,
        'copydesk: error: bad.toml:2: gate.max_failing must be a count like "5" (at most 18 digits) or a share like "5%" (at most 100%),'
        " not '-1'",
        None,
    ),
    "config-max-failing-bool": (
        2,
        'copydesk: error: bad.toml:2: gate.max_failing must be a count like "5" (at most 18 digits) or a share like "5%" (at most 100%),'
        " not boolean",
        None,
    ),
    "config-max-failing-fraction": (
        2,
        'copydesk: error: bad.toml:2: gate.max_failing must be a count like "5" (at most 18 digits) or a share like "5%" (at most 100%),'
        " not number",
        None,
    ),
    "config-empty-field-name": (
        2,
        "copydesk: error: bad.toml:2: sources.fields.id must name a field (JSONL key or CSV column), not be empty",
        None,
    ),
    "config-empty-ignore-entry": (2, "copydesk: error: bad.toml:2: run.ignore item 2 is an empty string", None),
    "config-empty-plugin-list-entry": (
        2,
        "copydesk: error: bad.toml:2: plugins.hedging.extra_cues item 1 is an empty string",
        None,
    ),
    "config-history-url-control": (
        2,
        "copydesk: error: bad.toml:2: history.url: history a\\x1b[2J.db: a history URL must not contain control characters",
        None,
    ),
    "cr-only-front-matter-md": (0, "", [("good.txt", False), ("x.md", False)]),
    "crlf-front-matter-md": (0, "", [("good.txt", False), ("x.md", False)]),
    "jsonl-boolean-id": (0, "", [("good.txt", False), ("true", False)]),
    "jsonl-object-id": (0, "", [("good.txt", False), ('{"a":[2],"b":1}', False)]),
    "jsonl-typed-escape-id": (0, "", [("good.txt", False), ("typed\\x1b", False)]),
}
