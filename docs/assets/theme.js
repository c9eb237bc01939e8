/* Theme fixes that need the DOM (see theme.css for the rest). No dependencies.
   Material's script builds these elements on every page (instant navigation included),
   so the fixes watch the document rather than run once:
   - Code annotations are <a class="md-annotation__index"> holding only a CSS counter:
     a link without a name (axe: link-name). Name each after its number.
   - Each code block's copy button sits in a <nav class="md-code__nav">: dozens of
     navigation landmarks with one empty name (axe: landmark-unique). A copy button is
     not site navigation: drop the landmark role; the button keeps its name.
   - A table wider than the page scrolls inside its .md-typeset__scrollwrap, which a
     keyboard cannot reach (axe: scrollable-region-focusable). Make each one that
     overflows focusable, as a named region; recheck when the window is resized. */
(function () {
  "use strict";
  function fix() {
    var links = document.querySelectorAll("a.md-annotation__index:not([aria-label])");
    for (var i = 0; i < links.length; i++) {
      var id = links[i].querySelector("[data-md-annotation-id]");
      links[i].setAttribute("aria-label", "Annotation " + (id ? id.getAttribute("data-md-annotation-id") : i + 1));
    }
    var navs = document.querySelectorAll("nav.md-code__nav:not([role])");
    for (var j = 0; j < navs.length; j++) navs[j].setAttribute("role", "none");
    var wraps = document.querySelectorAll(".md-typeset__scrollwrap");
    for (var k = 0; k < wraps.length; k++) {
      var w = wraps[k];
      if (w.scrollWidth > w.clientWidth) {
        if (!w.hasAttribute("tabindex")) {
          w.setAttribute("tabindex", "0");
          w.setAttribute("role", "region");
          w.setAttribute("aria-label", "Table, scrolls sideways");
        }
      } else if (w.getAttribute("role") === "region") {
        w.removeAttribute("tabindex");
        w.removeAttribute("role");
        w.removeAttribute("aria-label");
      }
    }
  }
  fix();
  new MutationObserver(fix).observe(document.body, { childList: true, subtree: true });
  window.addEventListener("resize", fix);
})();
