// kettudocs theme script: everything here only enhances; pages read and
// navigate without it.
(function () {
  "use strict";
  var root = document.documentElement;
  root.classList.add("js");

  // Opened from disk, folder links would show a file listing.
  if (location.protocol === "file:") {
    document.querySelectorAll("a[href]").forEach(function (a) {
      var h = a.getAttribute("href");
      if (/^(?![a-z]+:|#|\/\/)(.*\/)?(#.*)?$/i.test(h)) {
        var i = h.indexOf("#");
        a.setAttribute("href", i < 0 ? h + "index.html" : h.slice(0, i) + "index.html" + h.slice(i));
      }
    });
  }

  function storedTheme() {
    try { return localStorage.getItem("kettudocs-theme"); } catch (e) { return null; }
  }
  function currentTheme() {
    return root.dataset.theme || (matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light");
  }
  var toggle = document.querySelector(".theme-toggle");
  if (toggle) {
    var label = function () {
      toggle.setAttribute("aria-label", currentTheme() === "dark" ? "Switch to light theme" : "Switch to dark theme");
    };
    toggle.hidden = false;
    label();
    toggle.addEventListener("click", function () {
      var next = currentTheme() === "dark" ? "light" : "dark";
      root.dataset.theme = next;
      try { localStorage.setItem("kettudocs-theme", next); } catch (e) {}
      label();
    });
  }

  var menu = document.querySelector(".menu-button");
  var sidebar = document.getElementById("sidebar");
  if (menu && sidebar) {
    menu.hidden = false;
    menu.addEventListener("click", function () {
      var open = sidebar.classList.toggle("open");
      menu.setAttribute("aria-expanded", String(open));
    });
  }

  // Copy buttons copy the code text exactly as shown in the block.
  var status = document.createElement("div");
  status.className = "visually-hidden";
  status.setAttribute("role", "status");
  document.body.appendChild(status);
  document.querySelectorAll(".prose pre").forEach(function (pre) {
    var btn = document.createElement("button");
    btn.type = "button";
    btn.className = "copy";
    btn.textContent = "Copy";
    btn.setAttribute("aria-label", "Copy code");
    btn.addEventListener("click", function () {
      var code = pre.querySelector("code") || pre;
      var text = code.innerText.replace(/\n$/, "");
      var done = function (ok) {
        btn.textContent = ok ? "Copied" : "Copy failed";
        status.textContent = ok ? "Code copied to clipboard" : "Copy failed";
        setTimeout(function () { btn.textContent = "Copy"; }, 2000);
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(function () { done(true); }, function () { done(fallback(text)); });
      } else {
        done(fallback(text));
      }
    });
    pre.appendChild(btn);
  });
  function fallback(text) {
    var ta = document.createElement("textarea");
    ta.value = text;
    ta.setAttribute("readonly", "");
    ta.style.position = "fixed";
    ta.style.opacity = "0";
    document.body.appendChild(ta);
    ta.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) {}
    document.body.removeChild(ta);
    return ok;
  }

  // Highlight the table-of-contents entry of the heading in view.
  var links = document.querySelectorAll(".toc a");
  if (links.length && "IntersectionObserver" in window) {
    var byId = {};
    links.forEach(function (a) { byId[decodeURIComponent(a.hash.slice(1))] = a; });
    var heads = Array.prototype.filter.call(document.querySelectorAll(".prose h2[id], .prose h3[id]"), function (h) { return byId[h.id]; });
    var visible = new Set();
    var update = function () {
      var current = null;
      for (var i = 0; i < heads.length; i++) {
        if (visible.has(heads[i])) { current = heads[i]; break; }
      }
      if (!current) {
        // Nothing in view: the last heading above the viewport is current.
        for (var j = heads.length - 1; j >= 0; j--) {
          if (heads[j].getBoundingClientRect().top < 0) { current = heads[j]; break; }
        }
      }
      links.forEach(function (a) { a.classList.remove("active"); a.removeAttribute("aria-current"); });
      if (current) { byId[current.id].classList.add("active"); byId[current.id].setAttribute("aria-current", "location"); }
    };
    var io = new IntersectionObserver(function (entries) {
      entries.forEach(function (e) { if (e.isIntersecting) visible.add(e.target); else visible.delete(e.target); });
      update();
    }, { rootMargin: "-56px 0px -60% 0px" });
    heads.forEach(function (h) { io.observe(h); });
  }
})();
