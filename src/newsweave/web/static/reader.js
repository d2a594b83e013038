// newsweave reader: small progressive enhancements; every page works without this file.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  // Article page: a button to hide or show the boilerplate lines.
  const toggle = document.querySelector("button.toggle-removed");
  if (toggle && document.querySelector("p.removed")) {
    toggle.hidden = false;
    toggle.addEventListener("click", () => {
      const hidden = document.body.classList.toggle("hide-removed");
      toggle.textContent = hidden ? "Show boilerplate" : "Hide boilerplate";
    });
  }
  // Article page reached from a citation chip: make sure the cited sentence is in view and focusable.
  const id = decodeURIComponent(window.location.hash.slice(1));
  const target = id ? document.getElementById(id) : null;
  if (target && target.classList.contains("cited")) {
    target.setAttribute("tabindex", "-1");
    target.focus({ preventScroll: true });
    target.scrollIntoView({ block: "center" });
  }
});
