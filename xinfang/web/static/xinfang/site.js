// Staff pages' small behaviours, as a file: the Content-Security-Policy allows no inline script.
document.addEventListener("DOMContentLoaded", function () {
  // The language switch submits its form on change (a button remains for no-script browsers).
  document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
    select.addEventListener("change", function () { select.form.submit(); });
  });
  // Registration: "增加信访人" adds one more petitioner row to the formset and puts the cursor
  // in its first field (keyboard users continue with Tab from there).
  var add = document.getElementById("add-person");
  if (add) {
    add.addEventListener("click", function () {
      var total = document.getElementById("id_p-TOTAL_FORMS");
      var html = document.getElementById("person-template").innerHTML.replace(/__prefix__/g, total.value);
      var people = document.getElementById("people");
      people.insertAdjacentHTML("beforeend", html);
      total.value = parseInt(total.value, 10) + 1;
      var first = people.lastElementChild && people.lastElementChild.querySelector("input, select, textarea");
      if (first) { first.focus(); }
    });
  }
  // Work queue: "全选本页" ticks every case checkbox of the page.
  document.querySelectorAll("input[data-select-all]").forEach(function (all) {
    all.addEventListener("change", function () {
      var name = all.getAttribute("data-select-all");
      document.querySelectorAll('input[type=checkbox][name="' + name + '"]').forEach(function (box) {
        box.checked = all.checked;
      });
    });
  });
  // Print pages: the 打印 button.
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });
  // Keyboard shortcuts (documented on the pages that have them, "快捷键"): Alt + the letter in
  // data-shortcut clicks a link or button, or focuses a field. Ctrl+Enter submits the form the
  // cursor is in, like its first submit button.
  var shortcuts = {};
  document.querySelectorAll("[data-shortcut]").forEach(function (el) {
    shortcuts[el.getAttribute("data-shortcut").toLowerCase()] = el;
  });
  document.addEventListener("keydown", function (event) {
    if (event.altKey && !event.ctrlKey && !event.metaKey && event.key) {
      var key = event.code && event.code.indexOf("Key") === 0 ? event.code.slice(3).toLowerCase()
        : event.key.toLowerCase();
      var target = shortcuts[key];
      if (!target) { return; }
      event.preventDefault();
      if (/^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName)) { target.focus(); } else { target.click(); }
    } else if (event.ctrlKey && event.key === "Enter" && event.target.form) {
      var submit = event.target.form.querySelector("button[type=submit], input[type=submit]");
      if (submit) { event.preventDefault(); submit.click(); }
    }
  });
});
