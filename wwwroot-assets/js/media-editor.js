// Photos in the editor: an "Insert image" button, drag-and-drop and paste upload to the library and put the
// image's Markdown where the cursor is; choosing a cover from the library fills its address and description.
// Optional, like editor.js: without it the cover list and the address field still work on save.
(() => {
  "use strict";
  const form = document.getElementById("content-editor");
  if (!form || !form.dataset.uploadUrl || !window.FormData) return;
  const body = form.querySelector("textarea[name='Input.Body']");
  const token = form.querySelector("input[name='__RequestVerificationToken']").value;
  const toolbar = document.getElementById("editor-toolbar");
  // Where files are dropped or pasted: the text, in whichever editor shows it (the plain textarea or the editor script's).
  const area = document.getElementById("editor-write") || body;
  const status = document.createElement("p");
  status.className = "field-help";
  status.id = "image-upload-status";
  status.setAttribute("aria-live", "polite");
  area.after(status);

  // Text goes to the body field through the events the editor script listens for (blog:insert, blog:replace); when
  // no script takes them, straight into the textarea.
  const send = (type, detail) => !body.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, cancelable: true }));

  const picker = document.createElement("input");
  picker.type = "file";
  picker.accept = "image/jpeg,image/png,image/webp,image/gif";
  picker.multiple = true;
  picker.hidden = true;
  picker.id = "insert-image-file";
  form.append(picker);

  const button = document.createElement("button");
  button.type = "button";
  button.id = "insert-image";
  button.className = "tool";
  button.textContent = "Upload photo";
  button.addEventListener("click", () => picker.click());
  const end = toolbar.querySelector(".editor__toolbar-end");
  if (end) end.before(button); else toolbar.append(button);
  toolbar.hidden = false;

  let uploads = 0;
  const upload = async (file) => {
    // A placeholder holds the place, so typing on while it uploads does not move where the image lands.
    const placeholder = `![Uploading ${file.name.replace(/[\[\]]/g, "")} #${++uploads}…]()`;
    if (!send("blog:insert", { text: placeholder })) {
      // A photo stands as a paragraph of its own: blank lines around it, unless already there.
      const before = body.value.slice(0, body.selectionStart);
      const after = body.value.slice(body.selectionEnd);
      const lead = before === "" || before.endsWith("\n\n") ? "" : before.endsWith("\n") ? "\n" : "\n\n";
      const trail = after === "" || after.startsWith("\n\n") ? "" : after.startsWith("\n") ? "\n" : "\n\n";
      body.setRangeText(lead + placeholder + trail, body.selectionStart, body.selectionEnd, "end");
      body.selectionStart = body.selectionEnd = body.selectionEnd - trail.length;
    }
    status.textContent = `Uploading ${file.name}…`;
    const data = new FormData();
    data.append("__RequestVerificationToken", token);
    data.append("file", file);
    let markdown = "";
    try {
      const response = await fetch(form.dataset.uploadUrl, { method: "POST", body: data, credentials: "same-origin" });
      const result = await response.json().catch(() => ({}));
      if (response.ok) {
        markdown = result.alt ? result.markdown : `![Describe the photo](${result.url})`;
        status.textContent = `Inserted ${file.name}. Describe the photo for readers who cannot see it.`;
      } else {
        status.textContent = result.error || `${file.name} was refused (${response.status}).`;
      }
    } catch {
      status.textContent = `${file.name} could not be sent: check the connection and try again.`;
    }
    if (!send("blog:replace", { search: placeholder, text: markdown })) {
      const start = body.value.indexOf(placeholder);
      if (start >= 0) body.setRangeText(markdown, start, start + placeholder.length, "end");
      body.focus();
      body.dispatchEvent(new Event("input", { bubbles: true }));
    }
  };
  const uploadAll = async (files) => {
    for (const file of [...files].filter((f) => f.type.startsWith("image/") || f.type === "")) await upload(file);
  };

  picker.addEventListener("change", async () => { await uploadAll(picker.files); picker.value = ""; });
  area.addEventListener("dragover", (event) => {
    if ([...event.dataTransfer.types].includes("Files")) event.preventDefault();
  });
  area.addEventListener("drop", (event) => {
    if (event.dataTransfer.files.length === 0) return;
    event.preventDefault();
    uploadAll(event.dataTransfer.files);
  });
  area.addEventListener("paste", (event) => {
    if (event.clipboardData.files.length === 0) return;
    event.preventDefault();
    uploadAll(event.clipboardData.files);
  });

  // The cover list fills the address and description; typing an address of one's own un-chooses the list.
  const cover = document.getElementById("Input_CoverMediaId");
  const coverUrl = document.getElementById("Input_CoverImageUrl");
  const coverAlt = document.getElementById("Input_CoverImageAlt");
  if (cover && coverUrl) {
    cover.addEventListener("change", () => {
      const option = cover.selectedOptions[0];
      coverUrl.value = option.dataset.url || "";
      if (coverAlt && !coverAlt.value && option.dataset.alt) coverAlt.value = option.dataset.alt;
    });
    coverUrl.addEventListener("input", () => { cover.value = ""; });
  }
})();
