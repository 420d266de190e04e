// Regions marked data-refresh-url are fetched again every few seconds, so
// new messages, uploads and signatures show without a reload.
(function () {
  "use strict";

  function refresh(region) {
    if (document.hidden) return;
    fetch(region.dataset.refreshUrl, { credentials: "same-origin", headers: { "X-Requested-With": "fetch" } })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        if (html !== null && html !== region.dataset.lastHtml) {
          region.dataset.lastHtml = html;
          region.innerHTML = html;
          scrollChatsToNewest(region);
        }
      })
      .catch(function () { /* Offline for a moment: the next tick tries again. */ });
  }

  // A chat opens, and stays, on its newest line.
  function scrollChatsToNewest(root) {
    root.querySelectorAll(".chat-lines").forEach(function (lines) {
      lines.scrollTop = lines.scrollHeight;
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    scrollChatsToNewest(document);
    document.querySelectorAll("[data-refresh-url]").forEach(function (region) {
      var seconds = Number(region.dataset.refreshSeconds || "5");
      setInterval(function () { refresh(region); }, seconds * 1000);
    });
  });
})();
