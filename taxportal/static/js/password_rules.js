// Ticks each password rule as it is met; the server checks them again.
(function () {
  "use strict";

  document.addEventListener("DOMContentLoaded", function () {
    var input = document.getElementById("id_password");
    var rules = document.querySelectorAll("#password-rules li");
    if (!input) return;

    function update() {
      rules.forEach(function (rule) {
        var met = new RegExp(rule.dataset.pattern).test(input.value);
        rule.classList.toggle("met", met);
        rule.setAttribute("aria-checked", met ? "true" : "false");
      });
    }
    input.addEventListener("input", update);
    update();
  });
})();
