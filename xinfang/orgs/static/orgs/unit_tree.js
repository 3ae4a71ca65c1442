/* Unit pickers with search (xinfang.orgs.unittree): a search box above each grouped unit <select>
   asks the server which units of the user's jurisdiction match and hides the other options; a
   picker that lists only the upper levels adds the matching units it does not list.
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
  // A picker that lists only the upper levels (data-unit-more: a province's thousands of units)
  // gets the matching units it does not list added, under "搜索结果", labelled with the units above.
  function add(select, nodes) {
    var have = {}, group = select.querySelector("optgroup[data-found]");
    Array.prototype.forEach.call(select.options, function (o) { have[o.value] = true; });
    (function walk(list, above) {
      list.forEach(function (n) {
        var names = above.concat([n.name]);
        if (n.match && !have[String(n.id)]) {
          if (!group) {
            group = document.createElement("optgroup");
            group.label = select.getAttribute("data-found-label") || "";
            group.setAttribute("data-found", "");
            select.appendChild(group);
          }
          var option = document.createElement("option");
          option.value = String(n.id);
          option.textContent = names.join(" › ");
          group.appendChild(option);
          have[option.value] = true;
        }
        walk(n.children || [], names);
      });
    })(nodes, []);
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
          .then(function (data) {
            if (!data || mine !== asked) { return; }
            if (select.hasAttribute("data-unit-more")) { add(select, data.units); }
            show(select, ids(data.units, {}));
          });
      }, 200);
    });
  }
  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("select[data-unit-tree]"), attach);
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); }
  else { init(); }
})();
