// kettudocs search. theme.js loads this on first use of the search field,
// after the index's entry file, which has set window.kettudocsSearch to the
// directory of the index's directory files: {n: how many term shards, g:
// how many a directory file lists, s: the first terms of each directory
// file's first shard (shortest prefixes) joined by "|", h: the directory
// files' hashes, 8 digits each, b: how many page files share a hash, k:
// how many such hashes a bucket file holds, f: the bucket files' hashes}.
// A query loads the directory files of its words, the shards of its words
// and the page files of the results it shows (with their bucket files),
// each once, as scripts (fetch fails on pages opened from disk) that hand
// their data to kettudocsSearch.dir, .pages, .add and .page. The format is
// package builder/search's.
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
  var data = window.kettudocsSearch = window.kettudocsSearch || { n: 0, g: 1, s: "", h: "", b: 1, k: 1, f: "" };
  var N = data.n, G = data.g;
  var groups = N ? data.s.split("|") : []; // the first separator of each directory file
  var MAX = 10; // results shown
  var WORDS = 5; // words of a query looked up
  var PAUSE = 200; // ms of no typing before a search
  var SPAN = 2; // shards loaded for the words a prefix may start, 1 for one or two letters
  var DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
  var ENTRIES = 1048576; // a result's id: page * ENTRIES + entry
  var LN = "\\p{L}\\p{N}"; // letters and numbers, in a RegExp

  // Text to match in: lower case, words one space apart, a space at each
  // end, so that " term" finds words starting with term, " term " whole
  // words. The index splits text into terms the same way.
  var norm = function (s) { return " " + (s || "").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim() + " "; };
  var isNumber = function (w) { return /^\p{N}+$/u.test(w); };

  // Files load once, as scripts that call add or page with their data.
  var got = {}, loading = {};
  data.add = function (i, terms, lists) { got["t" + i] = { t: terms.split("|"), p: lists.split(",") }; };
  data.page = function (i, pg) { got["p" + i] = pg; };
  data.dir = function (g, seps, hashes) { got["d" + g] = { s: seps.split("|"), h: hashes }; };
  data.pages = function (k, hashes) { got["f" + k] = hashes; };
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
  var dir = function (g) { return load("d" + g, "search/d" + g + "." + data.h.substr(8 * g, 8) + ".js"); };
  var shard = function (i) {
    return dir(Math.floor(i / G)).then(function (d) {
      return d && load("t" + i, "search/t" + i + "." + d.h.substr(8 * (i % G), 8) + ".js");
    });
  };
  var page = function (i) {
    var b = Math.floor(i / data.b), k = Math.floor(b / data.k);
    return load("f" + k, "search/f" + k + "." + data.f.substr(8 * k, 8) + ".js").then(function (h) {
      return h && load("p" + i, "search/p" + i + ".js?" + h.substr(8 * (b % data.k), 8));
    });
  };

  // lastAt returns the place of the last of seps before or at term.
  var lastAt = function (seps, term) {
    var lo = 0, hi = seps.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (seps[mid] <= term) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  };
  // where returns the shard that holds term: the last whose first term
  // sorts before or at it; its directory file must have been loaded
  // (prepare).
  var where = function (term) {
    var g = lastAt(groups, term), d = g >= 0 && got["d" + g];
    return d ? g * G + lastAt(d.s, term) : g * G;
  };
  // sep returns the first term of shard i, when its directory file is
  // loaded.
  var sep = function (i) {
    var d = got["d" + Math.floor(i / G)];
    return i < N && d && d.s[i % G];
  };
  // prepare loads the directory files that where and sep need for terms:
  // each term's, and the ones beside it, for the shards on either side
  // (longer words a prefix starts, typos).
  var prepare = function (terms) {
    var gs = [];
    terms.forEach(function (t) {
      var g = lastAt(groups, t);
      gs.push(g - 1, g, g + 1);
    });
    return Promise.all(gs.filter(function (g) { return g >= 0 && g < groups.length; }).map(dir));
  };
  // shards returns the shards a word needs: the one that holds it and, as
  // a word may be the start of longer ones (numbers may not: 400 is not
  // 4000), the next while they start with it, up to SPAN for the last
  // word, the one being typed, and none for the words before it, or of
  // one or two letters: those start more words than a shard holds, and
  // it has enough of them; a query of many words loads too much else. A
  // shard of titles that start with the word ends them too: a word that
  // starts hundreds of titles would load their shards for nothing. more
  // says that further shards may hold words it starts.
  var shards = function (w, last) {
    var i = where(w), ids = i < 0 ? [] : [i], span = w.length < 3 || !last ? 1 : SPAN;
    if (isNumber(w)) return { ids: ids, more: false };
    for (var next; i >= 0 && (next = sep(i + 1) || "").indexOf(w) === 0;) {
      if (ids.length === span || next.indexOf(w + " ") === 0) return { ids: ids, more: true };
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
      fn(pg, x >> 4, x & 15);
    }
  };

  // stem is package search's Stem, rule for rule: the form that a word's
  // plural, -ed and -ing forms share (closing, closed: clos).
  var stem = function (w) {
    if (w.length < 3 || /[^a-z]/.test(w)) return w;
    if (w.length > 4 && /ie[sd]$/.test(w)) w = w.slice(0, -3) + "y";
    else if (/sses$/.test(w)) w = w.slice(0, -2);
    else if (/[^sui]s$/.test(w)) w = w.slice(0, -1);
    var m = /(ing|ed)$/.exec(w);
    if (m && /[aeiouy]/.test(w.slice(0, m.index)) && m.index >= 2) w = w.slice(0, m.index);
    w = w.replace(/([^aeiouylsz])\1$/, "$1");
    return w.length > 2 ? w.replace(/e$/, "") : w;
  };
  // near reports whether a and b are at most k edits apart: a letter
  // changed, added, left out, or two swapped.
  var near = function (a, b, k) {
    var i, j, pp, p = [], c;
    for (j = 0; j <= b.length; j++) p[j] = j;
    for (i = 1; i <= a.length; i++) {
      c = [i];
      for (j = 1; j <= b.length; j++) {
        c[j] = Math.min(p[j] + 1, c[j - 1] + 1, p[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) c[j] = Math.min(c[j], pp[j - 2] + 1);
      }
      pp = p;
      p = c;
    }
    return p[b.length] <= k;
  };
  // Typos a word may have: none in numbers and words under 4 letters, two
  // from 8 letters, as Algolia counts them.
  var typos = function (w) { return isNumber(w) || w.length < 4 ? 0 : w.length < 8 ? 1 : 2; };

  // find resolves to the best results for the words of a query, in tiers:
  // a row whose code is the query (5), a page (4) or heading (3) whose
  // title is the query, a page (2) or heading or row (1) whose title has
  // every word; then by how many words match, then by where and how: in
  // the title 10, in the section, page title or first sentence 3, in the
  // text 2, in code 1, times 6 for the word itself, 5 for another form of
  // it (its stem), 4 for a longer word it starts, 2 for a word a typo or
  // two away (tried for a word that matches nothing else). The entry whose
  // title or code is the whole query has every word. Every word must
  // match, except words so common that the index lists only some of their
  // entries, or prefixes of more words than the shards loaded hold: those
  // count where they match, as do all words when no entry has them all.
  var FIELD = [1, 2, 3, 10];
  var find = function (words, key) {
    var stems = words.map(function (w) { return isNumber(w) || w.length < 4 ? "" : stem(w) + "\t"; });
    return prepare([key].concat(words, stems.filter(String))).then(function () { return look(words, key, stems); });
  };
  var look = function (words, key, stems) {
    // A word's stem is looked up in the shards the word loads, for the
    // last word in the shard that holds it, and for a word that matches
    // nothing else in the shard that holds it too.
    var last = key.split(" ").pop(), need = words.map(function (w) { return shards(w, w === last); });
    var now = stems.map(function (s, i) { return words[i] === last || need[i].ids.indexOf(where(s)) >= 0 ? s : ""; });
    var ids = [where(key)].concat(now.filter(String).map(where));
    need.forEach(function (n) { ids = ids.concat(n.ids); });
    var marks = [];
    var lists = function (si, fn) {
      var sh = got["t" + si];
      if (sh) sh.t.forEach(function (t, j) { fn(t, sh.p[j]); });
    };
    // take adds the entries of list to best, found as q says; t, a stem or
    // a word with a typo, is marked in the results as the query's words are.
    // It reports whether the list is complete.
    var take = function (best, list, q, t) {
      if (t && marks.length < 20) marks.push(t.replace(/y?\t$/, "[" + LN + "]*"));
      postings(list, function (pg, e, flags) {
        var id = pg * ENTRIES + e, f = flags & 3, sc = FIELD[f] * q;
        if (!best[id] || best[id].sc < sc) best[id] = { sc: sc, f: f };
      });
      return list.charAt(0) !== "*";
    };
    var match = function (w, wi) {
      var best = {}, complete = !need[wi].more, num = isNumber(w);
      need[wi].ids.forEach(function (si) {
        lists(si, function (t, list) {
          if (t === w) complete = take(best, list, 6) && complete;
          else if (!num && t.indexOf(w) === 0 && !/\s/.test(t)) complete = take(best, list, 4) && complete;
        });
      });
      var m = { best: best, complete: complete };
      if (now[wi]) byStem(m, now[wi]);
      return m;
    };
    var byStem = function (m, s) {
      lists(where(s), function (t, list) { if (t === s) m.complete = take(m.best, list, 5, t) && m.complete; });
    };
    var get = function (ids) { return Promise.all(ids.filter(function (i) { return i >= 0 && i < N; }).map(shard)); };
    return get(ids).then(function () {
      // A word that matches nothing is looked for by its stem, then with
      // typos in its shard and the two beside it.
      var found = words.map(match), again = [];
      found.forEach(function (m, wi) {
        var w = words[wi], i = where(w), none = !Object.keys(m.best).length;
        m.stem = none && !now[wi] && stems[wi];
        m.near = none && typos(w) ? [i - 1, i, i + 1] : [];
        again = again.concat(m.near, m.stem ? where(m.stem) : []);
      });
      return get(again).then(function () {
        found.forEach(function (m, wi) {
          var w = words[wi];
          if (m.stem) byStem(m, m.stem);
          if (Object.keys(m.best).length) return;
          m.near.forEach(function (si) {
            lists(si, function (t, list) { if (!/\s/.test(t) && !isNumber(t) && near(t, w, typos(w))) take(m.best, list, 2, t); });
          });
        });
        var rank = function () {
          var all = {}, required = [];
          var hit = function (id) { return all[id] || (all[id] = { pg: Math.floor(id / ENTRIES), e: id % ENTRIES, n: 0, sc: 0, t: 0, tier: 0 }); };
          found.forEach(function (m) {
            for (var id in m.best) {
              var h = hit(id);
              h.n++;
              h.sc += m.best[id].sc;
              if (m.best[id].f === 3) h.t++;
            }
            if (m.complete) required.push(m.best);
          });
          // The term that is the whole query is a code or a title: its entry
          // has every word, even where the lists of common words left it out.
          lists(where(key), function (t, list) {
            if (t === key) postings(list, function (pg, e, flags) {
              if (!(flags & 12)) return;
              var h = hit(pg * ENTRIES + e);
              h.tier = flags & 4 ? 5 : e ? 3 : 4;
              h.n = h.t = words.length;
              h.sc = Math.max(h.sc, 60 * words.length);
            });
          });
          var pick = function (n, req) {
            var out = [];
            for (var id in all) {
              var h = all[id];
              h.tier = h.tier || (h.t === words.length ? (h.e ? 1 : 2) : 0);
              if (h.tier > 2 || h.n >= n && req.every(function (r) { return id in r; })) out.push(h);
            }
            return out;
          };
          var hits = required.length ? pick(0, required) : pick(words.length, []);
          if (!hits.length && !required.length) hits = pick(0, []);
          hits = hits.sort(order).slice(0, MAX);
          hits.marks = marks;
          return hits;
        };
        // No entry has every word: the stems not looked up yet may find one.
        var hits = rank(), late = found.map(function (m, wi) { return !m.stem && !now[wi] && stems[wi]; });
        if (hits.length || !late.filter(Boolean).length) return hits;
        return get(late.filter(Boolean).map(where)).then(function () {
          found.forEach(function (m, wi) { if (late[wi]) byStem(m, late[wi]); });
          return rank();
        });
      });
    });
  };
  var order = function (a, b) { return b.tier - a.tier || b.n - a.n || b.sc - a.sc || a.pg - b.pg || a.e - b.e; };
  // close scores how close together the words are in text, 10 side by side.
  var close = function (text, words) {
    var at = words.map(function () { return -1e9; }), best = 0;
    text.trim().split(" ").forEach(function (t, i) {
      words.forEach(function (w, k) { if (t.indexOf(w) === 0) at[k] = i; });
      best = Math.max(best, words.length / (i - Math.min.apply(null, at) + 1));
    });
    return 10 * best;
  };

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
    // Single letters of a longer query ("a") narrow nothing down, and of
    // a long one the longest words say most: each word loads a shard.
    var uniq = words.filter(function (w, i) { return words.indexOf(w) === i && (w.length > 1 || isNumber(w) || words.length < 2); });
    var keep = uniq.slice().sort(function (a, b) { return b.length - a.length; }).slice(0, WORDS);
    uniq = uniq.filter(function (w) { return keep.indexOf(w) >= 0; });
    find(uniq, words.join(" ")).then(function (hits) {
      if (me !== run) return; // replaced: its pages are not needed
      return Promise.all(hits.map(function (h) { return page(h.pg); })).then(function () {
        if (me === run) show(hits, words, q.slice(0, -1), hits.marks);
      });
    });
  };

  // show lists the results, the query as a phrase in a title, or its
  // words close together in the text, moving them up within their tier.
  var show = function (hits, words, q, marks) {
    hits = hits.filter(function (h) { return got["p" + h.pg] && got["p" + h.pg].e[h.e]; });
    hits.forEach(function (h) {
      h.page = got["p" + h.pg];
      var e = h.entry = h.page.e[h.e];
      if (words.length > 1) h.sc += norm(e.t + " " + e.x).indexOf(q) >= 0 ? 20 : close(norm(e.x), words);
    });
    results = hits.sort(order);
    list.textContent = "";
    list.removeAttribute("aria-busy");
    var alts = words.sort(function (a, b) { return b.length - a.length; }).map(function (w) {
      return isNumber(w) ? w + "(?![" + LN + "])" : w;
    }).concat(marks);
    var re = new RegExp("(^|[^" + LN + "])(" + alts.join("|") + ")", "giu");
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
