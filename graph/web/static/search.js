// Search as you type: the header's search box asks /api/search and lists the companies found.
"use strict";
(function () {
  const input = document.querySelector("input[data-suggest]");
  if (!input) return;
  const list = input.parentElement.querySelector(".suggestions");
  let timer = null;
  let asked = "";

  function show(hits) {
    list.replaceChildren();
    for (const hit of hits) {
      const item = document.createElement("li");
      const link = document.createElement("a");
      link.href = hit.url;
      link.textContent = hit.name;
      item.append(link);
      const kind = document.createElement("span");
      kind.className = "muted";
      kind.textContent = (hit.also ? " “" + hit.also + "”" : "") +
        (hit.kind === "person" ? " person" : hit.cik ? " CIK " + hit.cik : "");
      item.append(kind);
      list.append(item);
    }
    list.hidden = hits.length === 0;
  }

  async function ask(text) {
    asked = text;
    const response = await fetch(input.dataset.suggest + "?q=" + encodeURIComponent(text),
                                 {headers: {Accept: "application/json"}});
    if (!response.ok || asked !== text) return;
    show(await response.json());
  }

  input.addEventListener("input", () => {
    clearTimeout(timer);
    const text = input.value.trim();
    if (text.length < 2) { show([]); return; }
    timer = setTimeout(() => ask(text).catch(() => show([])), 150);
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown" && !list.hidden) {
      event.preventDefault();
      list.querySelector("a").focus();
    } else if (event.key === "Escape") {
      list.hidden = true;
    }
  });
  list.addEventListener("keydown", (event) => {
    const item = document.activeElement.parentElement;
    const next = event.key === "ArrowDown" ? item.nextElementSibling
      : event.key === "ArrowUp" ? item.previousElementSibling : null;
    if (next) { event.preventDefault(); next.querySelector("a").focus(); }
    if (event.key === "ArrowUp" && !item.previousElementSibling) input.focus();
  });
})();
