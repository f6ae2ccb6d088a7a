"""The HTML report's stylesheet and script, inlined into every report.

The script only ever puts article text into the page through ``textContent`` and
``setAttribute`` (never ``innerHTML``), builds every link it makes from numbers
(``#a-ARTICLE-f-FINDING``), and the page's Content-Security-Policy allows this one
script by its SHA-256 hash and nothing else: no other script, no network.
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
.reading{display:grid;grid-template-columns:minmax(0,3fr) minmax(300px,2fr);gap:20px;align-items:start}
.pane{max-height:calc(100vh - 40px);overflow-y:auto;overscroll-behavior:contain;padding-right:8px}
.pane.side{border-left:1px solid var(--line);padding-left:14px}
@media (max-width:760px){.reading{grid-template-columns:1fr}.pane.side{order:-1;border-left:0;padding-left:0;max-height:45vh}}
ol.findings{list-style:none;padding:0;margin:0}
ol.findings li{padding:5px 6px;border-bottom:1px solid var(--line);scroll-margin:8px}
ol.findings li.current{background:#fff4c2}
ol.findings a{color:inherit;text-decoration:none;display:block}
ol.findings a:hover .msg,ol.findings a:focus .msg{text-decoration:underline}
ol.findings .where{color:#666;font-size:12px}
mark a{color:inherit;text-decoration:none}
mark.current{outline:2px solid #1b1b1b}
mark{padding:0 1px;border-radius:2px;outline-offset:1px;scroll-margin:40px}
.pane.main{position:relative}
mark.sev-error{background:#f9d4d0;color:inherit;border-bottom:2px solid var(--bad)}
mark.sev-warning{background:#fbe7b5;color:inherit;border-bottom:2px solid var(--warn)}
mark.sev-info{background:#d6e6f6;color:inherit;border-bottom:2px solid var(--info)}
mark:hover::after,mark:focus-within::after{content:attr(data-tip);position:absolute;left:12px;right:20px;z-index:5;
 margin-top:1.75em;white-space:pre-wrap;font:12px/1.4 system-ui,sans-serif;color:#fff;
 background:#222;padding:6px 8px;border-radius:4px;box-shadow:0 2px 6px rgba(0,0,0,.3)}
.text.title{font-weight:700;margin-bottom:8px}
.reasons{color:var(--bad);margin:4px 0}
.muted{color:#666}
svg text{font:11px system-ui,sans-serif;fill:#333}
figure.chart{margin:0}figure.chart figcaption{font-size:12px;max-width:560px}
table.chart-data{width:auto}details summary{cursor:pointer;color:var(--info);font-size:12px}
td.trend svg{vertical-align:middle}td.trend .series{font-size:11px}
#cd-sources a,#cd-rules a{color:inherit}
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
  var rule = document.getElementById("cd-rule");
  var source = document.getElementById("cd-source");
  var failing = document.getElementById("cd-failing");
  var shown = document.getElementById("cd-shown");
  // The filters' keys, read once: 5,000 rows are filtered without touching the DOM but to hide or show.
  var keys = rows.map(function (r) {
    return {row: r, search: r.getAttribute("data-search"), grade: r.getAttribute("data-grade"),
      fail: r.getAttribute("data-fail") === "1", source: r.getAttribute("data-source"),
      rules: r.getAttribute("data-rules")};
  });

  function applyFilter() {
    var text = query.value.trim().toLowerCase(), g = grade.value, f = failing.checked, n = 0;
    var code = rule.value ? " " + rule.value + " " : "", src = source.value;
    for (var i = 0; i < keys.length; i++) {
      var k = keys[i];
      var ok = (!text || k.search.indexOf(text) >= 0) && (!g || k.grade === g) && (!f || k.fail) &&
        (!code || k.rules.indexOf(code) >= 0) && (!src || k.source === src);
      if (k.row.hidden === ok) { k.row.hidden = !ok; }
      if (ok) { n++; }
    }
    shown.textContent = n + " of " + keys.length + " shown";
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
  [grade, rule, source, failing].forEach(function (c) { c.addEventListener("change", applyFilter); });
  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
    th.tabIndex = 0;
    th.addEventListener("click", function () { sortBy(th); });
    th.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sortBy(th); } });
  });
  function filterLinks(attr, select) {
    Array.prototype.forEach.call(document.querySelectorAll("a[" + attr + "]"), function (a) {
      a.addEventListener("click", function (e) {
        e.preventDefault();
        select.value = a.getAttribute(attr);
        applyFilter();
        table.scrollIntoView();
      });
    });
  }
  filterLinks("data-rule", rule);
  filterLinks("data-source", source);

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }

  var RANK = {info: 0, warning: 1, error: 2};
  // Highlights: each marked piece links to its first finding; each finding's first piece is its target.
  function paint(parent, segments, a, marks) {
    segments.forEach(function (s) {
      if (!s[1].length) { parent.appendChild(document.createTextNode(s[0])); return; }
      var worst = "info";
      var tips = s[1].map(function (i) {
        var f = a.findings[i];  // [code, severity, message, where, baseline state]
        if (RANK[f[1]] > RANK[worst]) { worst = f[1]; }
        return f[0] + " " + f[2];
      });
      var m = el("mark", "sev-" + worst);
      var link = el("a", "", s[0]);
      link.setAttribute("href", "#a-" + a.index + "-f-" + s[1][0]);
      link.setAttribute("aria-description", tips.join("; "));
      m.setAttribute("data-tip", tips.join("\n"));
      m.setAttribute("data-f", s[1].join(" "));
      s[1].forEach(function (i) {
        if (!marks[i]) { marks[i] = link; if (!link.id) { link.id = "a-" + a.index + "-m-" + i; } }
      });
      m.appendChild(link);
      parent.appendChild(m);
    });
  }

  function cellRow(tr, values, numeric) {
    values.forEach(function (v, i) { tr.appendChild(el("td", numeric[i] ? "n" : "", v)); });
  }

  function scorers(a) {
    var box = el("div"), t = el("table"), head = el("tr"), modelled = false;
    ["scorer", "sub-score", "weight", "contribution", "costliest features", "findings", "error"].forEach(function (c) { head.appendChild(el("th", "", c)); });
    t.appendChild(head);
    a.scorers.forEach(function (s) {
      var tr = el("tr"), unused = "\u2014";
      modelled = modelled || s.modelled;
      cellRow(tr, [s.prefix + " " + s.name, s.modelled ? unused : s.subscore === null ? "-" : s.subscore.toFixed(3),
        s.modelled ? unused : s.weight, s.contribution === null ? "-" : s.contribution.toFixed(2), s.costs,
        s.findings, s.error || ""],
        [false, !s.modelled, !s.modelled, true, false, true, false]);
      if (s.modelled) { tr.cells[1].title = tr.cells[2].title = "weighed by the model through its features"; }
      t.appendChild(tr);
    });
    box.appendChild(t);
    if (modelled) {
      box.appendChild(el("p", "muted", "\u2014: the model weighs this scorer through its features (the costliest " +
        "are listed, with their points), so its sub-score and weight play no part in the score."));
    }
    return box;
  }

  function item(a, f, index, marks, items) {
    var li = el("li"), line = li;
    if (index !== null) {
      li.id = "a-" + a.index + "-f-" + index;
      items[index] = li;
      if (marks[index]) {
        line = el("a");
        line.setAttribute("href", "#a-" + a.index + "-m-" + index);
        li.appendChild(line);
      }
    }
    line.appendChild(el("code", "sev-" + f[1], f[0]));
    line.appendChild(el("span", "where", " " + f[3] + " "));
    line.appendChild(el("span", "msg", f[2]));
    if (f[4]) { line.appendChild(el("span", "where", " [" + f[4] + "]")); }
    return li;
  }

  function reading(a, view) {
    var grid = el("div", "reading");
    var text = el("div", "pane main");
    text.appendChild(el("h3", "", "Text"));
    var title = el("div", "text title"), body = el("div", "text body");
    paint(title, a.title_segments, a, view.marks);
    paint(body, a.segments, a, view.marks);
    text.appendChild(title);
    text.appendChild(body);
    var side = el("div", "pane side");
    side.setAttribute("aria-label", "Findings");
    side.appendChild(el("h3", "", "Findings (" + (a.diagnostics.length + a.findings.length) + ")"));
    var list = el("ol", "findings");
    a.diagnostics.forEach(function (f) { list.appendChild(item(a, f, null, view.marks, view.items)); });
    a.findings.forEach(function (f, i) { list.appendChild(item(a, f, i, view.marks, view.items)); });
    if (!list.childNodes.length) { side.appendChild(el("p", "muted", "No findings.")); }
    side.appendChild(list);
    if (a.omitted) { side.appendChild(el("p", "muted", a.omitted)); }
    grid.appendChild(text);
    grid.appendChild(side);
    return grid;
  }

  function render(a, view) {
    var box = el("section");
    box.appendChild(el("h2", "", a.title || a.id));
    box.appendChild(el("div", "muted", a.id));
    var line = el("p");
    line.appendChild(el("span", "grade g-" + a.grade, a.grade));
    line.appendChild(document.createTextNode(" " + (a.score === null ? "-" : a.score.toFixed(1)) +
      " / 100, " + a.verdict + ", " + a.words + " words"));
    box.appendChild(line);
    a.gate.forEach(function (r) { box.appendChild(el("div", "reasons", "Gate: " + r)); });
    if (a.scorers.length) {
      var more = el("details"), summary = el("summary", "", "Scorers (" + a.scorers.length + ")");
      more.appendChild(summary);
      more.appendChild(scorers(a));
      more.open = true;
      box.appendChild(more);
    }
    box.appendChild(reading(a, view));
    return box;
  }

  var detail = document.getElementById("cd-detail");
  var view = {index: null, marks: {}, items: {}};
  function open(index) {
    if (view.index === index) { return index !== null; }
    var src = index === null ? null : document.getElementById("cd-a-" + index);
    detail.textContent = "";
    detail.hidden = !src;
    view = {index: src ? index : null, marks: {}, items: {}};
    if (!src) { return false; }
    var a = JSON.parse(src.textContent);
    a.index = index;
    detail.appendChild(render(a, view));
    return true;
  }

  function current(nodes, on) {
    Array.prototype.forEach.call(document.querySelectorAll("#cd-detail .current"), function (n) { n.classList.remove("current"); });
    nodes.forEach(function (n) { n.classList.add("current"); });
    on.focus({preventScroll: true});
    on.scrollIntoView({block: "center"});
  }

  function show() {
    showHash();
    // Tests and scripts wait on this: the hash has been acted on (hashchange fires a task later).
    document.body.setAttribute("data-shown", location.hash);
  }

  function showHash() {
    var m = /^#a-(\d+)(?:-([fm])-(\d+))?$/.exec(location.hash);
    var fresh = m && view.index !== m[1];
    if (!open(m ? m[1] : null)) { return; }
    var target = m[2] === "m" ? view.marks[m[3]] : (m[2] === "f" ? view.items[m[3]] : null);
    if (!target) { if (fresh) { detail.scrollIntoView(); } return; }
    if (m[2] === "m") {
      var marks = Array.prototype.filter.call(detail.querySelectorAll("mark"), function (k) {
        return (" " + k.getAttribute("data-f") + " ").indexOf(" " + m[3] + " ") >= 0;
      });
      current(view.items[m[3]] ? marks.concat([view.items[m[3]]]) : marks, target);
    } else {
      // From a highlight: every finding that highlight covers is current, the one it links to focused.
      var from = document.activeElement && document.activeElement.parentNode;
      var covered = from && detail.contains(from) && from.getAttribute("data-f");
      var items = (covered ? covered.split(" ") : [m[3]]).map(function (i) { return view.items[i]; })
        .filter(function (li) { return li; });
      var link = target.querySelector("a");
      if (!link) { link = target; target.tabIndex = -1; }
      current(items.length ? items : [target], link);
    }
  }
  window.addEventListener("hashchange", show);
  applyFilter();
  show();
  document.body.setAttribute("data-ready", "1");
})();
"""
