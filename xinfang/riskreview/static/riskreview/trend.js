/* The monthly trend of the petitions touching a major decision (ECharts from the warning app's
   static files, as the dashboard draws its charts; the data table next to it works without it). */
(function () {
  "use strict";
  var el = document.getElementById("risk-trend");
  var node = document.getElementById("c-trend");
  if (!el || !node || !window.echarts) { return; }
  var d = JSON.parse(el.textContent);
  var c = window.echarts.init(node, null, { renderer: "svg" });
  c.setOption({
    animation: false, tooltip: { trigger: "axis" }, grid: { left: 36, right: 12, top: 16, bottom: 36 },
    xAxis: { type: "category", data: d.months },
    yAxis: { type: "value", minInterval: 1 },
    series: [{ type: "bar", name: d.name, data: d.counts }]
  });
  window.addEventListener("resize", function () { c.resize(); });
})();
