"""The HTML report's stylesheet and script, inlined into every report.

The script only ever puts article text into the page through ``textContent`` and
``setAttribute`` (never ``innerHTML``), and the page's Content-Security-Policy allows
this one script by its SHA-256 hash and nothing else: no other script, no network.
"""

from __future__ import annotations

CSS = """
:root{--bad:#b3261e;--warn:#8a5a00;--info:#1f5f99;--ok:#1e6b34;--line:#d7d7d7;--bg:#fafafa}
*{box-sizing:border-box}
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1b1b1b;background:#fff}
header,main{max-width:1200px;margin:0 auto;padding:12px 20px}
header{border-bottom:1px solid var(--line)}
h1{font-size:20px;margin:4px 0}h2{font-size:17px;margin:18px 0 8px}h3{font-size:15px;margin:14px 0 6px}
.verdict{display:inline-block;padding:2px 8px;border-radius:4px;color:#fff;font-weight:600}
.verdict.pass{background:var(--ok)}.verdict.fail{background:var(--bad)}.verdict.none{background:#555}
.overview{display:flex;flex-wrap:wrap;gap:24px;align-items:flex-start}
.overview>div{flex:1 1 380px}
table{border-collapse:collapse;width:100%}
th,td{border-bottom:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
#cd-table th{cursor:pointer;user-select:none;background:var(--bg);position:sticky;top:0}
#cd-table th[aria-sort=ascending]::after{content:" \\25B2"}#cd-table th[aria-sort=descending]::after{content:" \\25BC"}
#cd-table tr.fail td:first-child{border-left:4px solid var(--bad)}
.controls{display:flex;gap:12px;flex-wrap:wrap;align-items:center;margin:8px 0}
.controls input[type=search]{min-width:260px;padding:4px 6px}
.grade{font-weight:700}.g-A{color:var(--ok)}.g-B{color:#4a7d1e}.g-C{color:var(--warn)}.g-D,.g-F,.g-\\?{color:var(--bad)}
.sev-error{color:var(--bad)}.sev-warning{color:var(--warn)}.sev-info{color:var(--info)}
#cd-detail{border:1px solid var(--line);border-radius:6px;padding:8px 16px;margin:16px 0;background:#fff}
.text{white-space:pre-wrap;font:15px/1.6 Georgia,"Times New Roman",serif;max-width:80ch;overflow-wrap:anywhere}
mark{position:relative;padding:0 1px;border-radius:2px;outline-offset:1px}
mark.sev-error{background:#f9d4d0;color:inherit;border-bottom:2px solid var(--bad)}
mark.sev-warning{background:#fbe7b5;color:inherit;border-bottom:2px solid var(--warn)}
mark.sev-info{background:#d6e6f6;color:inherit;border-bottom:2px solid var(--info)}
mark:hover::after,mark:focus::after{content:attr(data-tip);position:absolute;left:0;top:100%;z-index:5;
 white-space:pre-wrap;width:max-content;max-width:44ch;font:12px/1.4 system-ui,sans-serif;color:#fff;
 background:#222;padding:6px 8px;border-radius:4px;box-shadow:0 2px 6px rgba(0,0,0,.3)}
.text.title{font-weight:700;margin-bottom:8px}
.reasons{color:var(--bad);margin:4px 0}
.muted{color:#666}
svg text{font:11px system-ui,sans-serif;fill:#333}
code{font:12px ui-monospace,Menlo,Consolas,monospace}
"""

JS = r"""
(function () {
  "use strict";
  var table = document.getElementById("cd-table");
  var tbody = table.tBodies[0];
  var rows = Array.prototype.slice.call(tbody.rows);
  var query = document.getElementById("cd-filter");
  var grade = document.getElementById("cd-grade");
  var failing = document.getElementById("cd-failing");
  var shown = document.getElementById("cd-shown");

  function applyFilter() {
    var text = query.value.trim().toLowerCase(), g = grade.value, f = failing.checked, n = 0;
    for (var i = 0; i < rows.length; i++) {
      var r = rows[i];
      var ok = (!text || r.getAttribute("data-search").indexOf(text) >= 0) &&
        (!g || r.getAttribute("data-grade") === g) && (!f || r.getAttribute("data-fail") === "1");
      r.hidden = !ok;
      if (ok) { n++; }
    }
    shown.textContent = n + " of " + rows.length + " shown";
  }

  function sortBy(th) {
    var col = th.cellIndex, numeric = th.getAttribute("data-type") === "num";
    var dir = th.getAttribute("aria-sort") === "ascending" ? -1 : 1;
    Array.prototype.forEach.call(th.parentNode.cells, function (c) { c.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", dir > 0 ? "ascending" : "descending");
    rows.sort(function (a, b) {
      var x = a.cells[col].getAttribute("data-v"), y = b.cells[col].getAttribute("data-v");
      if (numeric) { x = parseFloat(x); y = parseFloat(y); }
      var c = x < y ? -1 : (x > y ? 1 : 0);
      return c * dir || a.getAttribute("data-i") - b.getAttribute("data-i");
    });
    var frag = document.createDocumentFragment();
    rows.forEach(function (r) { frag.appendChild(r); });
    tbody.appendChild(frag);
  }

  query.addEventListener("input", applyFilter);
  grade.addEventListener("change", applyFilter);
  failing.addEventListener("change", applyFilter);
  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
    th.tabIndex = 0;
    th.addEventListener("click", function () { sortBy(th); });
    th.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sortBy(th); } });
  });
  Array.prototype.forEach.call(document.querySelectorAll("a[data-rule]"), function (a) {
    a.addEventListener("click", function (e) {
      e.preventDefault();
      query.value = a.getAttribute("data-rule").toLowerCase();
      applyFilter();
      table.scrollIntoView();
    });
  });

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }

  var RANK = {info: 0, warning: 1, error: 2};
  function paint(parent, segments, findings) {
    segments.forEach(function (s) {
      if (!s[1].length) { parent.appendChild(document.createTextNode(s[0])); return; }
      var worst = "info";
      var tips = s[1].map(function (i) {
        var f = findings[i];  // [code, severity, message, where, baseline state]
        if (RANK[f[1]] > RANK[worst]) { worst = f[1]; }
        return f[0] + " " + f[2];
      });
      var m = el("mark", "sev-" + worst, s[0]);
      m.tabIndex = 0;
      m.setAttribute("data-tip", tips.join("\n"));
      m.setAttribute("aria-description", tips.join("; "));
      m.setAttribute("data-f", s[1].join(" "));
      parent.appendChild(m);
    });
  }

  function cellRow(tr, values, numeric) {
    values.forEach(function (v, i) { tr.appendChild(el("td", numeric[i] ? "n" : "", v)); });
  }

  function render(a) {
    var box = el("section");
    var h = el("h2", "", a.title || a.id);
    box.appendChild(h);
    box.appendChild(el("div", "muted", a.id));
    var line = el("p");
    line.appendChild(el("span", "grade g-" + a.grade, a.grade));
    line.appendChild(document.createTextNode(" " + (a.score === null ? "-" : a.score.toFixed(1)) +
      " / 100, " + a.verdict + ", " + a.words + " words"));
    box.appendChild(line);
    a.gate.forEach(function (r) { box.appendChild(el("div", "reasons", "Gate: " + r)); });
    if (a.scorers.length) {
      box.appendChild(el("h3", "", "Scorers"));
      var t = el("table"), head = el("tr");
      ["scorer", "sub-score", "weight", "contribution", "findings", "error"].forEach(function (c) { head.appendChild(el("th", "", c)); });
      t.appendChild(head);
      a.scorers.forEach(function (s) {
        var tr = el("tr");
        cellRow(tr, [s.prefix + " " + s.name, s.subscore === null ? "-" : s.subscore.toFixed(3), s.weight,
          s.contribution === null ? "-" : s.contribution.toFixed(2), s.findings, s.error || ""],
          [false, true, true, true, true, false]);
        t.appendChild(tr);
      });
      box.appendChild(t);
    }
    box.appendChild(el("h3", "", "Text"));
    var title = el("div", "text title");
    paint(title, a.title_segments, a.findings);
    box.appendChild(title);
    var body = el("div", "text body");
    paint(body, a.segments, a.findings);
    box.appendChild(body);
    var all = a.diagnostics.concat(a.findings);
    if (all.length) {
      box.appendChild(el("h3", "", "Findings (" + all.length + ")"));
      var list = el("ul", "findings");
      all.forEach(function (f) {
        var li = el("li");
        li.appendChild(el("code", "sev-" + f[1], f[0]));
        li.appendChild(document.createTextNode(" " + f[3] + " " + f[2] + (f[4] ? " [" + f[4] + "]" : "")));
        list.appendChild(li);
      });
      box.appendChild(list);
    }
    return box;
  }

  var detail = document.getElementById("cd-detail");
  function show() {
    var m = /^#a-(\d+)$/.exec(location.hash);
    var src = m ? document.getElementById("cd-a-" + m[1]) : null;
    detail.textContent = "";
    detail.hidden = !src;
    if (!src) { return; }
    detail.appendChild(render(JSON.parse(src.textContent)));
    detail.scrollIntoView();
  }
  window.addEventListener("hashchange", show);
  applyFilter();
  show();
  document.body.setAttribute("data-ready", "1");
})();
"""
