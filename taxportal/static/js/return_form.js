// The spouse's fields are shown only for "Married filing jointly".
(function () {
  "use strict";

  document.addEventListener("DOMContentLoaded", function () {
    var status = document.getElementById("id_filing_status");
    var spouse = document.getElementById("spouse-fields");
    if (!status || !spouse) return;

    function update() {
      var joint = status.value === "married_joint";
      spouse.hidden = !joint;
      spouse.disabled = !joint;
    }
    status.addEventListener("change", update);
    update();
  });
})();
