/* Theme fixes that need the DOM (see theme.css for the rest). No dependencies.
   Material's script builds these elements on every page (instant navigation included),
   so the fixes watch the document rather than run once:
   - Code annotations are <a class="md-annotation__index"> holding only a CSS counter:
     a link without a name (axe: link-name). Name each after its number.
   - Each code block's copy button sits in a <nav class="md-code__nav">: dozens of
     navigation landmarks with one empty name (axe: landmark-unique). A copy button is
     not site navigation: drop the landmark role; the button keeps its name. */
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
  }
  fix();
  new MutationObserver(fix).observe(document.body, { childList: true, subtree: true });
})();
