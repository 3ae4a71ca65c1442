// The import page's progress bar (a file: the Content-Security-Policy allows no inline script).
// While the batch runs, ask its progress every two seconds and move the bar; when it has stopped,
// reload the page, which then shows the result and the error sheet.
document.addEventListener("DOMContentLoaded", function () {
  var bar = document.querySelector("progress[data-progress-url]");
  if (!bar) { return; }
  var label = document.getElementById("progress-label");
  function poll() {
    fetch(bar.getAttribute("data-progress-url"), {credentials: "same-origin", headers: {"Accept": "application/json"}})
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (p) {
        if (!p) { return; }
        if (p.total) { bar.max = p.total; }
        bar.value = p.done;
        if (label) { label.textContent = p.label; }
        if (p.running) { window.setTimeout(poll, 2000); } else { window.location.reload(); }
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  window.setTimeout(poll, 1000);
});
