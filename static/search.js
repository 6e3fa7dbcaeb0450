// kettudocs search. theme.js loads this on first use of the search field,
// after the index's entry file, which has set window.kettudocsSearch to the
// directory of the index's term shards: {s: the first terms of the shards
// (shortest prefixes) joined by "|", h: their names' hashes, 8 digits
// each, b: how many page files share a hash, f: those hashes, 8 digits
// each}. A query loads the shards
// of its words and the page files of the results it shows, each once, as
// scripts (fetch fails on pages opened from disk) that hand their data to
// kettudocsSearch.add and .page. The format is package builder/search's.
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
  var data = window.kettudocsSearch = window.kettudocsSearch || { s: "", h: "", b: 1, f: "" };
  var seps = (data.s || data.h) ? data.s.split("|") : []; // one shard: s is ""
  var MAX = 10; // results shown
  var PAUSE = 200; // ms of no typing before a search
  var SPAN = 2; // shards loaded for the words a prefix may start, 1 for one or two letters
  var DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";

  // Text to match in: lower case, words one space apart, a space at each
  // end, so that " term" finds words starting with term, " term " whole
  // words. The index splits text into terms the same way.
  var norm = function (s) { return " " + (s || "").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim() + " "; };
  var isNumber = function (w) { return /^\p{N}+$/u.test(w); };

  // Files load once, as scripts that call add or page with their data.
  var got = {}, loading = {};
  data.add = function (i, terms, lists) { got["t" + i] = { t: terms.split("|"), p: lists.split(",") }; };
  data.page = function (i, pg) { got["p" + i] = pg; };
  var load = function (key, name) {
    if (!loading[key]) {
      loading[key] = new Promise(function (resolve) {
        var s = document.createElement("script");
        s.src = slot.dataset.root + name;
        s.onload = function () { resolve(got[key]); };
        s.onerror = function () { delete loading[key]; s.remove(); resolve(null); };
        document.head.appendChild(s);
      });
    }
    return loading[key];
  };
  var shard = function (i) { return load("t" + i, "search/t" + i + "." + data.h.substr(8 * i, 8) + ".js"); };
  var page = function (i) {
    var b = Math.floor(i / data.b);
    return load("p" + i, "search/p" + i + "." + data.f.substr(8 * b, 8) + ".js");
  };

  // where returns the shard that holds term: the last whose first term
  // sorts before or at it.
  var where = function (term) {
    var lo = 0, hi = seps.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (seps[mid] <= term) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  };
  // shards returns the shards a word needs: the one that holds it and, as
  // a word may be the start of longer ones (numbers may not: 400 is not
  // 4000), the next while they start with it, up to SPAN: a letter or two
  // start more words than a shard holds, and it has enough of them. more
  // says that further shards hold words it starts.
  var shards = function (w) {
    var i = where(w), ids = i < 0 ? [] : [i], span = w.length < 3 ? 1 : SPAN;
    if (isNumber(w)) return { ids: ids, more: false };
    while (i >= 0 && i + 1 < seps.length && seps[i + 1].indexOf(w) === 0) {
      if (ids.length === span) return { ids: ids, more: true };
      ids.push(++i);
    }
    return { ids: ids, more: false };
  };
  // postings calls fn(page, entry, flags) for each entry of a list: pairs
  // of numbers, 5 bits a character, the page as the distance from the last.
  var postings = function (s, fn) {
    var i = s.charAt(0) === "*" ? 1 : 0, pg = 0;
    var num = function () {
      var n = 0, shift = 1, d;
      do {
        d = DIGITS.indexOf(s.charAt(i++));
        n += (d & 31) * shift;
        shift *= 32;
      } while (d >= 32);
      return n;
    };
    while (i < s.length) {
      pg += num();
      var x = num();
      fn(pg, x >> 3, x & 7);
    }
  };

  // find resolves to the best results for the words of a query: a row
  // whose code is the query first, then by how many words match, then by
  // where: in the title (a whole word 12, the start of one 10), in the
  // section or page title 4, in the text 2, in code 1. Every word must
  // match, except words so common that the index lists only some of their
  // entries, or prefixes of more words than SPAN shards hold: those count
  // where they match, as do all words when no entry has them all.
  var find = function (words, key) {
    var need = words.map(shards), ids = [];
    if (words.length > 1) need.push({ ids: [where(key)].filter(function (i) { return i >= 0; }) });
    need.forEach(function (n) { ids = ids.concat(n.ids); });
    return Promise.all(ids.map(shard)).then(function () {
      var all = {}, keys = {}, required = [];
      words.forEach(function (w, wi) {
        var best = {}, complete = !need[wi].more, num = isNumber(w);
        need[wi].ids.forEach(function (si) {
          var sh = got["t" + si];
          if (!sh) return;
          sh.t.forEach(function (t, j) {
            var exact = t === w;
            if (!exact && (num || t.indexOf(w) !== 0 || t.indexOf(" ") >= 0)) return;
            if (sh.p[j].charAt(0) === "*") complete = false;
            postings(sh.p[j], function (pg, e, flags) {
              var id = pg * 1048576 + e, sc = [1, 2, 4, 10][flags & 3];
              if (exact && sc === 10) sc = 12;
              if (exact && flags & 4 && words.length === 1) keys[id] = true;
              if (!(best[id] >= sc)) best[id] = sc;
            });
          });
        });
        for (var id in best) {
          var m = all[id] || (all[id] = { pg: Math.floor(id / 1048576), e: id % 1048576, n: 0, sc: 0 });
          m.n++;
          m.sc += best[id];
        }
        if (complete) required.push(best);
      });
      if (words.length > 1) {
        var sh = got["t" + where(key)], j = sh ? sh.t.indexOf(key) : -1;
        if (j >= 0) postings(sh.p[j], function (pg, e, flags) { if (flags & 4) keys[pg * 1048576 + e] = true; });
      }
      for (var id in keys) if (all[id]) all[id].sc += 1000;
      var pick = function (n, req) {
        var out = [];
        for (var id in all) {
          if (all[id].n >= n && req.every(function (r) { return id in r; })) out.push(all[id]);
        }
        return out;
      };
      var hits = required.length ? pick(0, required) : pick(words.length, []);
      if (!hits.length && !required.length) hits = pick(0, []);
      return hits.sort(order).slice(0, MAX);
    });
  };
  var order = function (a, b) { return b.n - a.n || b.sc - a.sc || a.pg - b.pg || a.e - b.e; };

  // Links are relative to this page; from disk, folders need index.html.
  var href = function (pg, e) {
    return slot.dataset.root + pg.u + (location.protocol === "file:" ? "index.html" : "") + (e.a ? "#" + e.a : "");
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

  var results = [], active = -1, run = 0, typing;
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

  // update searches for the field's text; the list is busy until the
  // files the query needs have loaded, and an answer to text since
  // replaced is dropped.
  var update = function () {
    var q = norm(input.value), words = q.trim() ? q.trim().split(" ") : [], me = ++run;
    clearTimeout(typing);
    if (!words.length) {
      list.textContent = "";
      list.removeAttribute("aria-busy");
      results = [];
      status.textContent = "";
      open(false);
      return;
    }
    list.setAttribute("aria-busy", "true");
    var uniq = words.filter(function (w, i) { return words.indexOf(w) === i; });
    find(uniq, words.join(" ")).then(function (hits) {
      if (me !== run) return; // replaced: its pages are not needed
      return Promise.all(hits.map(function (h) { return page(h.pg); })).then(function () {
        if (me === run) show(hits, words, q.slice(0, -1));
      });
    });
  };

  // show lists the results, a phrase of the query in a title or text
  // moving them up among themselves.
  var show = function (hits, words, q) {
    hits = hits.filter(function (h) { return got["p" + h.pg] && got["p" + h.pg].e[h.e]; });
    hits.forEach(function (h) {
      h.page = got["p" + h.pg];
      var e = h.entry = h.page.e[h.e];
      if (words.length > 1) h.sc += norm(e.t).indexOf(q) >= 0 ? 20 : norm(e.x).indexOf(q) >= 0 ? 5 : 0;
    });
    results = hits.sort(order);
    list.textContent = "";
    list.removeAttribute("aria-busy");
    var alts = words.slice().sort(function (a, b) { return b.length - a.length; }).map(function (w) {
      return isNumber(w) ? w + "(?![\\p{L}\\p{N}])" : w;
    });
    var re = new RegExp("(^|[^\\p{L}\\p{N}])(" + alts.join("|") + ")", "giu");
    results.forEach(function (r, i) {
      var pg = r.page, e = r.entry, a = el("a", "search-hit");
      a.id = "search-hit-" + i;
      a.href = href(pg, e);
      a.tabIndex = -1;
      a.setAttribute("role", "option");
      a.setAttribute("aria-selected", "false");
      if (e.a) a.append(el("span", "search-path", pg.t + (e.s ? " › " + e.s : "")));
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

  // A pause in typing starts the search, so that the words on the way to
  // a query load none of the pages of their results.
  input.addEventListener("input", function () {
    run++;
    list.setAttribute("aria-busy", "true");
    clearTimeout(typing);
    typing = setTimeout(update, PAUSE);
  });
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
