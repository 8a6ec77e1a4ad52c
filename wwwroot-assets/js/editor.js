// The post editor, made nicer: a formatting toolbar, live preview, autosave, keyboard shortcuts and a warning
// before leaving with unsaved changes. Everything here is optional: the form works without it.
(() => {
  "use strict";
  const form = document.getElementById("content-editor");
  if (!form) return;
  const body = form.querySelector("textarea[name='Input.Body']");
  const title = form.querySelector("input[name='Input.Title']");
  const version = form.querySelector("input[name='Input.Version']");
  const token = form.querySelector("input[name='__RequestVerificationToken']").value;
  const status = document.getElementById("autosave-status");
  const preview = document.getElementById("preview");
  const previewBody = document.getElementById("preview-body");
  let dirty = false;
  let submitting = false;

  // Toolbar: wraps the selection or inserts a line prefix.
  const tools = [
    ["Bold", "**", "**", "b"], ["Italic", "*", "*", "i"], ["Link", "[", "](https://)", "k"],
    ["Heading", "\n## ", "", null], ["Quote", "\n> ", "", null], ["List", "\n- ", "", null], ["Code", "`", "`", null],
  ];
  const toolbar = document.getElementById("editor-toolbar");
  const wrap = (before, after) => {
    const { selectionStart: start, selectionEnd: end, value } = body;
    body.setRangeText(before + value.slice(start, end) + after, start, end, "end");
    body.focus();
    body.dispatchEvent(new Event("input"));
  };
  for (const [label, before, after, key] of tools) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "button button--small";
    button.textContent = label;
    if (key) button.title = `${label} (Ctrl+${key.toUpperCase()})`;
    button.addEventListener("click", () => wrap(before, after));
    toolbar.append(button);
  }
  toolbar.hidden = false;

  const post = (url, fields) => {
    const data = new FormData();
    data.append("__RequestVerificationToken", token);
    for (const [k, v] of Object.entries(fields)) data.append(k, v);
    return fetch(url, { method: "POST", body: data, credentials: "same-origin" });
  };

  // Live preview, rendered by the server's own pipeline.
  let previewTimer;
  const refreshPreview = () => {
    clearTimeout(previewTimer);
    previewTimer = setTimeout(async () => {
      const response = await post(form.dataset.previewUrl, { "Input.Body": body.value });
      if (response.ok) {
        previewBody.innerHTML = await response.text(); // sanitized by the server
        preview.hidden = false;
      }
    }, 400);
  };

  // Autosave: a separate copy on the server, never the post itself. One request at a time; a submit cancels the
  // pending one and waits for one already sent, so an autosave can never land after the save that supersedes it.
  let autosaveTimer;
  let autosaving = null;
  const sendAutosave = async () => {
    try {
      const response = await post(form.dataset.autosaveUrl, {
        "Input.Key": form.dataset.autosaveKey, "Input.Title": title.value, "Input.Body": body.value, "Input.Version": version.value,
      });
      status.textContent = response.ok ? `Autosaved at ${new Date().toLocaleTimeString()}` : "Autosave failed; save by hand.";
    } catch {
      status.textContent = "Offline: autosave will retry when you type.";
    }
  };
  const autosave = () => {
    clearTimeout(autosaveTimer);
    autosaveTimer = setTimeout(() => {
      if (submitting) return;
      autosaving = (autosaving ?? Promise.resolve()).then(sendAutosave).finally(() => { autosaving = null; });
    }, 2000);
  };

  // Photos chosen in the picker (media-picker.js) arrive as Markdown to put at the cursor, as a paragraph of its own.
  body.addEventListener("blog:insert", (event) => {
    const text = event.detail && event.detail.text;
    if (!text) return;
    const before = body.value.slice(0, body.selectionStart);
    const after = body.value.slice(body.selectionEnd);
    const lead = before === "" || before.endsWith("\n\n") ? "" : before.endsWith("\n") ? "\n" : "\n\n";
    const trail = after === "" || after.startsWith("\n\n") ? "" : after.startsWith("\n") ? "\n" : "\n\n";
    body.setRangeText(lead + text + trail, body.selectionStart, body.selectionEnd, "end");
    body.selectionStart = body.selectionEnd = body.selectionEnd - trail.length;
    body.focus();
    body.dispatchEvent(new Event("input", { bubbles: true }));
    refreshPreview();
  });

  form.addEventListener("input", () => { dirty = true; autosave(); if (document.activeElement === body) refreshPreview(); });
  form.addEventListener("submit", (event) => {
    clearTimeout(autosaveTimer);
    if (autosaving) {
      event.preventDefault();
      const submitter = event.submitter;
      autosaving.finally(() => form.requestSubmit(submitter));
      return;
    }
    submitting = true;
  });
  window.addEventListener("beforeunload", (event) => {
    if (dirty && !submitting) { event.preventDefault(); event.returnValue = ""; }
  });

  // Shortcuts: Ctrl/Cmd+S saves, +B/+I/+K format.
  form.addEventListener("keydown", (event) => {
    if (!(event.ctrlKey || event.metaKey)) return;
    const key = event.key.toLowerCase();
    if (key === "s") { event.preventDefault(); document.getElementById("save-submit").click(); return; }
    const tool = tools.find((t) => t[3] === key);
    if (tool && document.activeElement === body) { event.preventDefault(); wrap(tool[1], tool[2]); }
  });
})();
