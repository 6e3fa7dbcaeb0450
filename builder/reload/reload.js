// kettudocs live reload: reloads the page after each update of the site
// and lists its problems. Served by a preview server only; see package
// builder/reload for the protocol.
(function () {
  "use strict";
  if (!window.EventSource) return;

  var me = document.currentScript;
  var url = me ? new URL("events", me.src).href : "/_kettudocs/events";
  var opened = false;
  var source;

  function connect() {
    source = new EventSource(url);
    source.addEventListener("open", function () {
      // A second open means the stream broke, most likely because the
      // server restarted: the site may have changed meanwhile.
      if (opened) location.reload();
      opened = true;
    });
    source.addEventListener("reload", function () {
      // The problems of the last build go; those of this one follow.
      show([]);
      update();
    });
    source.addEventListener("css", function (e) {
      swap(JSON.parse(e.data).swap || []);
      show([]);
    });
    source.addEventListener("problems", function (e) {
      show(JSON.parse(e.data).problems || []);
    });
    source.addEventListener("error", function () {
      // Browsers retry by themselves after a network error, but give up on
      // an answer that is not a stream, as from a server shutting down.
      if (source.readyState === EventSource.CLOSED) setTimeout(connect, 1000);
    });
  }

  // A body edit changes only the page's regions: its <main>, and the
  // elements its layout marks data-kettudocs-region, such as the
  // navigation and "On this page", which show its headings and title.
  // update fetches the page and, when nothing else of it changed but the
  // text of its <title> and the content of its <meta> tags, puts each
  // region that changed in place of the old, a region that came beside
  // the one next to it (the "On this page" of a page's first heading),
  // and takes away one that went (or leaves the page alone when nothing
  // of it changed) without a navigation, which in a browser
  // costs more than all the rest together; the scroll position stays
  // where the writer is reading. Anything else reloads the page. So does
  // a page with a script that may have changed a region and would not do
  // so again: every script must be this one, inline in <head>, or marked
  // data-kettudocs-swap (it listens for the "kettudocs:swap" event that
  // each new region dispatches).
  //
  // served is the page as the browser parsed it, before any script
  // changed it: what the next version is compared with.
  var served = null;
  function snapshot() {
    if (document.readyState === "loading") return;
    document.removeEventListener("readystatechange", snapshot);
    served = document.documentElement.cloneNode(true);
  }
  // Parsing ends ("interactive") before deferred scripts run.
  document.addEventListener("readystatechange", snapshot);
  snapshot();

  var REGION = "main, [data-kettudocs-region]";
  // regions returns the regions of doc in document order, leaving out
  // any inside another, which goes with it.
  function regions(doc) {
    return Array.prototype.filter.call(doc.querySelectorAll(REGION), function (r) {
      return !r.parentElement.closest(REGION);
    });
  }
  // heads returns the elements of doc's <head> whose changes are put in
  // place: its <title> and <meta> tags.
  function heads(doc) {
    return doc.querySelector("head").querySelectorAll("title, meta");
  }

  var busy = null;
  var again = false;
  function update() {
    if (busy) {
      again = true; // one more once this one is done, for the latest version
      return;
    }
    again = false;
    busy = fetch(location.href, { cache: "no-store" }).then(function (r) {
      if (!r.ok || !/^text\/html/.test(r.headers.get("Content-Type") || "")) throw new Error("HTTP " + r.status);
      return r.text();
    }).then(function (text) {
      var next = new DOMParser().parseFromString(text, "text/html").documentElement;
      var plan = swappable(served, next);
      if (!plan) throw new Error("more than the regions changed");
      var was = plan.was, now = plan.now, here = regions(document.documentElement);
      if (here.length !== was.length) throw new Error("a script changed the regions");
      // Each region of next is one of the page's, in place, or comes
      // beside one: after the region before it, or before the one after.
      var live = [], changed = [], added = [], gone = here.slice();
      for (var i = 0; i < now.length; i++) {
        var m = plan.match[i];
        if (m < 0) continue;
        live[i] = here[m];
        gone[m] = null;
        if (!was[m].isEqualNode(now[i])) changed.push(i);
      }
      for (var k = 0; k < now.length; k++) {
        if (plan.match[k] >= 0) continue;
        var prev = now.indexOf(now[k].previousElementSibling), after = now.indexOf(now[k].nextElementSibling);
        if (prev >= 0 && live[prev]) added.push([k, live[prev], "after"]);
        else if (after >= 0 && plan.match[after] >= 0) added.push([k, live[after], "before"]);
        else throw new Error("a new region with no region beside it");
        live[k] = document.importNode(now[k], true);
      }
      gone = gone.filter(Boolean);
      var oldHead = heads(served), newHead = heads(next), liveHead = heads(document.documentElement);
      if (liveHead.length !== oldHead.length) throw new Error("a script changed the <head>");
      var headChanged = false;
      for (var j = 0; j < newHead.length; j++) {
        if (oldHead[j].isEqualNode(newHead[j])) continue;
        headChanged = true;
        liveHead[j].replaceWith(document.importNode(newHead[j], true));
      }
      // Another page changed: this one stays as it is, state and all.
      if (!changed.length && !added.length && !gone.length && !headChanged) return;
      changed.forEach(function (i) {
        live[i].replaceChildren.apply(live[i], Array.prototype.map.call(now[i].childNodes, function (n) {
          return document.importNode(n, true);
        }));
      });
      added.forEach(function (a) { a[1][a[2]](live[a[0]]); });
      gone.forEach(function (r) { r.remove(); });
      served = next;
      changed.concat(added.map(function (a) { return a[0]; })).forEach(function (i) {
        live[i].dispatchEvent(new CustomEvent("kettudocs:swap", { bubbles: true }));
      });
      performance.mark("kettudocs:swap");
      // The first frame after the swap is painted before a task queued
      // from its animation frame runs.
      requestAnimationFrame(function () {
        setTimeout(function () { performance.mark("kettudocs:painted"); });
      });
    }).then(function () {
      busy = null;
      if (again) update();
    }, function () {
      location.reload();
    });
  }

  // swappable returns the regions of old and of next, and for each of
  // next the place in old's of the same region, or -1 for a new one, when
  // next differs from old only inside its regions, in which regions there
  // are, in the text of its <title> and in the content of its <meta>
  // tags, and holds no script that would not run again; else null. A
  // region is the same when it is in the same place (see places) with the
  // same attributes. The <html> element's own attributes are left out:
  // the inline script of a theme sets them before any snapshot.
  function swappable(old, next) {
    if (!old || inPage) return null;
    var scripts = old.querySelectorAll("script");
    for (var i = 0; i < scripts.length; i++) {
      var s = scripts[i];
      if (s.src ? !(me && s.src === me.src) && !s.hasAttribute("data-kettudocs-swap") : !s.closest("head")) return null;
    }
    if (old.querySelectorAll("main").length !== 1 || next.querySelectorAll("main").length !== 1) return null;
    var a = regions(old), b = regions(next), pa = places(a), pb = places(b), match = [];
    for (var j = 0; j < b.length; j++) {
      if (b[j].querySelector("script")) return null;
      var m = pa.indexOf(pb[j]);
      if (m >= 0 && !a[m].cloneNode(false).isEqualNode(b[j].cloneNode(false))) return null;
      match.push(m);
    }
    var rest = function (doc) {
      var copy = doc.cloneNode(true);
      regions(copy).forEach(function (r) {
        // With the blank text beside it, which a layout writes with
        // the region and not without.
        for (var n = r.previousSibling; n && n.nodeType === 3 && !n.data.trim(); n = r.previousSibling) n.remove();
        for (var x = r.nextSibling; x && x.nodeType === 3 && !x.data.trim(); x = r.nextSibling) x.remove();
        r.remove();
      });
      Array.prototype.forEach.call(heads(copy), function (h) {
        if (h.localName === "title") h.textContent = "";
        else h.removeAttribute("content");
      });
      return [copy.querySelector("head"), copy.querySelector("body")];
    };
    var x = rest(old), y = rest(next);
    return x[0].isEqualNode(y[0]) && x[1].isEqualNode(y[1]) ? { was: a, now: b, match: match } : null;
  }

  // places names each of regions by where it is in its page without its
  // regions: the places of it and of the elements it is in among their
  // siblings that are no regions, and its tag and id (and, for a second
  // region of those, its count).
  function places(regions) {
    var seen = {};
    return regions.map(function (r) {
      var p = r.localName + "#" + r.id;
      for (var e = r; e.parentElement; e = e.parentElement) {
        var n = 0;
        for (var s = e.previousElementSibling; s; s = s.previousElementSibling) {
          if (!s.matches(REGION)) n++;
        }
        p += "/" + n;
      }
      seen[p] = (seen[p] || 0) + 1;
      return p + "/" + seen[p];
    });
  }

  // swap links each stylesheet's new version instead of the old, removing
  // the old only once the new has loaded, so the page never shows
  // unstyled, and never reloads: scroll position and state stay.
  function swap(swaps) {
    var links = document.querySelectorAll('link[rel="stylesheet"]');
    for (var i = 0; i < links.length; i++) {
      var link = links[i];
      var path = new URL(link.href).pathname;
      for (var j = 0; j < swaps.length; j++) {
        var from = swaps[j].from;
        if (path.slice(-from.length - 1) !== "/" + from) continue;
        var next = link.cloneNode();
        next.href = new URL(swaps[j].to, new URL(link.href.slice(0, link.href.length - from.length))).href;
        next.addEventListener("load", link.remove.bind(link));
        link.after(next);
        break;
      }
    }
  }

  // The page served while no build has succeeded lists problems in place.
  // Only that page, which says so on its <html>: on any other, an element
  // of that id is the page's own, and could hide the problems.
  var inPage = document.documentElement.hasAttribute("data-kettudocs-failed") &&
    document.getElementById("kettudocs-problems");
  var overlay = null;

  function show(problems) {
    if (inPage) {
      inPage.replaceChildren(list(problems));
      return;
    }
    if (overlay) overlay.remove();
    overlay = null;
    if (problems.length === 0) return;

    // A shadow root keeps the site's styles and the overlay's apart.
    var host = document.createElement("kettudocs-problems");
    var root = host.attachShadow({ mode: "open" });
    var style = document.createElement("style");
    style.textContent =
      ":host{all:initial}" +
      ".box{position:fixed;z-index:2147483647;left:1rem;right:1rem;bottom:1rem;max-height:60vh;overflow:auto;" +
      "box-sizing:border-box;padding:1rem 3rem 1rem 1.25rem;border-left:.4rem solid #e5484d;border-radius:.4rem;" +
      "background:#1c1c1f;color:#f4f4f5;font:14px/1.5 system-ui,sans-serif;box-shadow:0 .5rem 2rem rgb(0 0 0/.4)}" +
      "h2{margin:0 0 .5rem;font-size:1rem}ol{margin:0;padding-left:1.25rem}li{margin:.25rem 0}" +
      "code{font:13px/1.5 ui-monospace,monospace;color:#ffb4b0;overflow-wrap:anywhere}" +
      ".warn{border-left-color:#f5a524}.hint{color:#c7c7cc}button{position:absolute;top:.5rem;right:.5rem;width:2rem;height:2rem;" +
      "border:0;border-radius:.25rem;background:transparent;color:inherit;font-size:1.25rem;cursor:pointer}" +
      "button:hover{background:#3a3a3f}button:focus-visible{outline:2px solid #8ab4ff}";
    var box = document.createElement("div");
    box.className = "box";
    box.setAttribute("role", "alert");
    var errors = problems.filter(function (p) { return p.severity !== "warning"; }).length;
    var warnings = problems.length - errors;
    if (errors === 0) box.className = "box warn";
    var title = document.createElement("h2");
    title.textContent = errors > 0
      ? count(errors, "problem") + (warnings ? ", " + count(warnings, "warning") : "") +
        ": kettudocs build would fail."
      : "Built with " + count(warnings, "warning") + ".";
    var close = document.createElement("button");
    close.type = "button";
    close.setAttribute("aria-label", "Close");
    close.textContent = "\u00d7";
    close.addEventListener("click", function () {
      host.remove();
      overlay = null;
    });
    box.append(title, list(problems), close);
    root.append(style, box);
    document.body.append(host);
    overlay = host;
  }

  function count(n, noun) {
    return n + " " + noun + (n === 1 ? "" : "s");
  }

  // list returns the problems as an ordered list, as text only.
  function list(problems) {
    var ol = document.createElement("ol");
    problems.forEach(function (p) {
      var li = document.createElement("li");
      if (p.pos) {
        var pos = document.createElement("code");
        pos.textContent = p.pos;
        li.append(pos, ": ");
      }
      if (p.severity === "warning") li.append("warning: ");
      li.append(p.message);
      if (p.hint) {
        var hint = document.createElement("div");
        hint.className = "hint";
        hint.textContent = "hint: " + p.hint;
        li.append(hint);
      }
      ol.append(li);
    });
    return ol;
  }

  connect();

  // A page left for another may be kept in the back/forward cache, and
  // with it its stream: a browser allows a handful of connections to a
  // server at a time, and those kept open block the next pages' loads.
  addEventListener("pagehide", function () { source.close(); });
  addEventListener("pageshow", function (e) {
    if (!e.persisted) return;
    // Back from the cache: the site may have changed meanwhile.
    opened = false;
    connect();
    update();
  });
})();
