"""The bad-input catalogue's inputs: name -> (files, extra arguments), each beside one good article.

Every case is scored together with ``good.txt``; tests/hardening/test_bad_inputs.py holds
the expected exit code and first stderr line of each.
"""

from __future__ import annotations

import json

GOOD = "The council approved the budget on Tuesday, officials said.\n" * 8
ARTICLE = "Title\n\n" + GOOD
LINE = GOOD.replace("\n", " ").strip()  # one JSON string
CELL = LINE.replace(",", "")  # one CSV cell
REC = {"id": "rec", "title": "T", "text": GOOD}


def _jsonl(*lines: str) -> bytes:
    return ("\n".join(lines) + "\n").encode()


def _csv(text: str) -> bytes:
    return text.encode()


#: name -> (files to create: relative path -> bytes, extra command-line arguments before the paths)
CASES: dict[str, tuple[dict[str, bytes], list[str]]] = {
    # text files
    "empty-txt": ({"x.txt": b""}, []),
    "blank-txt": ({"x.txt": b"   \n\n\t\n"}, []),
    "nul-bytes-txt": ({"x.txt": b"Title\n\nabc\x00\x00\x00def\x00" * 50}, []),
    "binary-txt": ({"x.txt": bytes(range(256)) * 40}, []),
    "latin1-txt": ({"x.txt": ("Caf\u00e9 news\n\n" + GOOD).encode("latin-1")}, []),
    "utf16-bom-txt": ({"x.txt": ("Title\n\n" + GOOD).encode("utf-16")}, []),
    "utf8-bom-txt": ({"x.txt": b"\xef\xbb\xbf" + ARTICLE.encode()}, []),
    "lone-surrogate-bytes-txt": ({"x.txt": b"Title\n\n\xed\xa0\x80 text " + GOOD.encode()}, []),
    "title-only-txt": ({"x.txt": b"Just a title\n"}, []),
    "title-and-comment-txt": ({"x.txt": b"Just a title\n<!-- note -->\n"}, []),
    "title-and-ignore-comment-txt": ({"x.txt": b"Just a title\n\n<!-- copydesk: ignore HDG -->\n  \n"}, []),
    "front-matter-and-comment-md": ({"x.md": b"---\ntitle: x\n---\n<!-- note -->\n"}, []),
    "title-and-unclosed-comment-txt": ({"x.txt": b"Just a title\n<!-- note\n"}, []),
    "jsonl-text-only-comment": ({"x.jsonl": b'{"text": " <!-- x --> "}\n'}, []),
    "csv-text-only-comment": ({"x.csv": b'text\n"<!-- x -->"\n'}, []),
    "huge-line-txt": ({"x.txt": b"T\n\n" + b"word " * 300_000}, ["--config", "small.toml"]),
    "cr-only-txt": ({"x.txt": ARTICLE.replace("\n", "\r").encode()}, []),
    "control-chars-txt": ({"x.txt": ("Ti\x1b[2Jtle\n\n" + GOOD + "\x07\x08").encode()}, []),
    "bidi-txt": ({"x.txt": ("\u202eTitle\n\n" + GOOD).encode()}, []),
    "very-long-word-txt": ({"x.txt": ("T\n\n" + "a" * 200_000 + " " + GOOD).encode()}, []),
    "only-punctuation-txt": ({"x.txt": b"T\n\n" + b"!?.,;:" * 2000}, []),
    "front-matter-unclosed-md": ({"x.md": ("---\ntitle: x\n\n" + GOOD).encode()}, []),
    "front-matter-bad-yaml-md": ({"x.md": ("---\ntitle: [x\n---\n" + GOOD).encode()}, []),
    "front-matter-yaml-list-md": (
        {"x.md": ("---\ntitle: T\n\n# a comment\nauthor:\n  - Jane Roe\ntags:\n- a\n- b\n---\n" + GOOD).encode()},
        [],
    ),
    "front-matter-not-key-value-md": ({"x.md": ("---\ntitle: T\nnot a key\n---\n" + GOOD).encode()}, []),
    "front-matter-only-md": ({"x.md": b"---\ntitle: x\n---\n"}, []),
    "markdown-ignore-unknown-md": ({"x.md": ("<!-- copydesk: ignore-file ZZZ999 -->\nT\n\n" + GOOD).encode()}, []),
    # JSONL
    "jsonl-empty": ({"x.jsonl": b""}, []),
    "jsonl-blank-lines": ({"x.jsonl": b"\n\n  \n"}, []),
    "jsonl-not-json": ({"x.jsonl": _jsonl("{nope", json.dumps(REC))}, []),
    "jsonl-array": ({"x.jsonl": _jsonl("[1, 2]", json.dumps(REC))}, []),
    "jsonl-string": ({"x.jsonl": _jsonl('"text"', json.dumps(REC))}, []),
    "jsonl-null": ({"x.jsonl": _jsonl("null", json.dumps(REC))}, []),
    "jsonl-no-text": ({"x.jsonl": _jsonl(json.dumps({"id": "a"}), json.dumps(REC))}, []),
    "jsonl-text-number": ({"x.jsonl": _jsonl(json.dumps({"id": "a", "text": 5}), json.dumps(REC))}, []),
    "jsonl-text-empty": ({"x.jsonl": _jsonl(json.dumps({"id": "a", "text": " "}), json.dumps(REC))}, []),
    "jsonl-text-null": ({"x.jsonl": _jsonl(json.dumps({"id": "a", "text": None}), json.dumps(REC))}, []),
    "jsonl-deep-nesting": (
        {"x.jsonl": _jsonl('{"text": "x", "n": ' + "[" * 50_000 + "]" * 50_000 + "}", json.dumps(REC))},
        [],
    ),
    "jsonl-huge-int": ({"x.jsonl": _jsonl('{"text": "x", "n": ' + "7" * 6000 + "}", json.dumps(REC))}, []),
    "jsonl-nan-literal": ({"x.jsonl": _jsonl('{"text": "' + LINE + '", "id": "nan", "n": NaN}', json.dumps(REC))}, []),
    "jsonl-lone-surrogate": ({"x.jsonl": _jsonl('{"id": "s", "text": "a \\ud800 b"}', json.dumps(REC))}, []),
    "jsonl-invalid-utf8": ({"x.jsonl": b'{"id": "u", "text": "caf\xe9"}\n' + _jsonl(json.dumps(REC))}, []),
    "jsonl-utf16": ({"x.jsonl": _jsonl(json.dumps(REC)).decode().encode("utf-16")}, []),
    "jsonl-utf8-bom": ({"x.jsonl": b"\xef\xbb\xbf" + _jsonl(json.dumps(REC))}, []),
    "jsonl-cr-only": ({"x.jsonl": (json.dumps(REC) + "\r" + json.dumps({**REC, "id": "rec2"}) + "\r").encode()}, []),
    "jsonl-crlf": ({"x.jsonl": (json.dumps(REC) + "\r\n" + json.dumps({**REC, "id": "rec2"}) + "\r\n").encode()}, []),
    "jsonl-no-final-newline": ({"x.jsonl": json.dumps(REC).encode()}, []),
    "jsonl-line-too-long": (
        {"x.jsonl": _jsonl(json.dumps({"text": "w " * 5000}), json.dumps(REC))},
        ["--config", "small.toml"],
    ),
    "jsonl-ignore-bad-type": (
        {"x.jsonl": _jsonl(json.dumps({**REC, "id": "i", "copydesk_ignore": 5}), json.dumps(REC))},
        [],
    ),
    "jsonl-duplicate-ids": ({"x.jsonl": _jsonl(json.dumps(REC), json.dumps(REC))}, []),
    "jsonl-newline-in-id": ({"x.jsonl": _jsonl(json.dumps({**REC, "id": "a\n::error::forged"}))}, []),
    "jsonl-truncated": ({"x.jsonl": _jsonl(json.dumps(REC), json.dumps(REC)[:20])}, []),
    "ndjson-extension": ({"x.ndjson": _jsonl(json.dumps(REC))}, []),
    # CSV
    "csv-empty": ({"x.csv": b""}, []),
    "csv-header-only": ({"x.csv": _csv("id,text\n")}, []),
    "csv-no-text-column": ({"x.csv": _csv("id,body\n1,hello\n")}, []),
    "csv-duplicate-column": ({"x.csv": _csv("id,text,text\n1,a,b\n")}, []),
    "csv-short-row": ({"x.csv": _csv(f"id,title,text\n1,T\n2,T,{CELL}\n")}, []),
    "csv-long-row": ({"x.csv": _csv(f"id,text\n1,a,b,c\n2,{CELL}\n")}, []),
    "csv-open-quote": ({"x.csv": _csv(f'id,text\n1,"{CELL}\n2,fine\n')}, []),
    "csv-invalid-utf8": ({"x.csv": b"id,text\n1," + CELL.encode() + b"\n2,caf\xe9 " + CELL.encode() + b"\n"}, []),
    "csv-empty-text": ({"x.csv": _csv(f"id,text\n1,\n2,{CELL}\n")}, []),
    "csv-blank-rows": ({"x.csv": _csv(f"id,text\n\n\n2,{CELL}\n\n")}, []),
    "csv-empty-fields-row": ({"x.csv": _csv(f"id,title,text\n,,\n2,T,{CELL}\n")}, []),
    "csv-only-empty-fields": ({"x.csv": _csv('text\n""\n')}, []),
    "csv-nul-byte": ({"x.csv": b"id,text\n1,a\x00b\n"}, []),
    "csv-utf16": ({"x.csv": f"id,text\n1,{CELL}\n".encode("utf-16")}, []),
    "csv-semicolon-no-text": ({"x.csv": _csv(f"id;body\n1;{CELL}\n")}, []),
    "csv-cr-only": ({"x.csv": _csv(f"id,text\r1,{CELL}\r2,{CELL}\r")}, []),
    "csv-cr-only-multiline": ({"x.csv": _csv(f'id,text\r1,"{CELL}\r{CELL}"\r2,\r3,{CELL}\r')}, []),
    "csv-mixed-endings": ({"x.csv": _csv(f"id,text\r\n1,{CELL}\r2,{CELL}\n3,{CELL}")}, []),
    "csv-stray-quote": ({"x.csv": _csv(f'id,text\n1,"{CELL}" and more\n2,{CELL}\n')}, []),
    "csv-row-too-long": ({"x.csv": _csv(f"id,text\n1,{CELL * 3}\n2,{CELL}\n")}, ["--config", "small.toml"]),
    "csv-open-quote-header": ({"x.csv": _csv(f'"id,text\n1,{CELL}\n')}, []),
    "csv-open-quote-closed-later": ({"x.csv": _csv(f'id,text\n1,"{CELL}\n2,{CELL}\n3,"{CELL}"\n')}, []),
    "csv-open-quote-last-line": ({"x.csv": _csv(f'id,text\n1,{CELL}\n2,"{CELL}\n')}, []),
    # HTML
    "html-empty": ({"x.html": b""}, []),
    "html-no-body-text": (
        {"x.html": b"<html><head><title>T</title></head><body><script>x()</script></body></html>"},
        [],
    ),
    "html-only-navigation": ({"x.html": b"<html><body><nav>Home</nav></body></html>"}, []),
    "html-broken-markup": ({"x.html": ("<html><body><p>" + GOOD + "<div><<<>>></p").encode()}, []),
    "html-binary": ({"x.html": bytes(range(256)) * 10}, []),
    # folders and paths
    "folder-no-articles": ({"d/readme.rst": b"x"}, ["d"]),
    "missing-path": ({}, ["nowhere.txt"]),
    "broken-symlink": ({"@link": b"nowhere"}, ["link"]),
    "symlink-loop-folder": ({"d/a.txt": ARTICLE.encode(), "@d/loop": b"."}, ["d"]),
    "unknown-extension": ({"x.dat": ARTICLE.encode()}, ["x.dat"]),
    "no-extension": ({"x": ARTICLE.encode()}, ["x"]),
    "json-array": (
        {"x.json": ('[\n{"id": "a", "text": "' + LINE + '"},\n{"id": "b", "text": ""},\n5\n]\n').encode()},
        [],
    ),
    "json-object": ({"x.json": json.dumps(REC).encode()}, []),
    # configuration
    "config-bad-toml": ({"bad.toml": b"[run\n"}, ["--config", "bad.toml"]),
    "config-unknown-key": ({"bad.toml": b"[run]\nnope = 1\n"}, ["--config", "bad.toml"]),
    "config-wrong-type": ({"bad.toml": b'[run]\nworkers = "two"\n'}, ["--config", "bad.toml"]),
    "config-huge-weight": ({"bad.toml": b"[scoring.weights]\nhedging = 1e308\n"}, ["--config", "bad.toml"]),
    "config-nan-weight": ({"bad.toml": b"[scoring.weights]\nhedging = nan\n"}, ["--config", "bad.toml"]),
    "config-missing": ({}, ["--config", "absent.toml"]),
    "config-bad-selector": ({}, ["--select", "ZZZ999"]),
    "config-max-failing-over-100": ({"bad.toml": b'[gate]\nmax_failing = "150%"\n'}, ["--config", "bad.toml"]),
    "config-max-failing-negative": ({"bad.toml": b"[gate]\nmax_failing = -1\n"}, ["--config", "bad.toml"]),
    "config-max-failing-bool": ({"bad.toml": b"[gate]\nmax_failing = true\n"}, ["--config", "bad.toml"]),
    "config-max-failing-fraction": ({"bad.toml": b"[gate]\nmax_failing = 1.5\n"}, ["--config", "bad.toml"]),
    "config-empty-field-name": ({"bad.toml": b'[sources.fields]\nid = ""\n'}, ["--config", "bad.toml"]),
    "config-empty-ignore-entry": ({"bad.toml": b'[run]\nignore = ["HDG", ""]\n'}, ["--config", "bad.toml"]),
    "config-empty-plugin-list-entry": (
        {"bad.toml": b'[plugins.hedging]\nextra_cues = [""]\n'},
        ["--config", "bad.toml"],
    ),
    "config-grades-out-of-order": ({"bad.toml": b"[scoring.grades]\nA = 50\nB = 70\n"}, ["--config", "bad.toml"]),
    "config-history-url-control": ({"bad.toml": b'[history]\nurl = "a\\u001b[2J.db"\n'}, ["--config", "bad.toml"]),
    # line endings, record values that are not strings, backslashes
    "cr-only-front-matter-md": (
        {"x.md": ("---\ntitle: T\nbyline: By A\n---\n\n" + GOOD).replace("\n", "\r").encode()},
        [],
    ),
    "crlf-front-matter-md": ({"x.md": ("---\ntitle: T\n---\n\n" + GOOD).replace("\n", "\r\n").encode()}, []),
    "jsonl-boolean-id": ({"x.jsonl": _jsonl(json.dumps({**REC, "id": True, "title": 1}))}, []),
    "jsonl-object-id": ({"x.jsonl": _jsonl(json.dumps({**REC, "id": {"b": 1, "a": [2]}}))}, []),
    "jsonl-typed-escape-id": ({"x.jsonl": _jsonl(json.dumps({**REC, "id": "typed\\x1b"}))}, []),
}
