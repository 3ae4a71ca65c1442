// Staff pages' small behaviours, as a file: the Content-Security-Policy allows no inline script.
document.addEventListener("DOMContentLoaded", function () {
  // The language switch submits its form on change (a button remains for no-script browsers).
  document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
    select.addEventListener("change", function () { select.form.submit(); });
  });
  // Registration: "增加信访人" adds one more petitioner row to the formset.
  var add = document.getElementById("add-person");
  if (add) {
    add.addEventListener("click", function () {
      var total = document.getElementById("id_p-TOTAL_FORMS");
      var html = document.getElementById("person-template").innerHTML.replace(/__prefix__/g, total.value);
      document.getElementById("people").insertAdjacentHTML("beforeend", html);
      total.value = parseInt(total.value, 10) + 1;
    });
  }
});
