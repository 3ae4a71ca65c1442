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
  // One click sends the petition form once (the server is idempotent anyway).
  var form = document.getElementById("petition-form"), button = document.getElementById("submit-btn");
  if (form && button) {
    var sent = false;
    form.addEventListener("submit", function (e) {
      if (sent) { e.preventDefault(); return; }
      sent = true;
      setTimeout(function () {
        button.disabled = true;
        button.textContent = button.getAttribute("data-sending");
      }, 0);
    });
  }
});
