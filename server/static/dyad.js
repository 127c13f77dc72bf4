// dyad.js: light up an event's evidence in the article when the event is
// hovered or focused, and the events of a highlighted word when it is; an
// address ending in #event-N lights up event N's evidence and scrolls to it.
(function () {
  "use strict";
  function marksOf(id) {
    return document.querySelectorAll('mark[data-ev~="' + id + '"]');
  }
  function toggle(id, on) {
    marksOf(id).forEach(function (m) { m.classList.toggle("active", on); });
    document.querySelectorAll('.ev[data-ev="' + id + '"]').forEach(function (e) { e.classList.toggle("active", on); });
  }
  document.querySelectorAll(".ev[data-ev]").forEach(function (ev) {
    var id = ev.getAttribute("data-ev");
    ev.addEventListener("mouseenter", function () { toggle(id, true); });
    ev.addEventListener("mouseleave", function () { toggle(id, false); });
    ev.addEventListener("focus", function () { toggle(id, true); });
    ev.addEventListener("blur", function () { toggle(id, false); });
  });
  document.querySelectorAll("mark[data-ev]").forEach(function (m) {
    var ids = m.getAttribute("data-ev").split(" ");
    m.addEventListener("mouseenter", function () { ids.forEach(function (id) { toggle(id, true); }); });
    m.addEventListener("mouseleave", function () { ids.forEach(function (id) { toggle(id, false); }); });
  });
  function target() {
    document.querySelectorAll("mark.target").forEach(function (m) { m.classList.remove("target"); });
    var m = /^#event-(\d+)$/.exec(location.hash);
    var ev = m && document.getElementById("event-" + m[1]);
    if (!ev) { return; }
    var marks = marksOf(ev.getAttribute("data-ev"));
    marks.forEach(function (x) { x.classList.add("target"); });
    var first = marks.length ? marks[0] : ev;
    first.scrollIntoView({block: "center"});
  }
  window.addEventListener("hashchange", target);
  // The browser scrolls to the event's item itself once the page has
  // loaded; the evidence is scrolled to after that.
  target();
  window.addEventListener("load", function () { setTimeout(target, 0); });
})();
