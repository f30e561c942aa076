(function () {
  "use strict";
  var buttons = document.querySelectorAll("[data-persona-btn]");
  function choose(key) {
    document.body.setAttribute("data-persona", key);
    buttons.forEach(function (button) {
      var on = button.getAttribute("data-persona-btn") === key;
      button.setAttribute("aria-pressed", on ? "true" : "false");
    });
  }
  buttons.forEach(function (button) {
    button.addEventListener("click", function () {
      choose(button.getAttribute("data-persona-btn"));
    });
  });
  var wanted = /^#view=([a-z0-9]+)$/.exec(window.location.hash);
  if (wanted && document.querySelector('[data-persona-btn="' + wanted[1] + '"]')) {
    choose(wanted[1]);
  }
  document.documentElement.setAttribute("data-ready", "1");
})();
