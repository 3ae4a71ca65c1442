// The portal's small behaviours, as a file: the Content-Security-Policy allows no inline script.
// Everything works without it (progressive enhancement).
document.addEventListener("DOMContentLoaded", function () {
  // An error summary takes the focus, so that screen readers read it first.
  var problems = document.querySelector("[data-focus]");
  if (problems) { problems.focus(); }
  // "打印回执"
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });
  // One click sends a form that creates something once (the petition, a need, a booking, a vote,
  // a comment): a second click, or a double click, while the first is on its way is ignored. The
  // server gives a resent form its first result anyway (the petition, a need, a booking; a second
  // vote is refused), but a browser shows only the last response of the two.
  document.querySelectorAll("form[data-send-once]").forEach(function (form) {
    var button = form.querySelector("button[type=submit]"), sent = false;
    form.addEventListener("submit", function (e) {
      if (sent) { e.preventDefault(); return; }
      sent = true;
      if (!button) { return; }
      setTimeout(function () {
        button.disabled = true;
        if (button.getAttribute("data-sending")) { button.textContent = button.getAttribute("data-sending"); }
      }, 0);
    });
  });
});
