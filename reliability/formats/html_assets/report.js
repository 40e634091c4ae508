/* news-reliability HTML report.
 *
 * All article data comes from the JSON block #report-data and is untrusted: it is
 * only ever inserted with textContent / createTextNode / title, never as HTML.
 * Finding offsets in the data are already UTF-16 code units (converted in Python).
 * Only one page of table rows and one article body are in the DOM at a time.
 */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("report-data").textContent);
  var A = data.articles;
  var S = data.strings;
  var D = data.detectors;
  var SEV = data.severities;
  var BAND_ORDER = { unreliable: 0, questionable: 1, reliable: 2 };
  var collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function $(id) { return document.getElementById(id); }
  function fmtScore(s) { return s === null || s === undefined ? "" : s.toFixed(1); }
  function fmtPoints(p) { return (p > 0 ? "+" : p < 0 ? "\u2212" : "\u00b1") + Math.abs(p).toFixed(1); }
  function safeUrl(u) { return typeof u === "string" && /^https?:\/\//i.test(u) ? u : null; }

  /* ---------------------------------------------------------------- columns */
  var columns = [
    { key: "n", label: "#", title: "Input order", num: function (i) { return i; }, show: function (i) { return i + 1; }, cls: "num" },
    { key: "id", label: "ID", title: "Article id", str: function (i) { return A[i].id; }, cls: "id" },
    { key: "title", label: "Title", title: "Title, or the error for an article that was not scored",
      str: function (i) { return A[i].title || ""; }, cls: "title" },
    { key: "score", label: "Score", title: "0 (unreliable) to 100 (reliable)", num: function (i) { return A[i].score; },
      show: function (i) { return fmtScore(A[i].score); }, cls: "num score", firstDesc: false },
    { key: "findings", label: "Findings", title: "Number of findings", num: function (i) { return A[i].f ? A[i].f.length : null; },
      cls: "num", firstDesc: true },
    { key: "evidence", label: "Evidence", title: "Findings per detector", cls: "evidence" }
  ];
  // One sort key per detector; they are sorted from the buttons in the Evidence header.
  var detectorColumns = D.map(function (d, k) {
    return { key: "d" + k, title: d.name, firstDesc: true,
             num: function (i) { var c = A[i].c; return c ? (c[k] || 0) : null; } };
  });
  function columnByKey(key) {
    return columns.concat(detectorColumns).filter(function (c) { return c.key === key; })[0];
  }

  /* ------------------------------------------------------------------ state */
  var state = { sort: null, desc: false, page: 0, size: 100, text: "", band: "", lo: null, hi: null, selected: -1 };
  var view = [];            // indices of the filtered, sorted articles
  var keyCache = {};        // column key -> precomputed sort keys
  var haystack = null;      // lower-cased id/title/error, built on first filter

  function sortKeys(col) {
    if (keyCache[col.key]) return keyCache[col.key];
    var n = A.length, keys = new Float64Array(n), i;
    if (col.num) {
      for (i = 0; i < n; i++) { var v = col.num(i); keys[i] = v === null || v === undefined ? NaN : v; }
    } else {
      // Rank strings once with the collator; later sorts compare numbers only.
      var idx = new Array(n); for (i = 0; i < n; i++) idx[i] = i;
      var vals = idx.map(col.str);
      idx.sort(function (a, b) { return collator.compare(vals[a], vals[b]); });
      var rank = 0;
      for (i = 0; i < n; i++) {
        if (i > 0 && collator.compare(vals[idx[i - 1]], vals[idx[i]]) !== 0) rank++;
        keys[idx[i]] = vals[idx[i]] === "" ? NaN : rank;
      }
    }
    keyCache[col.key] = keys;
    return keys;
  }

  function matches(i) {
    var a = A[i];
    if (state.band) {
      if (state.band === "error" ? !(a.error && a.score == null) : a.band !== state.band) return false;
    }
    if (state.lo !== null) {
      if (a.score === null || a.score === undefined || a.score < state.lo) return false;
      if (state.hi < 100 ? a.score >= state.hi : a.score > state.hi) return false;
    }
    if (state.text) {
      if (!haystack) haystack = A.map(function (a) { return (a.id + "\n" + (a.title || "") + "\n" + (a.error || "")).toLowerCase(); });
      if (haystack[i].indexOf(state.text) < 0) return false;
    }
    return true;
  }

  function recompute() {
    var n = A.length, out = [], i;
    for (i = 0; i < n; i++) if (matches(i)) out.push(i);
    if (state.sort) {
      var col = columnByKey(state.sort);
      var keys = sortKeys(col), sign = state.desc ? -1 : 1;
      out.sort(function (a, b) {
        var x = keys[a], y = keys[b];
        var xn = x !== x, yn = y !== y;           // NaN: missing, always last
        if (xn || yn) return xn === yn ? a - b : xn ? 1 : -1;
        return x === y ? a - b : (x < y ? -sign : sign);
      });
    }
    view = out;
    var pages = Math.max(1, Math.ceil(view.length / state.size));
    if (state.page >= pages) state.page = pages - 1;
    renderTable();
  }

  /* ------------------------------------------------------------------ table */
  function sortButton(col, label, cls) {
    var b = el("button", cls);
    b.type = "button";
    b.dataset.key = col.key;
    b.title = col.title + " (click to sort)";
    if (label !== null) b.appendChild(document.createTextNode(label));
    b.appendChild(el("span", "arrow"));
    b.addEventListener("click", function () {
      if (state.sort === col.key) state.desc = !state.desc;
      else { state.sort = col.key; state.desc = !!col.firstDesc; }
      state.page = 0;
      recompute();
    });
    return b;
  }

  function buildHeader() {
    var tr = document.querySelector("#articles thead tr");
    columns.forEach(function (col) {
      var th = el("th", col.cls);
      th.scope = "col";
      if (col.key === "evidence") {
        th.title = col.title;
        var slots = el("div", "slots");
        detectorColumns.forEach(function (dc, k) {
          var b = sortButton(dc, null, "sort slot d" + k);
          b.setAttribute("aria-label", "Sort by " + dc.title + " findings");
          b.insertBefore(el("span", "swatch"), b.firstChild);
          slots.appendChild(b);
        });
        th.appendChild(slots);
      } else {
        th.appendChild(sortButton(col, col.label, "sort"));
      }
      tr.appendChild(th);
    });
  }

  function renderTable() {
    var ths = document.querySelectorAll("#articles thead th");
    for (var h = 0; h < ths.length; h++) {
      var sorted = false, buttons = ths[h].querySelectorAll("button.sort");
      for (var bi = 0; bi < buttons.length; bi++) {
        var on = buttons[bi].dataset.key === state.sort;
        sorted = sorted || on;
        buttons[bi].classList.toggle("on", on);
        buttons[bi].querySelector(".arrow").textContent = on ? (state.desc ? "\u25bc" : "\u25b2") : "";
      }
      ths[h].setAttribute("aria-sort", sorted ? (state.desc ? "descending" : "ascending") : "none");
    }
    var tbody = document.querySelector("#articles tbody");
    var frag = document.createDocumentFragment();
    var start = state.page * state.size, end = Math.min(view.length, start + state.size);
    for (var r = start; r < end; r++) {
      var i = view[r], a = A[i];
      var tr = el("tr");
      tr.dataset.i = i;
      tr.tabIndex = 0;
      if (i === state.selected) tr.className = "selected";
      if (a.error && a.score == null) tr.classList.add("error");
      columns.forEach(function (col) {
        var td = el("td", col.cls);
        if (col.key === "title") {
          td.textContent = a.title || (a.error && a.score == null ? a.error : "");
          td.title = td.textContent;
        } else if (col.key === "id") {
          td.textContent = a.id; td.title = a.id;
        } else if (col.key === "score") {
          var scored = a.score !== null && a.score !== undefined;
          var label = scored ? fmtScore(a.score) : (a.error ? "error" : "");
          var band = scored ? a.band : "error";
          var chip = el("span", "band band-" + String(band).replace(/[^a-z]/gi, ""), label);
          chip.title = scored ? a.band : (a.error || "");
          td.appendChild(chip);
        } else if (col.key === "evidence") {
          var c = a.c || [];
          D.forEach(function (d, k) {
            var slot = el("span", "slot" + (c[k] ? " hit d" + k : ""), c[k] ? c[k] : "");
            if (c[k]) slot.title = d.name + ": " + c[k];
            td.appendChild(slot);
          });
        } else {
          var v = col.show ? col.show(i) : col.num(i);
          td.textContent = v === null || v === undefined ? "" : v;
        }
        tr.appendChild(td);
      });
      frag.appendChild(tr);
    }
    tbody.replaceChildren(frag);
    var pages = Math.max(1, Math.ceil(view.length / state.size));
    $("page").textContent = "Page " + (state.page + 1).toLocaleString() + " of " + pages.toLocaleString();
    $("first").disabled = $("prev").disabled = state.page === 0;
    $("next").disabled = $("last").disabled = state.page >= pages - 1;
    $("count").textContent = view.length === A.length
      ? A.length.toLocaleString() + " articles"
      : view.length.toLocaleString() + " of " + A.length.toLocaleString() + " articles";
  }

  function setupControls() {
    var bandSel = $("band-filter");
    data.bands.slice().sort(function (a, b) {
      return (BAND_ORDER[a] === undefined ? 9 : BAND_ORDER[a]) - (BAND_ORDER[b] === undefined ? 9 : BAND_ORDER[b]);
    }).concat(A.some(function (a) { return a.error && a.score == null; }) ? ["error"] : []).forEach(function (b) {
      var o = el("option", null, b); o.value = b; bandSel.appendChild(o);
    });
    bandSel.addEventListener("change", function () { state.band = bandSel.value; state.page = 0; recompute(); });
    var timer = null;
    $("filter").addEventListener("input", function (e) {
      clearTimeout(timer);
      timer = setTimeout(function () { state.text = e.target.value.trim().toLowerCase(); state.page = 0; recompute(); }, 120);
    });
    function go(p) { state.page = p; renderTable(); $("table-wrap").scrollTop = 0; }
    $("first").addEventListener("click", function () { go(0); });
    $("prev").addEventListener("click", function () { go(Math.max(0, state.page - 1)); });
    $("next").addEventListener("click", function () { go(state.page + 1); });
    $("last").addEventListener("click", function () { go(Math.ceil(view.length / state.size) - 1); });
    $("page-size").addEventListener("change", function (e) {
      state.size = parseInt(e.target.value, 10) || 100; state.page = 0; recompute();
    });
    var bins = document.querySelectorAll("svg .bin");
    Array.prototype.forEach.call(bins, function (g) {
      function pick() {
        var lo = +g.getAttribute("data-lo"), hi = +g.getAttribute("data-hi");
        if (state.lo === lo && state.hi === hi) { clearRange(); return; }
        state.lo = lo; state.hi = hi; state.page = 0;
        $("range-label").textContent = "Score " + lo + "\u2013" + hi + " ";
        $("range-filter").hidden = false;
        Array.prototype.forEach.call(bins, function (o) { o.classList.toggle("active", o === g); });
        recompute();
      }
      g.addEventListener("click", pick);
      g.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); pick(); } });
    });
    function clearRange() {
      state.lo = state.hi = null; state.page = 0; $("range-filter").hidden = true;
      Array.prototype.forEach.call(bins, function (o) { o.classList.remove("active"); });
      recompute();
    }
    $("range-clear").addEventListener("click", clearRange);

    var tbody = document.querySelector("#articles tbody");
    tbody.addEventListener("click", function (e) {
      var tr = e.target.closest("tr");
      if (tr) select(+tr.dataset.i);
    });
    tbody.addEventListener("keydown", function (e) {
      var tr = e.target.closest("tr");
      if (!tr) return;
      if (e.key === "Enter" || e.key === " ") { e.preventDefault(); select(+tr.dataset.i); }
      else if (e.key === "ArrowDown" && tr.nextElementSibling) { e.preventDefault(); tr.nextElementSibling.focus(); }
      else if (e.key === "ArrowUp" && tr.previousElementSibling) { e.preventDefault(); tr.previousElementSibling.focus(); }
    });
  }

  /* ----------------------------------------------------------------- detail */
  function select(i) {
    if (!(i >= 0 && i < A.length)) return;
    state.selected = i;
    var rows = document.querySelectorAll("#articles tbody tr");
    for (var r = 0; r < rows.length; r++) rows[r].classList.toggle("selected", +rows[r].dataset.i === i);
    renderDetail(i);
    if (history.replaceState) history.replaceState(null, "", "#article-" + (i + 1));
  }

  function findingsOf(a) {
    return (a.f || []).map(function (f, k) {
      return { k: k, s: f[0], e: f[1], d: f[2], code: S[f[3]], msg: S[f[4]], sev: SEV[f[5]] || "info",
               feature: S[f[6]], own: f.length > 7 ? f[7] : null, badSpan: f.length > 8 ? f[8] : false };
    });
  }

  function renderDetail(i) {
    var a = A[i], pane = $("detail");
    var art = el("article", "doc");
    var head = el("header", "doc-head");
    var titles = el("div", "titles");
    titles.appendChild(el("h2", null, a.title || a.id));
    var meta = el("p", "doc-meta");
    meta.appendChild(el("span", "id", a.id));
    if (a.published) meta.appendChild(el("span", null, " \u00b7 " + a.published));
    var url = safeUrl(a.url);
    if (a.url) {
      meta.appendChild(document.createTextNode(" \u00b7 "));
      if (url) {
        var link = el("a", null, a.url);
        link.href = url; link.rel = "noopener noreferrer nofollow"; link.target = "_blank";
        meta.appendChild(link);
      } else meta.appendChild(el("span", null, a.url));
    }
    titles.appendChild(meta);
    head.appendChild(titles);
    if (a.score !== undefined && a.score !== null) {
      var box = el("div", "scorebox band-" + String(a.band).replace(/[^a-z]/gi, ""));
      box.appendChild(el("span", "score", fmtScore(a.score)));
      box.appendChild(el("span", "bandname", a.band));
      head.appendChild(box);
    }
    art.appendChild(head);
    if (a.error) {
      var err = el("p", "error-box");
      err.appendChild(el("strong", null, "Not scored: "));
      err.appendChild(document.createTextNode(a.error));
      art.appendChild(err);
    }
    var findings = findingsOf(a);
    if (a.s) art.appendChild(signalsBlock(a, findings));
    if (typeof a.text === "string") {
      var hidden = {};
      var textBox = el("div", "article-text");
      textBox.id = "article-text";
      art.appendChild(el("h3", null, "Text"));
      art.appendChild(detectorToggles(findings, hidden, function () { renderText(textBox, a.text, findings, hidden); }));
      renderText(textBox, a.text, findings, hidden);
      // One listener for all highlights: a click lists the findings under it.
      textBox.addEventListener("click", function (e) {
        var mark = e.target.closest("mark");
        if (mark) focusFindings(mark.dataset.f.split(" ").map(Number), true);
      });
      art.appendChild(textBox);
    }
    if (findings.length) art.appendChild(findingsBlock(a, findings));
    pane.replaceChildren(art);
    pane.scrollTop = 0;
  }

  function signalsBlock(a, findings) {
    var wrap = el("section", "signals");
    wrap.appendChild(el("h3", null, "Signals"));
    if (!a.s.length) {
      wrap.appendChild(el("p", "muted", "No feature moved the score away from the base of " + fmtScore(a.base) + "."));
      return wrap;
    }
    var max = a.s.reduce(function (m, s) { return Math.max(m, Math.abs(s[2])); }, 0) || 1;
    var table = el("table", "signal-table");
    a.s.forEach(function (s) {
      var feature = S[s[0]], points = s[2];
      var tr = el("tr", points < 0 ? "neg" : "pos");
      var det = D.findIndex(function (d) { return feature.indexOf(d.name + ".") === 0; });
      var pts = el("td", "points", fmtPoints(points));
      var barCell = el("td", "barcell");
      var half = el("div", "bar " + (points < 0 ? "left" : "right"));
      half.style.width = (50 * Math.abs(points) / max).toFixed(1) + "%";
      barCell.appendChild(half);
      var msg = el("td", "msg");
      if (det >= 0) msg.appendChild(el("span", "swatch d" + det));
      msg.appendChild(el("span", "feature", feature));
      msg.appendChild(el("span", "text", s[3]));
      var linked = findings.filter(function (f) { return f.feature === feature && f.s !== null; });
      if (linked.length) {
        tr.classList.add("linked");
        tr.tabIndex = 0;
        tr.title = "Show the " + linked.length + " finding" + (linked.length > 1 ? "s" : "") + " behind this signal";
        var focus = function () { focusFindings(linked.map(function (f) { return f.k; })); };
        tr.addEventListener("click", focus);
        tr.addEventListener("keydown", function (e) { if (e.key === "Enter") focus(); });
      }
      tr.appendChild(pts); tr.appendChild(barCell); tr.appendChild(msg);
      table.appendChild(tr);
    });
    wrap.appendChild(table);
    var total = a.s.reduce(function (t, s) { return t + s[2]; }, 0);
    wrap.appendChild(el("p", "muted", "Base " + fmtScore(a.base) + " " + fmtPoints(total) + " = " + fmtScore(a.score)));
    return wrap;
  }

  function detectorToggles(findings, hidden, rerender) {
    var counts = {};
    findings.forEach(function (f) { if (f.s !== null) counts[f.d] = (counts[f.d] || 0) + 1; });
    var ul = el("ul", "legend toggles");
    Object.keys(counts).map(Number).sort(function (x, y) { return x - y; }).forEach(function (d) {
      var li = el("li", "d" + d);
      var label = el("label");
      var box = el("input"); box.type = "checkbox"; box.checked = true;
      box.addEventListener("change", function () { hidden[d] = !box.checked; rerender(); });
      label.appendChild(box);
      label.appendChild(el("span", "swatch"));
      label.appendChild(document.createTextNode(D[d].name + " (" + counts[d] + ")"));
      li.appendChild(label);
      ul.appendChild(li);
    });
    if (!ul.childNodes.length) ul.appendChild(el("li", "muted", "No evidence spans in this article."));
    return ul;
  }

  /* Split the text at every finding boundary; each piece is one <mark> carrying
   * all findings that cover it, so nested and overlapping findings both show. */
  function renderText(box, text, findings, hidden) {
    var spans = findings.filter(function (f) { return f.s !== null && f.e > f.s && !hidden[f.d]; });
    spans.sort(function (x, y) { return x.s - y.s || y.e - x.e || x.k - y.k; });
    var cuts = [0, text.length];
    spans.forEach(function (f) { cuts.push(f.s, f.e); });
    cuts.sort(function (x, y) { return x - y; });
    var frag = document.createDocumentFragment(), active = [], next = 0;
    for (var c = 0; c < cuts.length - 1; c++) {
      var pos = cuts[c], end = cuts[c + 1];
      if (end === pos) continue;
      active = active.filter(function (f) { return f.e > pos; });
      while (next < spans.length && spans[next].s <= pos) { if (spans[next].e > pos) active.push(spans[next]); next++; }
      var piece = text.slice(pos, end);
      if (!active.length) { frag.appendChild(document.createTextNode(piece)); continue; }
      frag.appendChild(markFor(piece, active, pos));
    }
    box.replaceChildren(frag);
  }

  function markFor(piece, active, pos) {
    var m = el("mark", "hl", piece);
    var dets = [];
    active.forEach(function (f) { if (dets.indexOf(f.d) < 0) dets.push(f.d); });
    m.dataset.f = active.map(function (f) { return f.k; }).join(" ");
    m.title = active.map(function (f) { return f.code + " \u00b7 " + D[f.d].name + ": " + f.msg; }).join("\n");
    if (active.some(function (f) { return f.s === pos; })) m.classList.add("start");
    if (dets.length === 1) {
      m.classList.add("d" + dets[0]);
      if (active.length > 1) m.classList.add("deep");
    } else {
      // Overlap of several detectors: one horizontal band and one underline each.
      var n = dets.length, stops = [], shadows = [];
      dets.forEach(function (d, j) {
        stops.push(D[d].bg + " " + (100 * j / n).toFixed(1) + "% " + (100 * (j + 1) / n).toFixed(1) + "%");
        shadows.push("inset 0 -" + (2 * (j + 1)) + "px 0 " + D[d].color);
      });
      m.style.backgroundImage = "linear-gradient(180deg," + stops.join(",") + ")";
      m.style.boxShadow = shadows.join(",");  // the first is drawn on top
      m.classList.add("multi");
    }
    return m;
  }

  function focusFindings(ks, fromText) {
    var marks = document.querySelectorAll("#article-text mark");
    var first = null;
    for (var i = 0; i < marks.length; i++) {
      var own = marks[i].dataset.f.split(" ").some(function (k) { return ks.indexOf(+k) >= 0; });
      marks[i].classList.toggle("focus", own);
      if (own && !first) first = marks[i];
    }
    var items = document.querySelectorAll(".findings li");
    var firstItem = null;
    for (var j = 0; j < items.length; j++) {
      var on = ks.indexOf(+items[j].dataset.k) >= 0;
      items[j].classList.toggle("focus", on);
      if (on && !firstItem) firstItem = items[j];
    }
    var target = fromText ? firstItem : first;
    if (target) target.scrollIntoView({ block: "center", behavior: "smooth" });
  }

  function findingsBlock(a, findings) {
    var wrap = el("section", "findings");
    wrap.appendChild(el("h3", null, "Findings (" + findings.length + ")"));
    var ol = el("ol");
    findings.forEach(function (f) {
      var li = el("li", "sev-" + f.sev);
      li.dataset.k = f.k;
      li.appendChild(el("span", "swatch d" + f.d));
      li.appendChild(el("code", null, f.code));
      li.appendChild(el("span", "det", D[f.d].name));
      if (f.sev !== "info") li.appendChild(el("span", "sev", f.sev));
      var quote = f.s !== null ? a.text.slice(f.s, f.e) : f.own;
      if (quote) li.appendChild(el("q", "d" + f.d, quote.length > 240 ? quote.slice(0, 239) + "\u2026" : quote));
      else li.appendChild(el("span", "muted", f.s !== null ? "(an empty span)" : "(whole article)"));
      li.appendChild(el("span", "fmsg", f.msg));
      if (f.badSpan) li.appendChild(el("span", "muted", " (its offsets do not match this text)"));
      if (f.s !== null) {
        li.tabIndex = 0;
        li.classList.add("linked");
        var go = function () { focusFindings([f.k]); };
        li.addEventListener("click", go);
        li.addEventListener("keydown", function (e) { if (e.key === "Enter") go(); });
      }
      ol.appendChild(li);
    });
    wrap.appendChild(ol);
    return wrap;
  }

  /* ------------------------------------------------------------------ start */
  buildHeader();
  setupControls();
  recompute();
  var m = /^#article-(\d+)$/.exec(location.hash);
  if (m) {
    var idx = parseInt(m[1], 10) - 1;
    if (idx >= 0 && idx < A.length) {
      var pos = view.indexOf(idx);
      if (pos >= 0) { state.page = Math.floor(pos / state.size); renderTable(); }
      select(idx);
    }
  }
  document.documentElement.dataset.ready = "1";
})();
