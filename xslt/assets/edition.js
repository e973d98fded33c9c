/* tei2html: switch between the reading and the diplomatic view (no server, no network). */
(function () {
  "use strict";
  var body = document.body;
  var button = document.getElementById("view-toggle");
  var name = document.getElementById("view-name");
  if (!button) { return; }
  function show(diplomatic) {
    body.classList.toggle("diplomatic", diplomatic);
    body.classList.toggle("reading", !diplomatic);
    button.setAttribute("aria-pressed", String(diplomatic));
    button.textContent = diplomatic ? button.dataset.showReading : button.dataset.showDiplomatic;
    if (name) { name.textContent = diplomatic ? button.dataset.diplomatic : button.dataset.reading; }
  }
  button.hidden = false;
  button.addEventListener("click", function () {
    show(!body.classList.contains("diplomatic"));
  });
  if (window.location.hash === "#diplomatic") { show(true); }
}());
