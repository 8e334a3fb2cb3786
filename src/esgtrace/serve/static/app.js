// esgtrace web app: table filter and sort, upload with progress. Plain JavaScript, no library.
"use strict";

function rowText(row) { return row.textContent.toLowerCase(); }

function applyFilter(table) {
  const text = (document.getElementById("fact-filter") || {}).value || "";
  const pillar = (document.getElementById("pillar-filter") || {}).value || "";
  const words = text.toLowerCase().split(/\s+/).filter(Boolean);
  table.querySelectorAll("tbody").forEach(function (body) {
    let shown = 0;
    body.querySelectorAll("tr.fact").forEach(function (row) {
      const hay = rowText(row);
      const ok = words.every(function (w) { return hay.includes(w); }) && (!pillar || row.dataset.pillar === pillar);
      row.hidden = !ok;
      if (ok) shown += 1;
    });
    body.hidden = shown === 0 && body.querySelector("tr.fact") !== null;
  });
}

function sortValue(cell, kind) {
  if (kind === "num") {
    const raw = cell.dataset.value !== undefined ? cell.dataset.value : cell.textContent.replace(/[^0-9.eE+-]/g, "");
    const n = parseFloat(raw);
    return isNaN(n) ? -Infinity : n;
  }
  return cell.textContent.trim().toLowerCase();
}

function sortBy(table, index, kind, header) {
  const descending = header.getAttribute("aria-sort") === "ascending";
  table.querySelectorAll("thead th").forEach(function (th) { th.removeAttribute("aria-sort"); });
  header.setAttribute("aria-sort", descending ? "descending" : "ascending");
  table.querySelectorAll("tbody").forEach(function (body) {
    const rows = Array.from(body.querySelectorAll("tr.fact"));
    rows.sort(function (a, b) {
      const x = sortValue(a.cells[index], kind), y = sortValue(b.cells[index], kind);
      const order = x < y ? -1 : x > y ? 1 : 0;
      return descending ? -order : order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
  });
}

function setUpTables() {
  document.querySelectorAll("table.sortable").forEach(function (table) {
    table.querySelectorAll("thead th").forEach(function (th, index) {
      th.addEventListener("click", function () { sortBy(table, index, th.dataset.sort || "text", th); });
    });
  });
  ["fact-filter", "pillar-filter"].forEach(function (id) {
    const input = document.getElementById(id);
    if (!input) return;
    const table = document.getElementById(input.dataset.table);
    input.addEventListener("input", function () { applyFilter(table); });
    input.addEventListener("change", function () { applyFilter(table); });
  });
}

function showJob(job) {
  const box = document.getElementById("upload-status");
  box.textContent = "";
  const line = document.createElement("p");
  const name = document.createElement("b");
  name.id = "job-name"; name.textContent = job.name;
  const state = document.createElement("span");
  state.id = "job-state"; state.textContent = job.state;
  line.append(name, ": ", state);
  const bar = document.createElement("progress");
  bar.id = "job-progress"; bar.max = 1; bar.value = job.progress;
  box.append(line, bar);
  if (job.error) {
    const error = document.createElement("p");
    error.className = "error"; error.id = "job-error"; error.textContent = job.error;
    box.append(error);
  }
  if (job.state === "done" && job.report_id) {
    const done = document.createElement("p");
    done.id = "job-done";
    const link = document.createElement("a");
    link.href = "/reports/" + encodeURIComponent(job.report_id); link.textContent = "Open the report";
    done.append(link, " (" + job.facts + " facts, " + job.findings + " findings)");
    box.append(done);
  }
}

function follow(jobId) {
  fetch("/api/uploads/" + encodeURIComponent(jobId)).then(function (r) { return r.json(); }).then(function (answer) {
    if (!answer.ok) { showJob({ name: "upload", state: "failed", progress: 1, error: answer.error }); return; }
    showJob(answer.job);
    if (!answer.job.done) setTimeout(function () { follow(jobId); }, 400);
  });
}

function setUpUpload() {
  const form = document.getElementById("upload-form");
  if (!form) return;
  const drop = document.getElementById("drop");
  const input = document.getElementById("upload-file");
  ["dragenter", "dragover"].forEach(function (e) { drop.addEventListener(e, function (ev) { ev.preventDefault(); drop.classList.add("over"); }); });
  ["dragleave", "drop"].forEach(function (e) { drop.addEventListener(e, function (ev) { ev.preventDefault(); drop.classList.remove("over"); }); });
  drop.addEventListener("drop", function (ev) { if (ev.dataTransfer.files.length) input.files = ev.dataTransfer.files; });
  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    const body = new FormData();
    body.append("file", input.files[0]);
    const headers = {};
    const token = document.getElementById("upload-token");
    if (token) headers["Authorization"] = "Bearer " + token.value;
    showJob({ name: input.files[0] ? input.files[0].name : "upload", state: "sending", progress: 0 });
    fetch("/api/uploads", { method: "POST", body: body, headers: headers })
      .then(function (r) { return r.json(); })
      .then(function (answer) {
        if (!answer.ok) { showJob({ name: input.files[0].name, state: "failed", progress: 1, error: answer.error }); return; }
        history.replaceState(null, "", "/upload?job=" + encodeURIComponent(answer.job.id));
        follow(answer.job.id);
      });
  });
  const status = document.getElementById("upload-status");
  if (status.dataset.job) follow(status.dataset.job);
}

document.addEventListener("DOMContentLoaded", function () { setUpTables(); setUpUpload(); });
