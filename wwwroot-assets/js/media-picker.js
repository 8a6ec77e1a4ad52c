// The photo picker in a dialog.
//
// CONTRACT (shared with the editor, which another branch replaces with CodeMirror 6):
// - Any element with data-media-picker="insert" | "gallery" | "cover" opens the picker. Make it a link to the picker
//   page (/admin/media/pick?for=…&return=…) so it also works without JavaScript; this module opens that page in a
//   <dialog> instead and keeps only its #media-picker part (thumbnails, search, upload, descriptions).
// - insert / gallery: when the author has chosen photos (and described those the library had no description for,
//   which the server saves to the library), this module dispatches
//     new CustomEvent("blog:insert", { detail: { text }, bubbles: true })
//   on the body textarea, textarea[name='Input.Body']. `text` is Markdown: one photo a paragraph for insert, image
//   lines with no blank line between them (a gallery) for gallery. The editor inserts detail.text at its cursor as a
//   paragraph of its own; it must keep listening for "blog:insert" on that textarea (or an element inside the form).
// - cover: the choice fills the form's cover fields (#Input_CoverMediaId, #Input_CoverImageUrl, #Input_CoverImageAlt)
//   and fires their change/input events; no event for the editor.
// - Other scripts may open the picker for photos they already have (a photo dropped or pasted into the text that has
//   no description yet) with document.dispatchEvent(new CustomEvent("blog:pick", { detail: { for: "insert", ids: [12] } })).
// The dialog's forms and links are sent with fetch; the server answers the last step with JSON
// ({ text } or { cover: { id, url, alt } }) because this module asks for it (Accept: application/json).
const pickerPath = "/admin/media/pick";
let dialog;
let opener;
let clicked = []; // photo ids in the order they were ticked: a gallery's order

const trackOrder = (event) => {
  const box = event.target;
  if (!box.matches || !box.matches(".media-picker__check")) return;
  clicked = clicked.filter((id) => id !== box.value);
  if (box.checked) clicked.push(box.value);
};

const bodyField = () => document.querySelector("textarea[name='Input.Body']");

const ensureDialog = () => {
  if (dialog) return dialog;
  dialog = document.createElement("dialog");
  dialog.className = "picker-dialog";
  dialog.id = "media-picker-dialog";
  dialog.setAttribute("aria-labelledby", "media-picker-title");
  const close = document.createElement("button");
  close.type = "button";
  close.className = "button button--small picker-dialog__close";
  close.textContent = "Close";
  close.addEventListener("click", () => dialog.close());
  const content = document.createElement("div");
  content.className = "picker-dialog__content";
  dialog.append(close, content);
  dialog.addEventListener("close", () => { content.replaceChildren(); if (opener) opener.focus(); });
  dialog.addEventListener("submit", onSubmit);
  dialog.addEventListener("change", trackOrder);
  dialog.addEventListener("click", onClick);
  document.body.append(dialog);
  return dialog;
};

const show = (html, status) => {
  const content = dialog.querySelector(".picker-dialog__content");
  const page = new DOMParser().parseFromString(html, "text/html");
  const picker = page.getElementById("media-picker");
  if (!picker) {
    content.textContent = `The picker could not be loaded (${status}).`;
    return;
  }
  picker.querySelector(".media-picker__back")?.remove(); // the dialog is the way back
  content.replaceChildren(document.importNode(picker, true));
  clicked = [];
  const first = content.querySelector("[aria-invalid=true], .input-validation-error, input[id^='alt-'], input[type=search], button, input");
  if (first) first.focus();
};

const load = async (url, init = {}) => {
  try {
    const response = await fetch(url, { credentials: "same-origin", ...init, headers: { Accept: init.json ? "application/json" : "text/html", ...(init.headers || {}) } });
    if ((response.headers.get("Content-Type") || "").includes("application/json")) {
      const result = await response.json();
      if (response.ok) finish(result);
      else show(await (await fetch(url, { credentials: "same-origin", ...init, headers: { Accept: "text/html" } })).text(), response.status);
      return;
    }
    show(await response.text(), response.status);
  } catch {
    dialog.querySelector(".picker-dialog__content").textContent = "The picker could not be reached: check the connection and try again.";
  }
};

const finish = (result) => {
  if (typeof result.text === "string") {
    const body = bodyField();
    if (body) body.dispatchEvent(new CustomEvent("blog:insert", { detail: { text: result.text }, bubbles: true }));
  }
  if (result.cover) {
    const select = document.getElementById("Input_CoverMediaId");
    const url = document.getElementById("Input_CoverImageUrl");
    const alt = document.getElementById("Input_CoverImageAlt");
    if (select) {
      let option = [...select.options].find((o) => o.value === String(result.cover.id));
      if (!option) {
        option = new Option(`Photo ${result.cover.id}${result.cover.alt ? ` – ${result.cover.alt}` : ""}`, String(result.cover.id));
        option.dataset.url = result.cover.url;
        if (result.cover.alt) option.dataset.alt = result.cover.alt;
        select.add(option, 1);
      }
      select.value = String(result.cover.id);
    }
    if (url) url.value = result.cover.url;
    if (alt && !alt.value && result.cover.alt) alt.value = result.cover.alt;
    for (const field of [select, url, alt]) if (field) field.dispatchEvent(new Event("change", { bubbles: true }));
  }
  dialog.close();
};

function onSubmit(event) {
  const form = event.target;
  event.preventDefault();
  const data = new FormData(form, event.submitter);
  const action = form.getAttribute("action") || pickerPath;
  if ((form.getAttribute("method") || "get").toLowerCase() === "get") {
    const url = new URL(action, location.href);
    const ids = data.getAll("id");
    data.delete("id");
    for (const [key, value] of data) url.searchParams.append(key, value);
    // Chosen photos in the order they were ticked, not the grid's.
    for (const id of [...clicked.filter((c) => ids.includes(c)), ...ids.filter((i) => !clicked.includes(i))]) url.searchParams.append("id", id);
    load(url.pathname + url.search);
  } else {
    load(action, { method: "POST", body: data, json: form.hasAttribute("data-picker-final") });
  }
}

function onClick(event) {
  const link = event.target.closest("a[href]");
  if (!link || !dialog.contains(link)) return;
  const url = new URL(link.href, location.href);
  if (url.origin !== location.origin || url.pathname !== pickerPath) return; // other links leave as links do
  event.preventDefault();
  load(url.pathname + url.search);
}

export const openPicker = (purpose, ids = []) => {
  ensureDialog();
  const url = new URL(pickerPath, location.href);
  url.searchParams.set("for", purpose);
  url.searchParams.set("return", location.pathname);
  for (const id of ids) url.searchParams.append("id", id);
  dialog.querySelector(".picker-dialog__content").textContent = "Loading photos…";
  if (!dialog.open) dialog.showModal();
  load(url.pathname + url.search);
};

document.addEventListener("click", (event) => {
  const trigger = event.target.closest("[data-media-picker]");
  if (!trigger || typeof HTMLDialogElement !== "function") return;
  event.preventDefault();
  opener = trigger;
  openPicker(trigger.dataset.mediaPicker);
});

document.addEventListener("blog:pick", (event) => {
  opener = document.activeElement;
  openPicker(event.detail.for || "insert", event.detail.ids || []);
});
