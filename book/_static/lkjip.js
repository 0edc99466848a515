// lkjip: the popover of a report number (label, formula in words, substitution, result,
// a link to the full calculation in the working paper) and the highlighted rows of a
// data table's page (#baris-2 or a range from a source link). No external resources.
(function () {
  "use strict";
  var data = window.LKJIP_ANGKA || {};
  var box = null;

  function hide() {
    if (box) { box.remove(); box = null; }
    document.querySelectorAll("a.lkjip-angka[aria-describedby]").forEach(function (a) {
      a.removeAttribute("aria-describedby");
    });
  }

  function line(label, text) {
    var p = document.createElement("p");
    if (label) {
      var b = document.createElement("span");
      b.className = "lkjip-popover-label";
      b.textContent = label + ": ";
      p.appendChild(b);
    }
    p.appendChild(document.createTextNode(text));
    return p;
  }

  function show(link) {
    var entry = data[link.getAttribute("data-angka")];
    if (!entry) { return; }
    hide();
    box = document.createElement("div");
    box.className = "lkjip-popover";
    box.id = "lkjip-popover";
    box.setAttribute("role", "tooltip");
    var title = line("", entry.l);
    title.className = "lkjip-popover-judul";
    box.appendChild(title);
    if (entry.r) { box.appendChild(line("Rumus", entry.r)); }
    if (entry.s) { box.appendChild(line("Perhitungan", entry.s)); }
    box.appendChild(line("Hasil", entry.h));
    var more = document.createElement("a");
    more.href = link.href;
    more.textContent = "Perhitungan lengkap di Kertas Kerja";
    box.appendChild(more);
    document.body.appendChild(box);
    var r = link.getBoundingClientRect();
    var left = Math.min(window.scrollX + r.left, window.scrollX + document.documentElement.clientWidth - box.offsetWidth - 8);
    box.style.left = Math.max(8, left) + "px";
    box.style.top = (window.scrollY + r.bottom + 6) + "px";
    link.setAttribute("aria-describedby", "lkjip-popover");
    box.addEventListener("mouseleave", hide);
  }

  // touch: a tap on a number shows its popover; a second tap on the same number follows
  // its link (a phone has no hover, and the tap's click would leave the page at once)
  var touch = false;
  var openBefore = false;
  document.addEventListener("pointerdown", function (e) {
    touch = e.pointerType === "touch" || e.pointerType === "pen";
    var link = e.target.closest && e.target.closest("a.lkjip-angka");
    openBefore = !!(link && box && link.getAttribute("aria-describedby") === "lkjip-popover");
  }, true);
  document.addEventListener("click", function (e) {
    var link = e.target.closest && e.target.closest("a.lkjip-angka");
    if (!link || !touch || openBefore) { return; }
    e.preventDefault();
    show(link);
  });

  document.addEventListener("mouseover", function (e) {
    var link = e.target.closest && e.target.closest("a.lkjip-angka");
    if (link) { show(link); }
  });
  document.addEventListener("focusin", function (e) {
    var link = e.target.closest && e.target.closest("a.lkjip-angka");
    if (link) { show(link); } else if (!(box && box.contains(e.target))) { hide(); }
  });
  document.addEventListener("mouseout", function (e) {
    var link = e.target.closest && e.target.closest("a.lkjip-angka");
    if (link && box && !(e.relatedTarget && box.contains(e.relatedTarget))) { hide(); }
  });
  document.addEventListener("keydown", function (e) { if (e.key === "Escape") { hide(); } });

  // data pages: highlight the cited rows (the link's data-baris "2-13" or "5")
  function highlight() {
    document.querySelectorAll("tr.lkjip-disorot").forEach(function (tr) { tr.classList.remove("lkjip-disorot"); });
    var m = /^#baris-(\d+)$/.exec(window.location.hash);
    if (!m) { return; }
    var first = parseInt(m[1], 10);
    var last = first;
    var range = sessionStorage.getItem("lkjip-baris");
    if (range) {
      var parts = range.split("-");
      if (parseInt(parts[0], 10) === first && parts[1]) { last = parseInt(parts[1], 10); }
    }
    for (var n = first; n <= last; n++) {
      var tr = document.getElementById("baris-" + n);
      if (tr) { tr.classList.add("lkjip-disorot"); }
    }
  }
  document.addEventListener("click", function (e) {
    var link = e.target.closest && e.target.closest("a.lkjip-sumber");
    if (link) { sessionStorage.setItem("lkjip-baris", link.getAttribute("data-baris")); }
  });
  window.addEventListener("hashchange", highlight);

  // long working-paper tables (class lkjip-saring): filters on the Status and Bab columns
  function filters(table) {
    var heads = Array.prototype.slice.call(table.querySelectorAll("thead th"));
    var rows = Array.prototype.slice.call(table.querySelectorAll("tbody tr"));
    var chosen = {};
    var bar = document.createElement("div");
    bar.className = "lkjip-saring-bar";
    var count = document.createElement("span");
    function apply() {
      var shown = 0;
      rows.forEach(function (tr) {
        var ok = Object.keys(chosen).every(function (i) {
          return !chosen[i] || tr.children[i].textContent.trim() === chosen[i];
        });
        tr.hidden = !ok;
        if (ok) { shown++; }
      });
      count.textContent = shown + " dari " + rows.length + " baris";
    }
    heads.forEach(function (th, i) {
      var name = th.textContent.trim();
      if (name !== "Status" && name !== "Bab") { return; }
      var values = {};
      rows.forEach(function (tr) { values[tr.children[i].textContent.trim()] = true; });
      var label = document.createElement("label");
      label.textContent = name + " ";
      var select = document.createElement("select");
      select.setAttribute("aria-label", "Saring menurut " + name);
      select.appendChild(new Option("semua", ""));
      Object.keys(values).sort().forEach(function (v) { select.appendChild(new Option(v, v)); });
      select.addEventListener("change", function () { chosen[i] = select.value; apply(); });
      label.appendChild(select);
      bar.appendChild(label);
    });
    bar.appendChild(count);
    table.parentNode.insertBefore(bar, table);
    apply();
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("table.lkjip-saring").forEach(filters);
  });
  document.addEventListener("DOMContentLoaded", highlight);
})();
