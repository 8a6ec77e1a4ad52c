// The photo library, made nicer: uploads one file at a time with a progress bar each, and copy-Markdown buttons.
// Everything here is optional: the plain form uploads several files at once without it.
(() => {
  "use strict";

  for (const button of document.querySelectorAll("button[data-copy]")) {
    const field = document.getElementById(button.dataset.copy);
    button.hidden = false;
    button.addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(field.value);
      } catch {
        field.select(); // no clipboard permission: leave it selected for Ctrl+C
        return;
      }
      button.textContent = "Copied";
      setTimeout(() => { button.textContent = "Copy Markdown"; }, 2000);
    });
  }

  // The focal point: a click on the photo sets it (in the same 5 % steps readers' pages use) and the crops follow.
  const picker = document.getElementById("focal-picker");
  const focusX = document.getElementById("Input_FocusX");
  const focusY = document.getElementById("Input_FocusY");
  if (picker && focusX && focusY) {
    const crops = document.getElementById("focal-crops");
    const step = (value) => Math.min(100, Math.max(0, Math.round(value / 5) * 5));
    const show = () => {
      for (const element of [picker, crops]) {
        element.classList.remove(...[...element.classList].filter((c) => c.startsWith("focus-")));
        element.classList.add(`focus-x-${step(+focusX.value || 0)}`, `focus-y-${step(+focusY.value || 0)}`);
      }
    };
    picker.querySelector("img").addEventListener("click", (event) => {
      const box = event.currentTarget.getBoundingClientRect();
      focusX.value = step(((event.clientX - box.left) / box.width) * 100);
      focusY.value = step(((event.clientY - box.top) / box.height) * 100);
      show();
    });
    focusX.addEventListener("input", show);
    focusY.addEventListener("input", show);
  }

  const form = document.getElementById("upload-form");
  if (!form || !window.FormData || !window.XMLHttpRequest) return;
  const filesInput = form.querySelector("input[type=file]");
  const altInput = form.querySelector("input[name='Input.AltText']");
  const token = form.querySelector("input[name='__RequestVerificationToken']").value;
  const list = document.getElementById("upload-progress");

  const upload = (file, row) => new Promise((resolve) => {
    const data = new FormData();
    data.append("__RequestVerificationToken", token);
    data.append("file", file);
    data.append("altText", altInput.value);
    const request = new XMLHttpRequest();
    const bar = row.querySelector("progress");
    const status = row.querySelector(".upload-progress__status");
    request.upload.addEventListener("progress", (event) => {
      if (event.lengthComputable) bar.value = Math.round((event.loaded / event.total) * 100);
    });
    request.upload.addEventListener("load", () => { status.textContent = "Processing…"; });
    request.addEventListener("load", () => {
      let body = {};
      try { body = JSON.parse(request.responseText); } catch { /* an error page, not JSON */ }
      const ok = request.status === 201;
      bar.value = 100;
      status.textContent = ok ? "Done" : (body.error || `Refused (${request.status}).`);
      row.classList.add(ok ? "is-done" : "is-failed");
      resolve(ok);
    });
    request.addEventListener("error", () => { status.textContent = "Network error: try again."; resolve(false); });
    request.open("POST", form.dataset.uploadUrl);
    request.send(data);
  });

  form.addEventListener("submit", async (event) => {
    const files = [...filesInput.files];
    if (files.length === 0) return; // let the server say what is missing
    event.preventDefault();
    list.replaceChildren();
    const rows = files.map((file) => {
      const row = document.createElement("li");
      const name = document.createElement("span");
      name.textContent = file.name;
      const bar = document.createElement("progress");
      bar.max = 100;
      bar.value = 0;
      const status = document.createElement("span");
      status.className = "upload-progress__status";
      status.textContent = "Waiting";
      row.append(name, " ", bar, " ", status);
      list.append(row);
      return row;
    });
    let allOk = true;
    for (let i = 0; i < files.length; i++) allOk = (await upload(files[i], rows[i])) && allOk;
    if (allOk) window.location.reload();
  });
})();
