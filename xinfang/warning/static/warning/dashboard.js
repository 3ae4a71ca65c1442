/* Dashboard charts (ECharts, served from this app's static files; no CDN). Each chart has a
   data table next to it, so the page works without JavaScript too. */
(function () {
  "use strict";
  var el = document.getElementById("dash-data");
  if (!el || !window.echarts) { return; }
  var d = JSON.parse(el.textContent);
  function chart(id, option) {
    var node = document.getElementById(id);
    if (!node) { return; }
    // SVG: crisp when printed, and the labels are text a browser test can measure
    var c = window.echarts.init(node, null, { renderer: "svg" });
    c.setOption(option);
    window.addEventListener("resize", function () { c.resize(); });
  }
  var grid = { left: 40, right: 16, top: 30, bottom: 40 };
  chart("c-days", {
    tooltip: { trigger: "axis" }, grid: grid,
    xAxis: { type: "category", data: d.days.map(function (r) { return r[0].slice(5); }) },
    yAxis: { type: "value", minInterval: 1 },
    series: [{ type: "line", name: "件数", data: d.days.map(function (r) { return r[1]; }), smooth: true }]
  });
  chart("c-weeks", {
    tooltip: { trigger: "axis" }, grid: grid,
    xAxis: { type: "category", data: d.weeks.map(function (r) { return r[0].slice(5); }) },
    yAxis: { type: "value", minInterval: 1 },
    series: [{ type: "bar", name: "件数", data: d.weeks.map(function (r) { return r[1]; }) }]
  });
  chart("c-channels", {
    tooltip: { trigger: "item" },
    // long names ("12345及其他平台") wrap inside the card instead of running off its edge
    series: [{ type: "pie", radius: ["26%", "50%"], data: d.channels,
               label: { formatter: "{b}\n{c}", width: 84, overflow: "break", alignTo: "edge",
                        edgeDistance: 6, lineHeight: 16 },
               labelLayout: { hideOverlap: true } }]
  });
  chart("c-categories", {
    tooltip: { trigger: "axis" }, legend: { top: 0 }, grid: { left: 90, right: 16, top: 30, bottom: 20 },
    yAxis: { type: "category", data: d.categories.map(function (r) { return r[0]; }) },
    xAxis: { type: "value", minInterval: 1 },
    series: [
      { type: "bar", name: "近30日", data: d.categories.map(function (r) { return r[1]; }) },
      { type: "bar", name: "前30日", data: d.categories.map(function (r) { return r[2]; }) },
      { type: "bar", name: "上年同期", data: d.categories.map(function (r) { return r[3]; }) }
    ]
  });
  chart("c-tree", {
    tooltip: {},
    series: [{ type: "treemap", data: d.tree, leafDepth: 2, roam: false,
               breadcrumb: { show: true }, label: { show: true, formatter: "{b}\n{c}" } }]
  });
})();
