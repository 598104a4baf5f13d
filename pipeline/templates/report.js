// derek review page: navigation between facts and evidence, filters, verdicts (no network, no libraries).
(function () {
  "use strict";
  var meta = JSON.parse(document.getElementById("derek-meta").textContent);
  var KEY = "derek-verdicts:" + meta.source_id + ":" + (meta.sha256 || "");
  var textEl = document.getElementById("text");
  var listEl = document.getElementById("fact-list");
  var addedEl = document.getElementById("added-list");
  var state = { verdicts: {}, added: [], grader: "" };  // verdicts keyed by type + "|" + fact id

  function keyOf(type, id) { return type + "|" + id; }
  function cssEscape(s) { return (window.CSS && CSS.escape) ? CSS.escape(s) : String(s).replace(/["\\]/g, "\\$&"); }

  // --- index: marks and list items by fact -------------------------------------------------
  var marks = {};  // key -> [mark elements]
  Array.prototype.forEach.call(textEl.querySelectorAll("mark.hl"), function (m) {
    var k = keyOf(m.dataset.type, m.dataset.fact);
    (marks[k] = marks[k] || []).push(m);
  });
  var items = {};
  Array.prototype.forEach.call(listEl.querySelectorAll("li.fact"), function (li) {
    items[keyOf(li.dataset.type, li.dataset.factItem)] = li;
  });

  // pieces of evidence of a fact: one group per mention (a fact split by another one has several marks)
  function groups(k) {
    var g = [], byMention = {};
    (marks[k] || []).forEach(function (m) {
      var mk = m.dataset.mention || "0";
      if (!(mk in byMention)) { byMention[mk] = g.length; g.push([]); }
      g[byMention[mk]].push(m);
    });
    return g;
  }

  function flash(els) {
    els.forEach(function (el) { el.classList.add("flash"); });
    setTimeout(function () { els.forEach(function (el) { el.classList.remove("flash"); }); }, 1600);
  }

  var cursor = {};
  function goToEvidence(k) {
    var g = groups(k);
    if (!g.length) return false;
    var i = (cursor[k] === undefined ? 0 : (cursor[k] + 1) % g.length);
    cursor[k] = i;
    Array.prototype.forEach.call(textEl.querySelectorAll("mark.flash"), function (m) { m.classList.remove("flash"); });
    g[i][0].scrollIntoView({ block: "center" });
    flash(g[i]);
    document.body.dataset.current = k;
    return true;
  }

  function goToItem(k) {
    var li = items[k];
    if (!li) return false;
    if (li.hidden) { li.hidden = false; }
    li.scrollIntoView({ block: "center" });
    var d = li.querySelector("details"); if (d) d.open = true;
    flash([li]);
    document.body.dataset.current = k;
    return true;
  }

  listEl.addEventListener("click", function (e) {
    var go = e.target.closest("button.go");
    if (go) { var li = go.closest("li.fact"); goToEvidence(keyOf(li.dataset.type, li.dataset.factItem)); return; }
    var vb = e.target.closest("button[data-verdict]");
    if (vb) { var li2 = vb.closest("li.fact"); setVerdict(li2, vb.dataset.verdict); }
  });

  textEl.addEventListener("click", function (e) {
    var sel = window.getSelection && window.getSelection();
    if (sel && !sel.isCollapsed && String(sel).length) return;  // selecting text to add a fact
    var m = e.target.closest("mark.hl:not(.off)");
    if (!m) return;
    goToItem(keyOf(m.dataset.type, m.dataset.fact));
  });

  // --- filters -----------------------------------------------------------------------------------
  var filters = document.getElementById("filters");
  function checked(name) {
    var s = {};
    Array.prototype.forEach.call(filters.querySelectorAll('input[name="' + name + '"]'), function (i) { s[i.value] = i.checked; });
    return s;
  }
  function applyFilters() {
    var types = checked("type"), langs = checked("lang"), status = document.getElementById("status-filter").value;
    Object.keys(items).forEach(function (k) {
      var li = items[k], v = (state.verdicts[k] || {}).verdict || "";
      var shown = types[li.dataset.type] !== false && langs[li.dataset.lang] !== false &&
        (status === "all" || (status === "todo" && !v) || status === v);
      li.hidden = !shown;
      (marks[k] || []).forEach(function (m) { m.classList.toggle("off", !shown); });
    });
  }
  filters.addEventListener("change", function (e) { if (e.target.name !== "grader") applyFilters(); });

  // --- verdicts ------------------------------------------------------------------------------------
  function coerce(input) {
    var v = input.value.trim();
    if (v === "") return null;
    if (input.dataset.kind === "number") { var n = Number(v.replace(",", ".").replace(/\s+/g, "")); return isNaN(n) ? v : n; }
    return v;
  }
  function correctionOf(li) {
    var c = {}, any = false;
    Array.prototype.forEach.call(li.querySelectorAll(".correction input"), function (i) {
      var changed = i.value.trim() !== i.dataset.orig;
      i.classList.toggle("changed", changed);
      if (changed) { c[i.name] = coerce(i); any = true; }
    });
    return any ? c : null;
  }
  function render(li) {
    var k = keyOf(li.dataset.type, li.dataset.factItem), v = (state.verdicts[k] || {}).verdict || "";
    li.classList.toggle("v-correct", v === "correct");
    li.classList.toggle("v-wrong", v === "wrong");
    li.querySelector(".correction").hidden = v !== "wrong";
    (marks[k] || []).forEach(function (m) {
      m.classList.toggle("v-correct", v === "correct");
      m.classList.toggle("v-wrong", v === "wrong");
    });
  }
  function setVerdict(li, verdict) {
    var k = keyOf(li.dataset.type, li.dataset.factItem);
    if (!verdict) { delete state.verdicts[k]; }
    else {
      state.verdicts[k] = { fact_id: li.dataset.factItem, type: li.dataset.type, verdict: verdict,
        correction: verdict === "wrong" ? correctionOf(li) : null,
        note: li.querySelector("textarea[name=_note]").value || "" };
    }
    render(li); save(); progress();
  }
  listEl.addEventListener("input", function (e) {
    var li = e.target.closest("li.fact"); if (!li) return;
    var k = keyOf(li.dataset.type, li.dataset.factItem), v = state.verdicts[k];
    if (!v) return;
    v.correction = v.verdict === "wrong" ? correctionOf(li) : null;
    v.note = li.querySelector("textarea[name=_note]").value || "";
    save();
  });
  // the score over the facts a grader has reviewed, and only those: unreviewed facts count neither as
  // correct nor as wrong (precision = correct / reviewed; a corrected fact is wrong as the pipeline gave it)
  function reviewedScore() {
    var by = {}, total = { reviewed: 0, correct: 0, wrong: 0, corrected: 0 };
    Object.keys(state.verdicts).forEach(function (k) {
      var v = state.verdicts[k];
      if (!items[k] || (v.verdict !== "correct" && v.verdict !== "wrong")) return;
      var t = by[v.type] || (by[v.type] = { reviewed: 0, correct: 0, wrong: 0, corrected: 0 });
      [t, total].forEach(function (c) {
        c.reviewed += 1;
        c[v.verdict] += 1;
        if (v.verdict === "wrong" && v.correction) c.corrected += 1;
      });
    });
    function done(c) { c.precision = c.reviewed ? c.correct / c.reviewed : null; return c; }
    Object.keys(by).forEach(function (t) { done(by[t]); });
    done(total);
    total.n_facts = Object.keys(items).length;
    total.missed = state.added.length;
    total.by_type = by;
    return total;
  }
  window.derekScore = reviewedScore;  // for tests and the console
  function progress() {
    var sc = reviewedScore();
    document.getElementById("progress").textContent = String(Object.keys(state.verdicts).length);
    document.getElementById("score").textContent = sc.reviewed
      ? (sc.precision * 100).toFixed(1) + "% correct of " + sc.reviewed + " reviewed (" + sc.correct + " correct, " +
        sc.wrong + " wrong" + (sc.missed ? ", " + sc.missed + " missed" : "") + ")"
      : "no fact reviewed yet";
  }

  // --- facts the pipeline missed ---------------------------------------------------------------------
  function sourceOffset(node, offset) {
    var el = node.nodeType === 1 ? node : node.parentNode;
    var div = el && el.closest ? el.closest("div.src") : null;
    if (!div) return null;
    var r = document.createRange();
    r.setStart(div, 0);
    r.setEnd(node, offset);
    return Number(div.dataset.start) + Array.from(r.toString()).length;  // code points, as in Python
  }
  document.getElementById("add").addEventListener("click", function () {
    var sel = window.getSelection();
    if (!sel || sel.isCollapsed || !sel.rangeCount) { alert("Select the text of the missed fact first."); return; }
    var r = sel.getRangeAt(0);
    var s = sourceOffset(r.startContainer, r.startOffset), e = sourceOffset(r.endContainer, r.endOffset);
    if (s === null || e === null || e <= s) { alert("Select text inside the source text."); return; }
    state.added.push({ type: document.getElementById("add-type").value, start: s, end: e, text: String(sel), fields: {}, note: "" });
    sel.removeAllRanges();
    renderAdded(); save();
  });
  function renderAdded() {
    addedEl.textContent = "";
    state.added.forEach(function (a, i) {
      var li = document.createElement("li");
      li.className = "fact added";
      li.dataset.addedIndex = String(i);
      var b = document.createElement("span"); b.className = "badge"; b.textContent = a.type; li.appendChild(b);
      var t = document.createElement("span"); t.className = "ev"; t.textContent = " " + a.text + " [" + a.start + ":" + a.end + "] "; li.appendChild(t);
      var x = document.createElement("button"); x.type = "button"; x.textContent = "remove";
      x.addEventListener("click", function () { state.added.splice(i, 1); renderAdded(); save(); });
      li.appendChild(x);
      addedEl.appendChild(li);
    });
    progress();
  }

  // --- keep, download, load -----------------------------------------------------------------------------------
  var grader = document.getElementById("grader");
  grader.addEventListener("input", function () { state.grader = grader.value; save(); });
  function save() { try { localStorage.setItem(KEY, JSON.stringify(state)); } catch (e) { /* file:// without storage */ } }
  function verdictsDocument() {
    var order = Object.keys(items);
    return { schema: meta.schema, source_id: meta.source_id, sha256: meta.sha256, path: meta.path,
      derek_version: meta.derek_version, grader: state.grader || "", created: new Date().toISOString(),
      n_facts: order.length,
      verdicts: order.filter(function (k) { return state.verdicts[k]; }).map(function (k) { return state.verdicts[k]; }),
      added: state.added.slice(), score: reviewedScore() };
  }
  window.derekVerdicts = verdictsDocument;  // for tests and the console
  document.getElementById("download").addEventListener("click", function () {
    var blob = new Blob([JSON.stringify(verdictsDocument(), null, 1)], { type: "application/json" });
    var a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = meta.source_id + ".verdicts.json";
    document.body.appendChild(a); a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  });
  function restore(doc) {
    state.verdicts = {}; state.added = (doc.added || []).slice(); state.grader = doc.grader || "";
    (doc.verdicts || []).forEach(function (v) {
      var k = keyOf(v.type, v.fact_id), li = items[k];
      if (!li) return;
      state.verdicts[k] = v;
      if (v.correction) {
        Object.keys(v.correction).forEach(function (f) {
          var i = li.querySelector('.correction input[name="' + cssEscape(f) + '"]');
          if (i) i.value = v.correction[f] === null ? "" : String(v.correction[f]);
        });
      }
      li.querySelector("textarea[name=_note]").value = v.note || "";
    });
    grader.value = state.grader;
    Object.keys(items).forEach(function (k) { render(items[k]); });
    renderAdded(); progress(); applyFilters();
  }
  document.getElementById("load").addEventListener("change", function (e) {
    var f = e.target.files[0]; if (!f) return;
    var rd = new FileReader();
    rd.onload = function () {
      try {
        var doc = JSON.parse(rd.result);
        if (doc.source_id && doc.source_id !== meta.source_id && !confirm("These verdicts are for " + doc.source_id + ". Load anyway?")) return;
        restore(doc); save();
      } catch (err) { alert("Not a verdicts file: " + err); }
    };
    rd.readAsText(f);
  });
  try { var saved = localStorage.getItem(KEY); if (saved) { var st = JSON.parse(saved); restore({ verdicts: Object.values(st.verdicts || {}), added: st.added, grader: st.grader }); } } catch (e) { /* ignore */ }
  progress();
})();
