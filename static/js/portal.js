// The portal's own script: no inline script anywhere (strict Content-Security-Policy).
(function () {
  "use strict";
  document.addEventListener("htmx:configRequest", function (event) {
    var meta = document.querySelector('meta[name="csrf-token"]');
    if (meta) {
      event.detail.headers["X-CSRFToken"] = meta.getAttribute("content");
    }
  });

  // A form that autosaves (htmx on "change") and is then sent whole: leaving a field for a button starts an
  // autosave delay, and on a slow line that autosave would leave while the page's own save is on its way.
  // The full save carries the same fields, so the autosave is dropped. (A form that htmx sends itself has its
  // submit event prevented by then, and is not leaving.)
  document.addEventListener("submit", function (event) {
    if (!event.defaultPrevented) {
      event.target.dataset.leaving = "true";
    }
  });
  document.addEventListener("htmx:beforeRequest", function (event) {
    var form = event.detail.elt.closest("form");
    if (form && form.dataset.leaving) {
      event.preventDefault();
    }
  });
  // A page restored by the browser's back button autosaves again.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) {
      document.querySelectorAll("form[data-leaving]").forEach(function (form) {
        delete form.dataset.leaving;
      });
    }
  });
})();
