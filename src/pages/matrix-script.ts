/**
 * The matrix page's script, inline in the page: builds the table from the data, filters it and opens a cell's
 * detail. It writes every text with textContent (never as markup) and makes no request of any kind.
 */
export const MATRIX_SCRIPT = `
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("matrix-data").textContent);
  var WORD = { aws: "AWS", customer: "Customer", shared: "Shared" };
  var SHORT = { aws: "A", customer: "C", shared: "S" };
  var TIER = { iaas: "IaaS", paas: "PaaS", serverless: "serverless" };
  var el = function (tag, attrs, text) {
    var e = document.createElement(tag);
    if (attrs) Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined) e.textContent = text;
    return e;
  };
  var ownerKey = function (o) { return o === null ? "none" : o; };
  var ownerWord = function (o) { return o === null ? "Does not apply" : WORD[o]; };

  var table = document.getElementById("matrix");
  var head = el("tr");
  head.appendChild(el("th", { class: "corner", scope: "col" }, "Service \\u2193 / area \\u2192"));
  data.areas.forEach(function (a, j) {
    var th = el("th", { scope: "col", "data-area": a.id });
    th.appendChild(el("div", null, a.name));
    head.appendChild(th);
  });
  var thead = el("thead");
  thead.appendChild(head);
  table.appendChild(thead);
  var tbody = el("tbody");
  data.services.forEach(function (s, i) {
    var tr = el("tr", { "data-service": s.id, "data-tier": s.tier });
    var th = el("th", { scope: "row" }, s.name);
    if (s.tier) th.appendChild(el("span", { class: "tier" }, TIER[s.tier] || s.tier));
    tr.appendChild(th);
    data.areas.forEach(function (a, j) {
      var cell = data.cells[data.grid[i][j]];
      var td = el("td", { "data-area": a.id });
      var b = el("button", {
        type: "button",
        class: "o-" + ownerKey(cell.owner),
        "data-cell": s.id + "/" + a.id,
        "aria-label": s.name + " \\u00b7 " + a.name + ": " + ownerWord(cell.owner),
        title: s.name + " \\u00b7 " + a.name + ": " + ownerWord(cell.owner)
      }, cell.owner === null ? "\\u2013" : SHORT[cell.owner]);
      b.addEventListener("click", function () { openDetail(i, j); });
      td.appendChild(b);
      tr.appendChild(td);
    });
    tbody.appendChild(tr);
  });
  table.appendChild(tbody);

  var areaSelect = document.getElementById("area-filter");
  data.areas.forEach(function (a) { areaSelect.appendChild(el("option", { value: a.id }, a.name)); });

  var detail = document.getElementById("detail");
  var section = function (title, body) {
    if (!body) return;
    detail.appendChild(el("h3", null, title));
    if (Array.isArray(body)) {
      var ul = el("ul");
      body.forEach(function (item) { ul.appendChild(item instanceof Node ? item : el("li", null, item)); });
      detail.appendChild(ul);
    } else detail.appendChild(el("p", null, body));
  };
  function openDetail(i, j) {
    var s = data.services[i], a = data.areas[j], cell = data.cells[data.grid[i][j]];
    detail.textContent = "";
    var close = el("button", { id: "close", type: "button", "aria-label": "Close" }, "\\u00d7");
    close.addEventListener("click", function () { detail.hidden = true; });
    detail.appendChild(close);
    detail.appendChild(el("h2", null, s.name + " \\u00b7 " + a.name));
    detail.appendChild(el("span", { class: "owner o-" + ownerKey(cell.owner) }, ownerWord(cell.owner)));
    // The line is written to follow "In practice: " in a reply; under its own heading it starts a sentence.
    if (cell.inPractice) section("In practice", cell.inPractice.charAt(0).toUpperCase() + cell.inPractice.slice(1));
    section("Why", cell.why);
    section("AWS's part", cell.aws);
    section("Your part", cell.customer);
    if (cell.conditions) section("Conditions", cell.conditions.map(function (c) {
      return c.when + ": " + WORD[c.owner] + ". " + c.why;
    }));
    if (cell.see) section("Look instead at", cell.see.map(function (x) { return "/srm " + x; }));
    section("Sources", cell.sources.map(function (u) {
      var li = el("li");
      if (/^https:\\/\\//.test(u)) li.appendChild(el("a", { href: u, rel: "noopener noreferrer", target: "_blank" }, u));
      else li.textContent = u;
      return li;
    }));
    detail.hidden = false;
    close.focus();
  }
  document.addEventListener("keydown", function (e) { if (e.key === "Escape") detail.hidden = true; });

  var serviceInput = document.getElementById("service-filter");
  var tierSelect = document.getElementById("tier-filter");
  var count = document.getElementById("count");
  function apply() {
    var words = serviceInput.value.trim().toLowerCase();
    var tier = tierSelect.value, area = areaSelect.value;
    var rows = 0;
    Array.prototype.forEach.call(tbody.rows, function (tr, i) {
      var s = data.services[i];
      var show = (!tier || s.tier === tier) &&
        (!words || s.name.toLowerCase().indexOf(words) >= 0 || s.id.indexOf(words) >= 0);
      tr.classList.toggle("hidden", !show);
      if (show) rows++;
    });
    Array.prototype.forEach.call(table.querySelectorAll("[data-area]"), function (c) {
      c.classList.toggle("hidden", !!area && c.getAttribute("data-area") !== area);
    });
    count.textContent = rows + " of " + data.services.length + " services \\u00d7 " +
      (area ? 1 : data.areas.length) + " of " + data.areas.length + " areas";
  }
  serviceInput.addEventListener("input", apply);
  tierSelect.addEventListener("change", apply);
  areaSelect.addEventListener("change", apply);
  apply();
})();
`;
