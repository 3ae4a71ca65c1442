/* Unit pickers with search (xinfang.orgs.unittree): a search box above each grouped unit <select>
   asks the server which units of the user's jurisdiction match and hides the other options.
   Without JavaScript the <select> with its <optgroup>s works as it is. No framework. */
(function () {
  "use strict";
  function ids(nodes, out) {
    nodes.forEach(function (n) { out[String(n.id)] = true; ids(n.children || [], out); });
    return out;
  }
  function show(select, keep) {
    Array.prototype.forEach.call(select.options, function (o) {
      o.hidden = keep !== null && o.value !== "" && !keep[o.value];
    });
    Array.prototype.forEach.call(select.querySelectorAll("optgroup"), function (g) {
      g.hidden = !Array.prototype.some.call(g.children, function (o) { return !o.hidden; });
    });
  }
  function attach(select) {
    var box = document.createElement("input");
    box.type = "search";
    box.className = "unit-search";
    box.placeholder = select.getAttribute("data-search-label") || "";
    box.setAttribute("aria-label", box.placeholder);
    select.parentNode.insertBefore(box, select);
    var timer = null;
    var asked = 0;
    box.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var term = box.value.trim();
        if (!term) { show(select, null); return; }
        var mine = ++asked;
        fetch(select.getAttribute("data-unit-tree") + "?q=" + encodeURIComponent(term),
              { credentials: "same-origin", headers: { "Accept": "application/json" } })
          .then(function (r) { return r.ok ? r.json() : null; })
          .then(function (data) { if (data && mine === asked) { show(select, ids(data.units, {})); } });
      }, 200);
    });
  }
  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("select[data-unit-tree]"), attach);
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); }
  else { init(); }
})();
