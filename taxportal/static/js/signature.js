// Edit Signature: signature_pad draws under the pointer (mouse, pen or
// finger). The canvas is sized in device pixels, and after a resize or a
// rotation the strokes are redrawn at the new size, so the ink stays where
// it was drawn.
(function () {
  "use strict";

  document.addEventListener("DOMContentLoaded", function () {
    var box = document.getElementById("signature-box");
    var canvas = document.getElementById("signature-canvas");
    var errorLine = document.getElementById("signature-error");
    var saved = document.getElementById("signature-saved");
    if (!box || !canvas || typeof SignaturePad === "undefined") return;

    var pad = new SignaturePad(canvas, { minWidth: 0.8, maxWidth: 2.6, penColor: "#0b1f66" });
    var drawnAtWidth = 0;

    function fitCanvas() {
      var ratio = Math.max(window.devicePixelRatio || 1, 1);
      var width = canvas.offsetWidth;
      var height = canvas.offsetHeight;
      if (width === 0 || height === 0) return;

      var strokes = pad.toData();
      canvas.width = width * ratio;
      canvas.height = height * ratio;
      canvas.getContext("2d").scale(ratio, ratio);
      pad.clear();

      if (strokes.length && drawnAtWidth) {
        var scale = width / drawnAtWidth;
        strokes.forEach(function (stroke) {
          stroke.points.forEach(function (point) { point.x *= scale; point.y *= scale; });
        });
        pad.fromData(strokes);
      }
      drawnAtWidth = width;
    }

    function showError(message) {
      errorLine.textContent = message;
      errorLine.hidden = !message;
    }

    function save() {
      if (pad.isEmpty()) {
        showError(box.dataset.emptyMessage);
        return;
      }
      showError("");
      var form = document.getElementById("signature-form");
      var body = new FormData(form);
      body.append("signature", pad.toDataURL("image/png"));
      fetch(box.dataset.saveUrl, { method: "POST", body: body, credentials: "same-origin" })
        .then(function (response) {
          return response.json().then(function (reply) { return { ok: response.ok, reply: reply }; });
        })
        .then(function (result) {
          if (!result.ok) {
            showError(result.reply.error || box.dataset.failedMessage);
            return;
          }
          saved.showModal();
        })
        .catch(function () { showError(box.dataset.failedMessage); });
    }

    pad.addEventListener("beginStroke", function () { showError(""); });
    window.addEventListener("resize", fitCanvas);
    window.addEventListener("orientationchange", fitCanvas);
    document.getElementById("signature-clear").addEventListener("click", function () {
      pad.clear();
      showError("");
    });
    document.getElementById("signature-save").addEventListener("click", save);
    fitCanvas();
  });
})();
