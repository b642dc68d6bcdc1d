// authdebug: apply the theme the user picked (kept in localStorage under
// "authdebug.theme") before the page paints, so a dark-theme user never sees
// a light flash. The page itself (app/) does the same once it has loaded.
(function () {
  try {
    var t = window.localStorage.getItem("authdebug.theme");
    if (t === "light" || t === "dark") {
      document.documentElement.setAttribute("data-theme", t);
    }
  } catch (e) { /* storage disabled: follow prefers-color-scheme */ }
})();
