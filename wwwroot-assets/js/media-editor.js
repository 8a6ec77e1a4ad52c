// Photos in the editor: dragging files onto the text or pasting an image uploads it to the library; the photo picker
// (media-picker.js) then asks for its description and puts its Markdown where the cursor is. Choosing a cover from the
// list fills its address and description. (The "Insert photos", "Gallery" and "Cover" buttons are the picker's.)
// Optional, like editor.js: without it the cover list and the address field still work on save.
(() => {
  "use strict";
  const form = document.getElementById("content-editor");
  if (!form || !form.dataset.uploadUrl || !window.FormData) return;
  const body = form.querySelector("textarea[name='Input.Body']");
  const token = form.querySelector("input[name='__RequestVerificationToken']").value;
  // Where files are dropped or pasted: the text, in whichever editor shows it (the plain textarea or the editor script's).
  const area = document.getElementById("editor-write") || body;
  // Text goes to the body field through the events the editor script listens for (blog:insert, blog:replace); when
  // no script takes them, straight into the textarea.
  const send = (type, detail) => !body.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, cancelable: true }));
  const status = document.createElement("p");
  status.className = "field-help";
  status.id = "image-upload-status";
  status.setAttribute("aria-live", "polite");
  area.after(status);

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
    let undescribed = null;
    try {
      const response = await fetch(form.dataset.uploadUrl, { method: "POST", body: data, credentials: "same-origin" });
      const result = await response.json().catch(() => ({}));
      if (response.ok && result.alt) {
        markdown = result.markdown;
        status.textContent = `Inserted ${file.name}.`;
      } else if (response.ok) {
        undescribed = result.id; // the picker asks for its description, then inserts it here
        status.textContent = `Uploaded ${file.name}: describe it for readers who cannot see it.`;
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
    return undescribed;
  };
  const uploadAll = async (files) => {
    const undescribed = [];
    for (const file of [...files].filter((f) => f.type.startsWith("image/") || f.type === "")) {
      const id = await upload(file);
      if (id) undescribed.push(id);
    }
    // Never a placeholder description for readers: the picker asks for the real ones, then inserts at the cursor.
    if (undescribed.length > 0) document.dispatchEvent(new CustomEvent("blog:pick", { detail: { for: "insert", ids: undescribed } }));
  };

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
