// kettudocs search. theme.js loads this on first use of the search field,
// after the index (search-index.js), which has set window.kettudocsSearch:
// {pages: [{u: URL, t: title}], entries: [{p: page, a: id, t: title,
// s: section, x: text, c: code, k: a code-table row's code}]}.
// The field is a combobox: arrows move, Enter opens, Escape closes.
(function () {
  "use strict";
  var slot = document.getElementById("search");
  var input = slot && slot.querySelector("input");
  if (!input || slot.dataset.ready) return;
  slot.dataset.ready = "1";
  var panel = slot.querySelector(".search-panel");
  var list = document.getElementById(input.getAttribute("aria-controls"));
  var none = slot.querySelector(".search-none");
  var status = slot.querySelector("[aria-live]");
  var data = window.kettudocsSearch || { pages: [], entries: [] };
  var MAX = 10;

  // Text to match in: lower case, words one space apart, a space at each
  // end, so that " term" finds words starting with term, " term " whole words.
  var norm = function (s) { return " " + (s || "").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim() + " "; };
  var items = data.entries.map(function (e, i) {
    var pg = data.pages[e.p];
    return { e: e, pg: pg, i: i, t: norm(e.t), s: norm(e.s + " " + pg.t), x: norm(e.x), c: norm(e.c), k: e.k ? norm(e.k) : "" };
  });

  // A code (4004) first, then words in the title, in the section or page
  // title, in the text, and last in code blocks; every word must match.
  var score = function (it, terms, q) {
    var sc = it.k === q + " " ? 1000 : 0;
    for (var i = 0; i < terms.length; i++) {
      var w = " " + terms[i];
      if (it.t.indexOf(w) >= 0) sc += it.t.indexOf(w + " ") >= 0 ? 12 : 10;
      else if (it.s.indexOf(w) >= 0) sc += 4;
      else if (it.x.indexOf(w) >= 0) sc += 2;
      else if (it.c.indexOf(w) >= 0) sc += 1;
      else return 0;
    }
    if (terms.length > 1) sc += it.t.indexOf(q) >= 0 ? 20 : it.x.indexOf(q) >= 0 ? 5 : 0;
    return sc;
  };

  // Links are relative to this page; from disk, folders need index.html.
  var href = function (it) {
    return slot.dataset.root + it.pg.u + (location.protocol === "file:" ? "index.html" : "") + (it.e.a ? "#" + it.e.a : "");
  };

  var el = function (tag, cls, text) {
    var n = document.createElement(tag);
    if (cls) n.className = cls;
    if (text) n.textContent = text;
    return n;
  };
  // mark appends text to n, with the matches of re (a word's start, then
  // a term) in <mark>: as text nodes, never as HTML.
  var mark = function (n, text, re) {
    var last = 0, m;
    re.lastIndex = 0;
    while ((m = re.exec(text))) {
      n.append(text.slice(last, m.index + m[1].length), el("mark", "", m[2]));
      last = re.lastIndex;
    }
    n.append(text.slice(last));
    return n;
  };
  var has = function (s, re) {
    re.lastIndex = 0;
    return !!s && re.test(s);
  };
  // snippet returns some 150 characters of text around the first match.
  var snippet = function (text, re) {
    re.lastIndex = 0;
    var m = re.exec(text), at = m ? m.index + m[1].length : 0, start = 0;
    if (at > 50) start = text.lastIndexOf(" ", at - 30) + 1;
    var end = start + 150 < text.length ? text.lastIndexOf(" ", start + 150) : text.length;
    if (end <= start) end = start + 150;
    return (start ? "…" : "") + text.slice(start, end) + (end < text.length ? "…" : "");
  };

  var results = [], active = -1;
  var open = function (on) {
    panel.hidden = !on;
    input.setAttribute("aria-expanded", String(on && results.length > 0));
    if (!on) select(-1);
  };
  var select = function (i) {
    var opts = list.children;
    if (opts[active]) opts[active].setAttribute("aria-selected", "false");
    active = i;
    if (opts[i]) {
      opts[i].setAttribute("aria-selected", "true");
      input.setAttribute("aria-activedescendant", opts[i].id);
      opts[i].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  };

  var update = function () {
    var q = norm(input.value), terms = q.trim() ? q.trim().split(" ") : [];
    list.textContent = "";
    results = [];
    if (!terms.length) {
      status.textContent = "";
      open(false);
      return;
    }
    q = q.slice(0, -1);
    items.forEach(function (it) {
      var sc = score(it, terms, q);
      if (sc) results.push({ it: it, sc: sc });
    });
    results.sort(function (a, b) { return b.sc - a.sc || a.it.i - b.it.i; });
    results = results.slice(0, MAX);
    var re = new RegExp("(^|[^\\p{L}\\p{N}])(" + terms.slice().sort(function (a, b) { return b.length - a.length; }).join("|") + ")", "giu");
    results.forEach(function (r, i) {
      var it = r.it, e = it.e, a = el("a", "search-hit");
      a.id = "search-hit-" + i;
      a.href = href(it);
      a.tabIndex = -1;
      a.setAttribute("role", "option");
      a.setAttribute("aria-selected", "false");
      if (e.a) a.append(el("span", "search-path", it.pg.t + (e.s ? " › " + e.s : "")));
      var title = el("span", "search-title"), rest = e.t;
      if (e.k && rest.indexOf(e.k) === 0) {
        title.append(mark(el("code"), e.k, re));
        rest = rest.slice(e.k.length);
      }
      a.append(mark(title, rest, re));
      var text = has(e.x, re) || !has(e.c, re) ? e.x : e.c;
      if (text) a.append(mark(el("span", text === e.x ? "search-snippet" : "search-snippet search-code"), snippet(text, re), re));
      a.addEventListener("mousemove", function () { if (active !== i) select(i); });
      list.append(a);
    });
    list.hidden = !results.length;
    none.textContent = results.length ? "" : "No results for “" + input.value.trim() + "”";
    status.textContent = results.length ? results.length + (results.length > 1 ? " results" : " result") : "No results";
    open(true);
    select(results.length ? 0 : -1);
  };

  var go = function (a) {
    open(false);
    input.blur();
    location.href = a.href;
  };

  input.addEventListener("input", update);
  input.addEventListener("focus", function () { if (input.value.trim()) update(); });
  input.addEventListener("keydown", function (e) {
    var n = results.length, shown = !panel.hidden;
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      if (!shown) return update();
      if (n) select((active + (e.key === "ArrowDown" ? 1 : n - 1)) % n);
    } else if (e.key === "Enter" && shown && list.children[active]) {
      e.preventDefault();
      go(list.children[active]);
    } else if (e.key === "Escape") {
      if (shown) open(false);
      else input.value = "";
      e.preventDefault();
    }
  });
  // Clicks on results must not take the focus from the field first.
  panel.addEventListener("mousedown", function (e) { e.preventDefault(); });
  list.addEventListener("click", function (e) {
    var a = e.target.closest("a");
    if (a && !e.ctrlKey && !e.metaKey && !e.shiftKey && e.button === 0) {
      e.preventDefault();
      go(a);
    }
  });
  slot.addEventListener("focusout", function (e) { if (!slot.contains(e.relatedTarget)) open(false); });
  if (input.value.trim() && document.activeElement === input) update();
})();
