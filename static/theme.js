// kettudocs theme script. Everything here only enhances: pages read and
// navigate without it. The inline script of head.html has already applied
// a stored theme and added the class "js" to <html>, before first paint.
(function () {
  "use strict";
  var root = document.documentElement;
  var KEY = "kettudocs-theme";
  var AP = Array.prototype;
  var each = function (sel, fn, from) { AP.forEach.call((from || document).querySelectorAll(sel), fn); };
  var served = /^https?:$/.test(location.protocol);

  // Opened from disk, a link to a folder would show a file listing: point
  // relative folder links at the folder's index.html.
  if (location.protocol === "file:") {
    each("a[href]", function (a) {
      var h = a.getAttribute("href");
      if (/^(?![a-z][a-z0-9+.-]*:|#|\/\/)(.*\/)?(#.*)?$/i.test(h)) {
        var i = h.indexOf("#");
        a.setAttribute("href", i < 0 ? h + "index.html" : h.slice(0, i) + "index.html" + h.slice(i));
      }
    });
  }

  // Theme toggle: the system's preference until the reader picks one,
  // which is stored and applied by head.html on every page.
  var systemDark = matchMedia("(prefers-color-scheme: dark)");
  var theme = function () { return root.dataset.theme || (systemDark.matches ? "dark" : "light"); };
  var toggle = document.querySelector(".theme-toggle");
  var label = function () {
    if (toggle) toggle.setAttribute("aria-label", theme() === "dark" ? "Switch to light theme" : "Switch to dark theme");
  };
  if (toggle) {
    toggle.addEventListener("click", function () {
      var next = theme() === "dark" ? "light" : "dark";
      root.dataset.theme = next;
      try { localStorage.setItem(KEY, next); } catch (e) {}
      label();
    });
    systemDark.addEventListener("change", label);
    addEventListener("storage", function (e) {
      if (e.key === KEY && (e.newValue === "light" || e.newValue === "dark")) { root.dataset.theme = e.newValue; label(); }
    });
    label();
  }

  // Menu button: on small screens the navigation slides in over the page.
  var menu = document.querySelector(".menu-button");
  var sidebar = document.getElementById("sidebar");
  // The sidebar scrolls on its own; bring the current page's entry into
  // it when it is below the fold, without scrolling the page.
  var here = sidebar && sidebar.querySelector('[aria-current="page"]');
  if (here && sidebar.scrollHeight > sidebar.clientHeight) {
    var off = here.getBoundingClientRect().bottom - sidebar.getBoundingClientRect().top;
    if (off > sidebar.clientHeight) sidebar.scrollTop = off - sidebar.clientHeight / 2;
  }
  if (menu && sidebar) {
    var isOpen = function () { return root.classList.contains("nav-open"); };
    var setOpen = function (open, refocus) {
      root.classList.toggle("nav-open", open);
      menu.setAttribute("aria-expanded", String(open));
      if (open) {
        var first = sidebar.querySelector('[aria-current="page"]') || sidebar.querySelector("a, summary");
        if (first) first.focus({ preventScroll: true });
      } else if (refocus) {
        menu.focus();
      }
    };
    menu.addEventListener("click", function () { setOpen(!isOpen()); });
    document.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && isOpen()) setOpen(false, true);
    });
    document.addEventListener("click", function (e) {
      if (isOpen() && (!sidebar.contains(e.target) || e.target.closest("a")) && !menu.contains(e.target)) setOpen(false);
    });
    matchMedia("(width >= 56rem)").addEventListener("change", function (e) { if (e.matches && isOpen()) setOpen(false); });
  }

  // Search: the field loads the index and search.js on first use. "/" and
  // Ctrl+K go to it; on small screens a button opens it over the header.
  var search = document.getElementById("search");
  var field = search && search.querySelector("input");
  if (field) {
    var opener = search.querySelector(".search-button") || document.createElement("button"), loaded;
    var expand = function (on) {
      search.classList.toggle("open", on);
      opener.setAttribute("aria-expanded", on);
    };
    var start = function () {
      expand(true);
      field.focus();
      field.select();
    };
    field.addEventListener("focus", function () {
      expand(true);
      if (loaded) return;
      loaded = true;
      // The index's entry keeps its name from build to build (so that no
      // page changes when the index does): a query no cache has seen
      // gets its latest version. Files opened from disk have no cache.
      var fresh = served ? "?" + Date.now().toString(36) : "";
      [search.dataset.index + fresh, search.dataset.script].forEach(function (src) {
        var s = document.createElement("script");
        s.src = src;
        s.async = false; // run in order
        document.head.appendChild(s);
      });
    });
    opener.addEventListener("click", start);
    search.addEventListener("focusout", function (e) { if (!search.contains(e.relatedTarget)) expand(false); });
    field.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && opener.offsetWidth && search.querySelector(".search-panel").hidden) {
        expand(false);
        opener.focus();
      }
    });
    document.addEventListener("keydown", function (e) {
      var t = e.target;
      if (e.key === "/" && !(e.ctrlKey || e.metaKey || e.altKey || t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName)) ||
        e.key === "k" && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        start();
      }
    });
  }

  // Copy buttons copy a code block's text exactly: no line numbers, no
  // shell prompts, no trailing newline.
  var status = document.createElement("div");
  status.className = "visually-hidden";
  status.setAttribute("role", "status");
  document.body.appendChild(status);
  var icon = '<svg viewBox="0 0 24 24" aria-hidden="true"><rect x="8" y="8" width="12" height="12" rx="2"/><path d="M16 8V6a2 2 0 0 0-2-2H6a2 2 0 0 0-2 2v8a2 2 0 0 0 2 2h2"/></svg>';
  var codeText = function (pre) {
    var code = (pre.querySelector("code") || pre).cloneNode(true);
    each(".ln, .lnt, .gp", function (n) {
      var next = n.nextSibling; // the space after a prompt goes with it
      if (n.className === "gp" && next) next.textContent = next.textContent.replace(/^ /, "");
      n.remove();
    }, code);
    return code.textContent.replace(/\n$/, "");
  };
  var fallback = function (text) {
    var ta = document.createElement("textarea");
    ta.value = text;
    ta.setAttribute("readonly", "");
    ta.style.cssText = "position:fixed;top:0;left:0;opacity:0";
    document.body.appendChild(ta);
    ta.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) {}
    ta.remove();
    return ok ? Promise.resolve() : Promise.reject(new Error("copy failed"));
  };
  var copy = function (text) {
    if (navigator.clipboard && navigator.clipboard.writeText) {
      return navigator.clipboard.writeText(text).catch(function () { return fallback(text); });
    }
    return fallback(text);
  };
  var copyButtons = function (scope) {
    each(".prose pre", function (pre) {
      if (!pre.querySelector("code") && pre.closest(".lntable")) return; // line numbers beside the code
      if (pre.closest(".diagram")) return; // a diagram's source
      var box = pre.closest(".code-block");
      if (!box) {
        box = document.createElement("div");
        box.className = "code-block";
        pre.parentNode.insertBefore(box, pre);
        box.appendChild(pre);
      }
      var btn = document.createElement("button");
      btn.type = "button";
      btn.className = "copy";
      btn.innerHTML = icon + '<span>Copy</span><span class="visually-hidden"> code</span>';
      var text = btn.querySelector("span"), timer;
      var done = function (ok) {
        text.textContent = ok ? "Copied" : "Press Ctrl+C to copy";
        btn.classList.toggle("done", ok);
        status.textContent = ok ? "Code copied to clipboard" : "Could not copy the code";
        btn.focus({ preventScroll: true });
        clearTimeout(timer);
        timer = setTimeout(function () { text.textContent = "Copy"; btn.classList.remove("done"); status.textContent = ""; }, 2500);
      };
      btn.addEventListener("click", function () {
        copy(codeText(pre)).then(function () { done(true); }, function () { done(false); });
      });
      box.appendChild(btn);
    }, scope);
  };

  // "Copy page as Markdown": the page's source, published beside it as
  // index.md (head.html links it). Served pages only: browsers do not
  // let a page opened from disk fetch another file.
  var mdLink = document.querySelector('link[rel=alternate][type="text/markdown"]');
  var copyPage = function (scope) {
    var article = scope.querySelector("main .prose");
    if (!mdLink || !article || !served) return;
    var meta = article.querySelector(":scope > .page-meta");
    if (!meta) {
      meta = document.createElement("footer");
      meta.className = "page-meta";
      article.appendChild(meta);
    }
    var slot = document.createElement("p");
    var pageBtn = document.createElement("button");
    pageBtn.type = "button";
    pageBtn.className = "copy-page";
    pageBtn.innerHTML = icon + "<span>Copy page as Markdown</span>";
    slot.appendChild(pageBtn);
    meta.appendChild(slot);
    var pageLabel = pageBtn.querySelector("span"), pageTimer;
    pageBtn.addEventListener("click", function () {
      fetch(mdLink.href).then(function (r) {
        if (!r.ok) throw new Error(r.status);
        return r.text();
      }).then(copy).then(function () { return true; }, function () { return false; }).then(function (ok) {
        pageLabel.textContent = ok ? "Copied" : "Could not copy";
        status.textContent = ok ? "Page copied as Markdown" : "Could not copy the page";
        clearTimeout(pageTimer);
        pageTimer = setTimeout(function () { pageLabel.textContent = "Copy page as Markdown"; status.textContent = ""; }, 2500);
      });
    });
  };

  // A block that scrolls sideways must be reachable by keyboard.
  var scrollers = function () {
    each(".prose pre, .prose .table-wrap", function (el) {
      if (el.scrollWidth > el.clientWidth + 1) el.tabIndex = 0;
      else el.removeAttribute("tabindex");
    });
  };

  // Code tabs: each .code-tabs group (see builder/codetabs.go) becomes a
  // WAI-ARIA tab list. Choosing a label chooses it in every group that has
  // it, on this page and, stored, on every page opened later.
  var TABS = "kettudocs-tab";
  var groups = [];
  var show = function (g, label, focus) {
    g.tabs.forEach(function (t, i) {
      var on = t.dataset.label === label;
      t.setAttribute("aria-selected", on ? "true" : "false");
      t.tabIndex = on ? 0 : -1;
      g.panels[i].hidden = !on;
      if (on && focus) t.focus();
    });
  };
  var choose = function (label, focus) {
    groups.forEach(function (g) {
      if (g.tabs.some(function (t) { return t.dataset.label === label; })) show(g, label, focus && g.tabs.indexOf(focus) >= 0);
    });
    scrollers();
  };
  // Tabs are in <main> alone, which comes whole (see enhance).
  var tabGroups = function (scope) {
    groups = [];
    each(".code-tabs", function (box, n) {
      var list = document.createElement("div");
      list.className = "code-tab-list";
      list.setAttribute("role", "tablist");
      if (!box.hasAttribute("data-prose")) list.setAttribute("aria-label", "Code examples");
      var g = { tabs: [], panels: [] };
      each(":scope > .code-tab", function (panel, i) {
        var id = "code-tabs-" + (n + 1) + "-" + (i + 1), label = panel.dataset.label;
        var tab = document.createElement("button");
        tab.type = "button";
        tab.id = id;
        tab.className = "code-tab-button";
        tab.dataset.label = label;
        tab.textContent = label;
        tab.setAttribute("role", "tab");
        tab.setAttribute("aria-controls", id + "-panel");
        panel.id = id + "-panel";
        panel.setAttribute("role", "tabpanel");
        panel.setAttribute("aria-labelledby", id);
        list.appendChild(tab);
        g.tabs.push(tab);
        g.panels.push(panel);
        tab.addEventListener("click", function () {
          try { localStorage.setItem(TABS, label); } catch (e) {}
          var top = tab.getBoundingClientRect().top;
          choose(label, tab);
          // Groups above may have changed height: keep this one in place.
          scrollBy(0, tab.getBoundingClientRect().top - top);
        });
      }, box);
      list.addEventListener("keydown", function (e) {
        var i = g.tabs.indexOf(document.activeElement), k = e.key, to = -1;
        if (i < 0) return;
        if (k === "ArrowRight") to = (i + 1) % g.tabs.length;
        else if (k === "ArrowLeft") to = (i + g.tabs.length - 1) % g.tabs.length;
        else if (k === "Home") to = 0;
        else if (k === "End") to = g.tabs.length - 1;
        if (to < 0) return;
        e.preventDefault();
        g.tabs[to].click();
      });
      box.insertBefore(list, box.firstChild);
      box.classList.add("tabbed");
      groups.push(g);
      show(g, g.tabs[0].dataset.label);
    }, scope);
    try { choose(localStorage.getItem(TABS)); } catch (e) {}
  };
  addEventListener("storage", function (e) { if (e.key === TABS && e.newValue) choose(e.newValue); });

  // Diagrams (```mermaid, see builder/mermaid.go): the page shows their
  // source; mermaid, bundled with the theme, is loaded only on pages that
  // have one, draws them, and draws them again in the other theme's colours
  // when the theme changes.
  var figs = [];
  var mermaidSrc = document.currentScript && document.currentScript.dataset.mermaid;
  var drawn = "", loading;
  var draw = function () {
    var t = theme(), m = window.mermaid;
    if (!m || t === drawn) return;
    drawn = t;
    m.initialize({ startOnLoad: false, securityLevel: "strict", theme: t === "dark" ? "dark" : "default" });
    AP.reduce.call(figs, function (done, fig, i) {
      return done.then(function () {
        var src = fig.querySelector(".diagram-source");
        return m.render("diagram-" + (i + 1), src.textContent).then(function (r) {
          var out = fig.querySelector(".diagram-drawn");
          if (!out) {
            out = document.createElement("div");
            out.className = "diagram-drawn";
            fig.appendChild(out);
          }
          out.innerHTML = r.svg;
          src.hidden = true;
          fig.dataset.theme = t;
        }, function (e) {
          // A diagram mermaid cannot read keeps showing its source.
          if (window.console) console.error("diagram " + (i + 1) + ":", e);
        });
      });
    }, Promise.resolve());
  };
  var diagrams = function () {
    figs = document.querySelectorAll("figure.diagram");
    drawn = "";
    if (window.mermaid) draw();
    else if (figs.length && mermaidSrc && !loading) {
      loading = document.createElement("script");
      loading.src = mermaidSrc;
      loading.onload = draw;
      document.head.appendChild(loading);
      new MutationObserver(draw).observe(root, { attributes: true, attributeFilter: ["data-theme"] });
      systemDark.addEventListener("change", draw);
    }
  };

  // "On this page": mark the heading being read, the last one above a line
  // just below the header (the last one in view at the end of the page).
  // The links and headings are found again after live reload put a new
  // <main>, navigation or "On this page" in place.
  var links, heads, current; // set by headings, which enhance calls first
  var header = document.querySelector(".site-header");
  var headings = function () {
    links = document.querySelectorAll('.toc a[href^="#"], .nav-toc a[href^="#"]');
    var ids = {};
    AP.forEach.call(links, function (a) { ids[decodeURIComponent(a.hash.slice(1))] = true; });
    heads = AP.filter.call(document.querySelectorAll(".prose h2[id], .prose h3[id]"), function (h) { return ids[h.id]; });
    current = 0; // not a heading: the new links are marked anew
  };
  var mark = function () {
    var line = (header ? header.getBoundingClientRect().bottom : 0) + 80, cur;
    for (var i = 0; i < heads.length && heads[i].getBoundingClientRect().top <= line; i++) cur = heads[i];
    if (heads.length && innerHeight + scrollY >= root.scrollHeight - 2) {
      for (var j = heads.length - 1; j >= 0; j--) {
        if (heads[j].getBoundingClientRect().top < innerHeight) { cur = heads[j]; break; }
      }
    }
    if (cur === current) return;
    current = cur;
    AP.forEach.call(links, function (a) {
      var on = !!cur && decodeURIComponent(a.hash.slice(1)) === cur.id;
      a.classList.toggle("active", on);
      if (on) a.setAttribute("aria-current", "location"); else a.removeAttribute("aria-current");
    });
  };

  var later = function (fn) {
    var queued = false;
    return function () {
      if (queued) return;
      queued = true;
      requestAnimationFrame(function () { queued = false; fn(); });
    };
  };
  addEventListener("scroll", later(mark), { passive: true });
  addEventListener("resize", later(function () { mark(); scrollers(); }));

  // What the page's content needs, on load and again for a new <main>,
  // navigation or "On this page" that the preview server's live reload
  // put in place of the old one (see builder/reload): the script tag is
  // marked data-kettudocs-swap.
  var enhance = function (scope) {
    if (scope.querySelector(".prose")) { // the page, or a new <main>: not the navigation
      copyButtons(scope);
      copyPage(scope);
      tabGroups(scope);
      diagrams();
    }
    headings();
    mark();
    scrollers();
  };
  document.addEventListener("kettudocs:swap", function (e) { enhance(e.target); });
  enhance(document);
})();
