// Drag and drop reordering for the roadmap editor. The "Monter" / "Descendre" buttons stay the
// keyboard-accessible alternative, and the page works without this script.
(function () {
  "use strict";
  var dragged = null;

  function itemsOf(list) {
    return Array.prototype.filter.call(list.children, function (child) {
      return child.hasAttribute("data-reorder-item");
    });
  }

  function setup(root) {
    root.querySelectorAll("[data-reorder-item]").forEach(function (item) {
      if (item.dataset.reorderReady) {
        return;
      }
      item.dataset.reorderReady = "1";
      item.setAttribute("draggable", "true");
      item.addEventListener("dragstart", function (event) {
        event.stopPropagation();
        dragged = item;
        item.classList.add("roadmap-dragging");
        event.dataTransfer.effectAllowed = "move";
        event.dataTransfer.setData("text/plain", item.id);
      });
      item.addEventListener("dragend", function () {
        item.classList.remove("roadmap-dragging");
        dragged = null;
      });
      item.addEventListener("dragover", function (event) {
        if (dragged && dragged !== item && dragged.parentElement === item.parentElement) {
          event.preventDefault();
          event.stopPropagation();
          item.classList.add("roadmap-drop-target");
        }
      });
      item.addEventListener("dragleave", function () {
        item.classList.remove("roadmap-drop-target");
      });
      item.addEventListener("drop", function (event) {
        item.classList.remove("roadmap-drop-target");
        if (!dragged || dragged === item || dragged.parentElement !== item.parentElement) {
          return;
        }
        event.preventDefault();
        event.stopPropagation();
        var position = itemsOf(item.parentElement).indexOf(item) + 1;
        window.htmx.ajax("POST", dragged.dataset.moveUrl, {
          target: "#editor-body",
          swap: "outerHTML",
          values: { position: String(position) },
        });
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    setup(document);
  });
  document.addEventListener("htmx:afterSettle", function () {
    setup(document);
  });
})();
