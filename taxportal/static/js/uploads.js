// My Files: drag and drop or pick several files; each uploads on its own
// request with its own progress bar, so one refusal keeps the others.
(function () {
  "use strict";

  function csrfToken(form) {
    return form.querySelector("input[name=csrfmiddlewaretoken]").value;
  }

  function progressRow(name) {
    var item = document.createElement("li");
    var label = document.createElement("span");
    var bar = document.createElement("progress");
    var status = document.createElement("span");
    label.textContent = name;
    bar.max = 100;
    bar.value = 0;
    status.className = "status";
    item.append(label, bar, status);
    document.getElementById("upload-progress").append(item);
    return { item: item, bar: bar, status: status };
  }

  function addToList(rowHtml) {
    var list = document.getElementById("upload-list");
    var empty = list.querySelector("tr.empty");
    if (empty) empty.remove();
    list.insertAdjacentHTML("afterbegin", rowHtml);
  }

  function upload(form, file) {
    var row = progressRow(file.name);
    // Saves sending a file the server would refuse anyway; it checks again.
    if (file.size > Number(form.dataset.maxBytes)) {
      row.item.classList.add("failed");
      row.status.textContent = form.dataset.tooLargeText;
      return;
    }
    var body = new FormData();
    body.append("file", file);

    var request = new XMLHttpRequest();
    request.open("POST", form.dataset.uploadUrl);
    request.setRequestHeader("X-CSRFToken", csrfToken(form));
    request.upload.addEventListener("progress", function (event) {
      if (event.lengthComputable) row.bar.value = (100 * event.loaded) / event.total;
    });
    request.addEventListener("load", function () {
      if (request.status === 200) {
        row.bar.value = 100;
        row.item.classList.add("done");
        row.status.textContent = form.dataset.doneText;
        addToList(request.responseText);
        return;
      }
      row.item.classList.add("failed");
      var message = form.dataset.failedText;
      try { message = JSON.parse(request.responseText).error || message; } catch (e) { /* not JSON */ }
      row.status.textContent = message;
    });
    request.addEventListener("error", function () {
      row.item.classList.add("failed");
      row.status.textContent = form.dataset.offlineText;
    });
    request.send(body);
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.getElementById("dropzone");
    var picker = document.getElementById("file-picker");
    if (!form || !picker) return;

    picker.addEventListener("change", function () {
      Array.from(picker.files).forEach(function (file) { upload(form, file); });
      picker.value = "";
    });
    ["dragenter", "dragover"].forEach(function (name) {
      form.addEventListener(name, function (event) {
        event.preventDefault();
        form.classList.add("dragging");
      });
    });
    ["dragleave", "drop"].forEach(function (name) {
      form.addEventListener(name, function () { form.classList.remove("dragging"); });
    });
    form.addEventListener("drop", function (event) {
      event.preventDefault();
      Array.from(event.dataTransfer.files).forEach(function (file) { upload(form, file); });
    });
  });
})();
