// The writing room: CodeMirror 6 over the editors' plain form. The <textarea> stays the form field (kept in step with
// every change) and is what works without JavaScript; this adds Markdown highlighting in a reading face, the preview
// beside the text, focus mode, word count and reading time, a toolbar with shortcuts, HTML pasted as Markdown, and
// autosave that survives a lost connection. Rebuild: see package.json.
import { EditorView, keymap, drawSelection, placeholder } from "@codemirror/view";
import { EditorState, EditorSelection } from "@codemirror/state";
import { defaultKeymap, history, historyKeymap } from "@codemirror/commands";
import { markdown, markdownLanguage } from "@codemirror/lang-markdown";
import { syntaxHighlighting } from "@codemirror/language";
import { tagHighlighter, tags } from "@lezer/highlight";
import { StyleModule } from "style-mod";
import { htmlToMarkdown } from "./paste.js";

// CodeMirror's own layout rules (cursor, selection, scroller) are written by style-mod into a <style> element,
// which the site's CSP (style-src 'self') refuses. A constructed style sheet adopted by the document is not inline
// style, so the CSP allows it: the same rules go there, in the order CodeMirror gives them.
const sheet = new CSSStyleSheet();
document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
const mounted = new Set();
StyleModule.mount = (root, modules) => {
  for (const module of [modules].flat(Infinity)) {
    if (!module || mounted.has(module)) continue;
    mounted.add(module);
    for (const rule of module.rules) {
      try { sheet.insertRule(rule, sheet.cssRules.length); } catch { /* a rule this browser does not know */ }
    }
  }
};

// Markdown's parts as classes of our own, styled in admin.css (no styles injected for them).
const highlighter = tagHighlighter([
  { tag: tags.heading, class: "md-heading" },
  { tag: tags.strong, class: "md-strong" },
  { tag: tags.emphasis, class: "md-emphasis" },
  { tag: tags.strikethrough, class: "md-strike" },
  { tag: tags.link, class: "md-link" },
  { tag: tags.url, class: "md-url" },
  { tag: tags.monospace, class: "md-code" },
  { tag: tags.quote, class: "md-quote" },
  { tag: [tags.processingInstruction, tags.meta, tags.contentSeparator], class: "md-mark" },
  { tag: tags.comment, class: "md-comment" },
]);
const WORDS_PER_MINUTE = 230; // Posts/ReadingTime.cs
const form = document.getElementById("content-editor");
const textarea = form && form.querySelector("textarea[name='Input.Body']");
if (form && textarea) start();

function start() {
  const title = form.querySelector("input[name='Input.Title']");
  const version = form.querySelector("input[name='Input.Version']");
  const token = form.querySelector("input[name='__RequestVerificationToken']").value;
  const toolbar = document.getElementById("editor-toolbar");
  const write = document.getElementById("editor-write");
  const preview = document.getElementById("preview");
  const previewBody = document.getElementById("preview-body");
  const stats = document.getElementById("editor-stats");
  const saveState = document.getElementById("save-state");
  const label = document.getElementById("body-label");
  const wide = window.matchMedia("(min-width: 75em)");

  // --- The editor ------------------------------------------------------------------------------------------------
  const commands = {
    bold: (view) => wrapSelection(view, "**", "**", "bold text"),
    italic: (view) => wrapSelection(view, "*", "*", "italic text"),
    link: (view) => wrapSelection(view, "[", "](https://)", "link text"),
    code: (view) => wrapSelection(view, "`", "`", "code"),
    heading: (view) => prefixLines(view, /^#{1,6} /, "## "),
    quote: (view) => prefixLines(view, /^> /, "> "),
    bullets: (view) => prefixLines(view, /^[-*+] /, "- "),
    numbers: (view) => prefixLines(view, /^\d+\. /, (i) => `${i + 1}. `),
  };
  const shortcuts = {
    bold: "Mod-b", italic: "Mod-i", link: "Mod-k", code: "Mod-e", heading: "Mod-Alt-2", quote: "Mod-Shift-9",
    bullets: "Mod-Shift-8", numbers: "Mod-Shift-7",
  };
  const run = (name) => { commands[name](view); view.focus(); return true; };
  const formatKeys = Object.entries(shortcuts).map(([name, key]) => ({ key, run: () => run(name), preventDefault: true }));

  const view = new EditorView({
    parent: write,
    state: EditorState.create({
      doc: textarea.value,
      extensions: [
        history(),
        drawSelection(),
        EditorView.lineWrapping,
        placeholder(textarea.getAttribute("placeholder") || "Write…"),
        markdown({ base: markdownLanguage }),
        syntaxHighlighting(highlighter),
        EditorView.darkTheme.of(window.matchMedia("(prefers-color-scheme: dark)").matches),
        keymap.of([
          ...formatKeys,
          { key: "Mod-s", run: () => { submitWith("save-submit"); return true; }, preventDefault: true },
          { key: "Mod-Shift-f", run: () => { toggleFocus(); return true; }, preventDefault: true },
          { key: "Mod-Shift-p", run: () => { togglePreview(); return true; }, preventDefault: true },
          { key: "Escape", run: () => { if (!document.documentElement.classList.contains("is-focus")) return false; toggleFocus(false); return true; } },
          ...historyKeymap,
          ...defaultKeymap,
        ]),
        EditorView.contentAttributes.of({
          "aria-labelledby": label ? label.id : "", "aria-describedby": textarea.getAttribute("aria-describedby") || "",
          spellcheck: "true", autocorrect: "on", autocapitalize: "sentences", lang: document.documentElement.lang || "en",
        }),
        EditorView.domEventHandlers({ paste: onPaste, drop: onDrop }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) changed();
          if (update.docChanged || update.selectionSet) followCursor(update.state);
        }),
      ],
    }),
  });
  textarea.hidden = true;
  write.classList.add("has-editor");
  if (label) label.addEventListener("click", () => view.focus());

  function wrapSelection(view, before, after, placeholder) {
    view.dispatch(view.state.changeByRange((range) => {
      const text = view.state.sliceDoc(range.from, range.to);
      // A second press takes the marks off again.
      const outside = view.state.sliceDoc(range.from - before.length, range.to + after.length);
      if (text && outside === before + text + after) {
        return {
          changes: [{ from: range.from - before.length, to: range.from }, { from: range.to, to: range.to + after.length }],
          range: EditorSelection.range(range.from - before.length, range.to - before.length),
        };
      }
      const inner = text || placeholder;
      return {
        changes: { from: range.from, to: range.to, insert: before + inner + after },
        range: EditorSelection.range(range.from + before.length, range.from + before.length + inner.length),
      };
    }));
  }

  function prefixLines(view, existing, prefix) {
    const { state } = view;
    const lines = [];
    for (const range of state.selection.ranges) {
      for (let pos = range.from; pos <= range.to;) {
        const line = state.doc.lineAt(pos);
        if (!lines.includes(line.number)) lines.push(line.number);
        pos = line.to + 1;
      }
    }
    const all = lines.map((n) => state.doc.line(n));
    const remove = all.every((line) => existing.test(line.text));
    const changes = all.map((line, i) => {
      if (remove) return { from: line.from, to: line.from + existing.exec(line.text)[0].length };
      const other = /^(#{1,6} |> |[-*+] |\d+\. )/.exec(line.text);
      const insert = typeof prefix === "function" ? prefix(i) : prefix;
      return { from: line.from, to: line.from + (other ? other[0].length : 0), insert };
    });
    view.dispatch({ changes });
  }

  // Text from elsewhere (the photo picker, uploads): at the cursor; a photo as a paragraph of its own, with the
  // cursor on the paragraph after it, so writing goes on below the photo.
  function insertText(text, asBlock) {
    const { state } = view;
    const { from, to } = state.selection.main;
    let insert = text;
    if (asBlock) {
      const before = state.sliceDoc(0, from);
      const after = state.sliceDoc(to);
      const lead = before === "" || before.endsWith("\n\n") ? "" : before.endsWith("\n") ? "\n" : "\n\n";
      const trail = after.startsWith("\n\n") ? "" : after.startsWith("\n") ? "\n" : "\n\n";
      insert = lead + text + trail;
    }
    view.dispatch({ changes: { from, to, insert }, selection: { anchor: from + insert.length }, scrollIntoView: true, userEvent: "input" });
  }

  // The contract with the photo library picker and the upload script: they send text to the body field.
  textarea.addEventListener("blog:insert", (event) => {
    const text = event.detail && event.detail.text;
    if (typeof text !== "string" || text === "") return;
    event.preventDefault();
    insertText(text, /^\s*(!\[|<|:::|\{)/.test(text) || text.includes("\n"));
    view.focus();
  });
  textarea.addEventListener("blog:replace", (event) => {
    const { search, text } = event.detail || {};
    const at = view.state.doc.toString().indexOf(search);
    event.preventDefault();
    if (at >= 0) view.dispatch({ changes: { from: at, to: at + search.length, insert: text } });
  });

  function onPaste(event, view) {
    const data = event.clipboardData;
    if (!data) return false;
    if (data.files && data.files.length > 0) return true; // photos: the upload script takes them (the event bubbles on)
    const html = data.getData("text/html");
    if (!html || /<!--\s*codemirror/i.test(html)) return false;
    const markdownText = htmlToMarkdown(html);
    if (markdownText === null) return false;
    event.preventDefault();
    view.dispatch(view.state.replaceSelection(markdownText), { userEvent: "input.paste", scrollIntoView: true });
    return true;
  }

  function onDrop(event) {
    // Dropped files are photos for the upload script, never text to read into the editor.
    return Boolean(event.dataTransfer && event.dataTransfer.files.length > 0);
  }

  // --- Toolbar ---------------------------------------------------------------------------------------------------
  const keyLabel = (key) => key.replace("Mod", /Mac|iPhone|iPad/.test(navigator.platform) ? "⌘" : "Ctrl").replace(/-/g, "+")
    .replace(/\+(\w)$/, (_, k) => "+" + k.toUpperCase());
  for (const button of toolbar.querySelectorAll("[data-command]")) {
    const name = button.dataset.command;
    const key = shortcuts[name];
    if (key) {
      button.setAttribute("aria-keyshortcuts", key.replace("Mod", "Control").replace(/-/g, "+"));
      const name = (button.querySelector(".visually-hidden") || button).textContent.trim();
      button.title = `${name} (${keyLabel(key)})`;
    }
    button.addEventListener("mousedown", (e) => e.preventDefault()); // keep the text's selection
    button.addEventListener("click", () => {
      if (commands[name]) run(name);
      else if (name === "focus") toggleFocus();
      else if (name === "preview") togglePreview();
    });
  }
  toolbar.hidden = false;

  // --- Preview beside the text, following it ----------------------------------------------------------------------
  let previewOn = wide.matches;
  const previewButton = toolbar.querySelector("[data-command='preview']");
  if (preview) {
    write.append(preview);
    preview.classList.add("editor__preview--live");
  }
  function showPreview() {
    write.dataset.preview = previewOn ? "on" : "off";
    if (preview) preview.hidden = !previewOn;
    if (previewButton) previewButton.setAttribute("aria-pressed", String(previewOn));
    if (previewOn) refreshPreview(0);
  }
  function togglePreview() { previewOn = !previewOn; showPreview(); if (!previewOn) view.focus(); }
  wide.addEventListener("change", () => { previewOn = wide.matches; showPreview(); });

  let previewTimer;
  let previewed = null;
  function refreshPreview(delay = 350) {
    clearTimeout(previewTimer);
    if (!previewOn || !preview) return;
    previewTimer = setTimeout(async () => {
      const text = view.state.doc.toString();
      if (text === previewed) return;
      try {
        const response = await post(form.dataset.previewUrl, { "Input.Body": text });
        if (!response.ok) return;
        previewBody.innerHTML = await response.text(); // rendered and sanitized by the server's own pipeline
        previewed = text;
        followCursor(view.state);
      } catch { /* offline: the preview waits for the next change */ }
    }, delay);
  }
  showPreview();

  // The preview shows the paragraph being written: Markdown blocks (separated by blank lines) map to the preview's
  // top-level elements closely enough to keep the same passage in sight.
  let scrollFrame = 0;
  function followCursor(state) {
    if (!previewOn || !preview || scrollFrame) return;
    scrollFrame = requestAnimationFrame(() => {
      scrollFrame = 0;
      const line = state.doc.lineAt(state.selection.main.head).number;
      const target = blockElement(state, line);
      if (!target) return;
      const caret = view.coordsAtPos(state.selection.main.head);
      const offset = caret ? caret.top - view.scrollDOM.getBoundingClientRect().top : 0;
      preview.scrollTop = Math.max(0, target.offsetTop - preview.offsetTop - offset);
    });
  }
  function blockElement(state, lineNumber) {
    let blocks = -1;
    let blank = true;
    let fenced = false;
    for (let n = 1; n <= lineNumber; n++) {
      const text = state.doc.line(n).text;
      if (/^\s*(```|~~~)/.test(text)) { if (!fenced) blocks++; fenced = !fenced; blank = false; continue; }
      if (fenced) continue;
      const isBlank = text.trim() === "";
      if (!isBlank && (blank || /^#{1,6} /.test(text))) blocks++;
      blank = isBlank;
    }
    const children = previewBody.children;
    return children.length ? children[Math.min(Math.max(blocks, 0), children.length - 1)] : null;
  }
  view.scrollDOM.addEventListener("scroll", () => {
    if (!previewOn || !preview || !wide.matches) return;
    const top = view.lineBlockAtHeight(view.scrollDOM.scrollTop);
    const target = blockElement(view.state, view.state.doc.lineAt(top.from).number);
    if (target) preview.scrollTop = Math.max(0, target.offsetTop - preview.offsetTop);
  }, { passive: true });

  // --- Focus mode ------------------------------------------------------------------------------------------------
  const focusButton = toolbar.querySelector("[data-command='focus']");
  function toggleFocus(on = !document.documentElement.classList.contains("is-focus")) {
    document.documentElement.classList.toggle("is-focus", on);
    if (focusButton) focusButton.setAttribute("aria-pressed", String(on));
    view.focus();
  }

  // --- Word count and reading time --------------------------------------------------------------------------------
  const wordsOut = document.createElement("span");
  wordsOut.id = "word-count";
  stats.prepend(wordsOut);
  const number = new Intl.NumberFormat(document.documentElement.lang || "en");
  function count() {
    const text = view.state.doc.toString()
      .replace(/```[\s\S]*?```/g, " ")
      .replace(/!\[([^\]]*)\]\([^)]*\)/g, " ")
      .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1");
    const words = (text.match(/[\p{L}\p{N}][\p{L}\p{N}'’_-]*/gu) || []).length;
    const minutes = Math.max(1, Math.ceil(words / WORDS_PER_MINUTE));
    wordsOut.textContent = `${number.format(words)} ${words === 1 ? "word" : "words"} · ${minutes} min read`;
  }
  count();

  // --- Saving: autosave to the server, kept in this browser while offline -----------------------------------------
  const key = form.dataset.autosaveKey;
  const localKey = `blog:autosave:${key}`;
  let state = "saved";
  let autosaveTimer;
  let retryTimer;
  let submitting = false;
  let lastSent = textarea.value + "\u0000" + (title ? title.value : "");
  const setState = (next, text) => {
    state = next;
    saveState.dataset.state = next;
    saveState.textContent = text;
  };
  setState("saved", "Saved");

  function changed() {
    textarea.value = view.state.doc.toString();
    count();
    refreshPreview();
    scheduleAutosave();
  }
  if (title) title.addEventListener("input", scheduleAutosave);

  function snapshot() {
    return {
      "Input.Key": key, "Input.Title": title ? title.value : "", "Input.Body": view.state.doc.toString(),
      "Input.Version": version ? version.value : "0", savedAt: new Date().toISOString(),
    };
  }
  function scheduleAutosave() {
    if (submitting) return;
    clearTimeout(autosaveTimer);
    if (state !== "offline") setState("saving", "Saving…");
    autosaveTimer = setTimeout(autosave, 1500);
  }
  async function autosave() {
    clearTimeout(autosaveTimer);
    if (submitting) return;
    const copy = snapshot();
    const fingerprint = copy["Input.Body"] + "\u0000" + copy["Input.Title"];
    if (fingerprint === lastSent) { setState("saved", "Saved"); forgetLocal(); return; }
    if (!navigator.onLine) { keepLocal(copy); return; }
    try {
      const { savedAt, ...fields } = copy;
      const response = await post(form.dataset.autosaveUrl, fields);
      if (submitting) return;
      if (response.ok) {
        lastSent = fingerprint;
        forgetLocal();
        // Typing may have gone on while the request travelled: say "Saved" only for the text on the screen.
        const now = view.state.doc.toString() + "\u0000" + (title ? title.value : "");
        if (now === fingerprint) setState("saved", "Saved");
      } else if (response.status >= 500 || response.status === 0) {
        keepLocal(copy);
      } else {
        setState("failed", "Not saved: save by hand");
      }
    } catch {
      keepLocal(copy);
    }
  }
  function keepLocal(copy) {
    try { localStorage.setItem(localKey, JSON.stringify(copy)); } catch { /* storage full or disabled */ }
    setState("offline", "Offline: kept in this browser");
    clearTimeout(retryTimer);
    retryTimer = setTimeout(autosave, 15000);
  }
  function forgetLocal() {
    clearTimeout(retryTimer);
    try { localStorage.removeItem(localKey); } catch { /* nothing kept */ }
  }
  window.addEventListener("online", () => { if (state === "offline") autosave(); });
  window.addEventListener("offline", () => { if (state === "saving") keepLocal(snapshot()); });

  // A copy kept while offline, from a visit that ended before the connection came back: send it now and offer it.
  (function restoreKept() {
    let kept = null;
    try { kept = JSON.parse(localStorage.getItem(localKey) || "null"); } catch { kept = null; }
    if (!kept || typeof kept["Input.Body"] !== "string") return;
    if (kept["Input.Body"] === textarea.value) { forgetLocal(); return; }
    const notice = document.getElementById("offline-copy");
    if (!notice) return;
    const when = new Date(kept.savedAt);
    notice.querySelector("[data-kept-time]").textContent = isNaN(when) ? "earlier" : when.toLocaleString();
    notice.hidden = false;
    notice.querySelector("button[data-restore]").addEventListener("click", () => {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: kept["Input.Body"] } });
      if (title && kept["Input.Title"]) title.value = kept["Input.Title"];
      notice.hidden = true;
      view.focus();
    });
    notice.querySelector("button[data-discard]").addEventListener("click", () => { forgetLocal(); notice.hidden = true; });
  })();

  // Saving the form: the pending autosave is cancelled (the form carries the same text), so it can never land after
  // the save and be offered back as "newer".
  form.addEventListener("submit", () => {
    submitting = true;
    clearTimeout(autosaveTimer);
    clearTimeout(retryTimer);
    textarea.value = view.state.doc.toString();
  });
  window.addEventListener("pageshow", (event) => { if (event.persisted) submitting = false; });
  window.addEventListener("beforeunload", (event) => {
    if (submitting || state === "saved" || state === "offline") return;
    event.preventDefault();
    event.returnValue = "";
  });

  // Ctrl/Cmd+S outside the text (title, settings) saves too.
  form.addEventListener("keydown", (event) => {
    if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === "s" && !view.hasFocus) {
      event.preventDefault();
      submitWith("save-submit");
    }
  });
  function submitWith(id) {
    const button = document.getElementById(id);
    if (button) form.requestSubmit(button);
  }

  function post(url, fields) {
    const data = new FormData();
    data.append("__RequestVerificationToken", token);
    for (const [name, value] of Object.entries(fields)) data.append(name, value);
    return fetch(url, { method: "POST", body: data, credentials: "same-origin" });
  }

  form.classList.add("is-enhanced");
  window.blogEditor = view; // for the browser tests and the console
}
