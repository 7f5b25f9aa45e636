// The query page: a SPARQL editor with syntax highlighting (a textarea over a highlighted copy
// of its text), saved queries one click away, results as a table, CSV download.
"use strict";
(function () {
  const page = document.querySelector(".query-page");
  if (!page) return;
  const endpoint = page.dataset.endpoint;
  const editor = document.getElementById("sparql");
  const shadow = page.querySelector(".highlight code");
  const status = document.getElementById("status");
  const results = document.getElementById("results");
  const ID_BASE = "https://pactgraph.org/id/";
  const SAFE_PATH = /^[A-Za-z0-9._~-]+(\/[A-Za-z0-9._~-]+)*$/;

  const KEYWORDS = new Set(("select construct describe ask where from named prefix base " +
    "optional union minus filter bind values graph service limit offset order by group having " +
    "distinct reduced as asc desc not exists in a count sum min max avg sample group_concat " +
    "separator str lang lcase ucase contains strstarts strends strafter strbefore regex iri " +
    "bound coalesce if concat true false undef").split(" "));
  const TOKEN = new RegExp([
    "(#[^\\n]*)",                                                   // 1 comment
    // 2 string
    "(\"\"\"[\\s\\S]*?\"\"\"|'''[\\s\\S]*?'''|" +
      "\"(?:[^\"\\\\\\n]|\\\\.)*\"|'(?:[^'\\\\\\n]|\\\\.)*')",
    "(<[^<>\"{}|^`\\\\\\s]*>)",                                      // 3 IRI
    "([?$][A-Za-z0-9_]+)",                                          // 4 variable
    "([A-Za-z][\\w-]*:[\\w.-]*|:[\\w.-]+)",                          // 5 prefixed name
    "(\\d+(?:\\.\\d+)?)",                                           // 6 number
    "([A-Za-z_]+)",                                                 // 7 word
  ].join("|"), "g");
  const CLASSES = [null, "comment", "string", "iri", "variable", "pname", "number", "keyword"];

  function highlight() {
    const text = editor.value;
    const out = document.createDocumentFragment();
    let last = 0;
    for (const m of text.matchAll(TOKEN)) {
      if (m.index > last) out.append(text.slice(last, m.index));
      const group = m.findIndex((g, i) => i > 0 && g !== undefined);
      if (group === 7 && !KEYWORDS.has(m[0].toLowerCase())) {
        out.append(m[0]);
      } else {
        const span = document.createElement("span");
        span.className = "tok-" + CLASSES[group];
        span.textContent = m[0];
        out.append(span);
      }
      last = m.index + m[0].length;
    }
    out.append(text.slice(last) + "\n");
    shadow.replaceChildren(out);
  }

  function syncScroll() {
    shadow.parentElement.scrollTop = editor.scrollTop;
    shadow.parentElement.scrollLeft = editor.scrollLeft;
  }

  async function post(accept) {
    return fetch(endpoint, {
      method: "POST",
      headers: {"Content-Type": "application/x-www-form-urlencoded", Accept: accept},
      body: "query=" + encodeURIComponent(editor.value),
    });
  }

  async function failure(response) {
    const text = await response.text();
    try { return JSON.parse(text).message || text; } catch (e) { return text; }
  }

  function cell(term) {
    const td = document.createElement("td");
    if (!term) return td;
    const rest = term.type === "uri" && term.value.startsWith(ID_BASE)
      ? term.value.slice(ID_BASE.length) : null;
    if (rest && SAFE_PATH.test(rest)) {
      const link = document.createElement("a");
      link.href = "/id/" + rest;
      link.textContent = term.value;
      td.append(link);
    } else {
      td.textContent = term.value;
    }
    return td;
  }

  function table(data) {
    const vars = data.head.vars || [];
    const t = document.createElement("table");
    t.className = "results";
    const head = t.createTHead().insertRow();
    for (const v of vars) {
      const th = document.createElement("th");
      th.textContent = v;
      head.append(th);
    }
    const body = t.createTBody();
    for (const binding of data.results.bindings) {
      const row = body.insertRow();
      for (const v of vars) row.append(cell(binding[v]));
    }
    return t;
  }

  async function run() {
    status.textContent = "running…";
    results.replaceChildren();
    const started = performance.now();
    const response = await post("application/sparql-results+json, text/turtle;q=0.5");
    const ms = Math.round(performance.now() - started);
    if (!response.ok) {
      status.textContent = "";
      const error = document.createElement("p");
      error.className = "error";
      error.textContent = response.status + ": " + await failure(response);
      results.append(error);
      return;
    }
    if ((response.headers.get("Content-Type") || "").startsWith("text/turtle")) {
      const pre = document.createElement("pre");
      pre.textContent = await response.text();
      results.append(pre);
      status.textContent = "graph result in " + ms + " ms";
      return;
    }
    const data = await response.json();
    if ("boolean" in data) {
      results.textContent = data.boolean ? "true" : "false";
      status.textContent = "answered in " + ms + " ms";
      return;
    }
    const n = data.results.bindings.length;
    status.textContent = n + " row" + (n === 1 ? "" : "s") + " in " + ms + " ms";
    results.append(table(data));
  }

  async function downloadCsv() {
    const response = await post("text/csv");
    if (!response.ok) {
      status.textContent = "CSV: " + response.status + ": " + await failure(response);
      return;
    }
    const url = URL.createObjectURL(await response.blob());
    const link = document.createElement("a");
    link.href = url;
    link.download = "results.csv";
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }

  function guarded(action) {
    return () => action().catch((e) => { status.textContent = "failed: " + e.message; });
  }

  editor.addEventListener("input", highlight);
  editor.addEventListener("scroll", syncScroll);
  editor.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) guarded(run)();
  });
  document.getElementById("run").addEventListener("click", guarded(run));
  document.getElementById("csv").addEventListener("click", guarded(downloadCsv));
  for (const button of page.querySelectorAll(".saved-query")) {
    button.addEventListener("click", () => {
      editor.value = button.dataset.query;
      highlight();
      history.replaceState(null, "", "/query?saved=" + encodeURIComponent(button.dataset.name));
      guarded(run)();
    });
  }
  highlight();
})();
