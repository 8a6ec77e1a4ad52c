// Pasted HTML (Google Docs, Word, a web page) made into clean Markdown: headings, lists, links, emphasis, quotes,
// code and images kept; styles, classes, scripts and the editors' own scaffolding dropped. Only the structure of the
// pasted fragment is read; nothing of it is ever put into the page as HTML.

const BLOCKS = new Set(["P", "DIV", "SECTION", "ARTICLE", "HEADER", "FOOTER", "MAIN", "ASIDE", "FIGURE", "FIGCAPTION",
  "H1", "H2", "H3", "H4", "H5", "H6", "UL", "OL", "LI", "BLOCKQUOTE", "PRE", "TABLE", "HR", "DL", "DT", "DD"]);
const SKIP = new Set(["SCRIPT", "STYLE", "META", "LINK", "TITLE", "HEAD", "NOSCRIPT", "TEMPLATE", "IFRAME", "OBJECT",
  "svg", "BUTTON", "INPUT", "SELECT", "TEXTAREA"]);

const styleOf = (el) => (el.getAttribute && el.getAttribute("data-paste-style")) || "";
const isBold = (el) => {
  const weight = /font-weight\s*:\s*(\w+)/i.exec(styleOf(el));
  if (el.tagName === "B" || el.tagName === "STRONG") return !(weight && /^(normal|[1-4]00)$/i.test(weight[1]));
  return Boolean(weight && /^(bold|bolder|[6-9]00)$/i.test(weight[1]));
};
const isItalic = (el) => el.tagName === "EM" || el.tagName === "I" || /font-style\s*:\s*italic/i.test(styleOf(el));
const isCode = (el) => el.tagName === "CODE" || el.tagName === "KBD" || el.tagName === "SAMP"
  || /font-family\s*:[^;]*(courier|consolas|monospace|menlo)/i.test(styleOf(el));
const safeUrl = (url) => {
  const value = (url || "").trim();
  if (/^(https?:|mailto:)/i.test(value) || /^[/#]/.test(value)) return value.replace(/[()\s]/g, (c) => encodeURIComponent(c));
  return null;
};
// Characters that would otherwise start Markdown inside ordinary text.
const escapeInline = (text) => text.replace(/([\\`*_[\]<])/g, "\\$1");

/** Inline content of an element as Markdown, whitespace collapsed as a browser would show it. */
function inline(node, state = { bold: false, italic: false, code: false }) {
  let out = "";
  for (const child of node.childNodes) {
    if (child.nodeType === Node.TEXT_NODE) {
      const text = child.nodeValue.replace(/[\s\u00a0]+/g, " ");
      out += state.code ? text : escapeInline(text);
      continue;
    }
    if (child.nodeType !== Node.ELEMENT_NODE || SKIP.has(child.tagName)) continue;
    // Word's list bullets and numbers, which it writes as text in a span of their own.
    if (/mso-list\s*:\s*ignore/i.test(styleOf(child))) continue;
    if (child.tagName === "BR") { out += "\\\n"; continue; }
    if (child.tagName === "IMG") {
      const src = safeUrl(child.getAttribute("src"));
      if (src) out += `![${escapeInline((child.getAttribute("alt") || "").trim())}](${src})`;
      continue;
    }
    if (BLOCKS.has(child.tagName)) { out += " " + inline(child, state) + " "; continue; }
    if (child.tagName === "A") {
      const href = safeUrl(child.getAttribute("href"));
      const text = inline(child, state).trim();
      out += href && text ? `[${text}](${href})` : text;
      continue;
    }
    const code = !state.code && isCode(child);
    const bold = !state.bold && !code && isBold(child);
    const italic = !state.italic && !code && isItalic(child);
    let content = inline(child, { bold: state.bold || bold, italic: state.italic || italic, code: state.code || code });
    if (code) content = wrap(content, "`");
    if (italic) content = wrap(content, "*");
    if (bold) content = wrap(content, "**");
    out += content;
  }
  return out;
}

// Emphasis marks go round the words, never round the spaces beside them ("** word**" is not bold).
function wrap(text, mark) {
  const match = /^(\s*)([\s\S]*?)(\s*)$/.exec(text);
  return match[2] ? `${match[1]}${mark}${match[2]}${mark}${match[3]}` : text;
}

const tidy = (text) => text.replace(/[ \t]+/g, " ").replace(/ ?\\\n ?/g, "\\\n").trim().replace(/\\$/, "");

/** Block content of an element as Markdown blocks (an array of strings, joined by blank lines). */
function blocks(node, listDepth = 0) {
  const out = [];
  let pending = [];
  const flush = () => {
    const text = tidy(pending.map((n) => n.nodeType === Node.TEXT_NODE ? escapeInline(n.nodeValue.replace(/[\s\u00a0]+/g, " ")) : inline(wrapper(n))).join(""));
    if (text) out.push(text);
    pending = [];
  };
  let wordList = null; // consecutive Word list paragraphs become one list
  for (const child of node.childNodes) {
    if (child.nodeType === Node.ELEMENT_NODE && SKIP.has(child.tagName)) continue;
    const wordItem = child.nodeType === Node.ELEMENT_NODE && child.tagName === "P" && /mso-list/i.test(styleOf(child));
    if (!wordItem) wordList = null;
    if (child.nodeType === Node.ELEMENT_NODE && !BLOCKS.has(child.tagName) && containsBlock(child)) {
      // Google Docs wraps the whole fragment in a <b style="font-weight:normal">: a container, not emphasis.
      flush();
      out.push(...blocks(child, listDepth));
      continue;
    }
    if (child.nodeType !== Node.ELEMENT_NODE || !BLOCKS.has(child.tagName)) {
      if (child.nodeType === Node.TEXT_NODE || child.nodeType === Node.ELEMENT_NODE) pending.push(child);
      continue;
    }
    flush();
    if (wordItem) {
      const marker = (child.textContent || "").trim();
      const ordered = /^\(?[0-9a-z]{1,3}[.)]/i.test(marker);
      const level = Number((/level(\d)/i.exec(styleOf(child)) || [0, 1])[1]) - 1;
      const item = `${"  ".repeat(Math.max(0, level))}${ordered ? "1." : "-"} ${tidy(inline(child))}`;
      if (wordList) out[out.length - 1] += "\n" + item; else { out.push(item); wordList = true; }
      continue;
    }
    out.push(...block(child, listDepth));
  }
  flush();
  return out.filter((b) => b.trim() !== "");
}

const containsBlock = (el) => [...el.querySelectorAll("*")].some((d) => BLOCKS.has(d.tagName));

// A lone inline node, wrapped so inline() can read it with its own formatting.
function wrapper(node) {
  const holder = node.ownerDocument.createElement("span");
  holder.append(node.cloneNode(true));
  return holder;
}

function block(el, listDepth) {
  const tag = el.tagName;
  if (/^H[1-6]$/.test(tag)) {
    // The post's title is the page's only h1: a pasted top-level heading becomes a section heading.
    const text = tidy(inline(el)).replace(/\\\n/g, " ").replace(/^\*\*([\s\S]*)\*\*$/, "$1");
    return text ? [`${"#".repeat(Math.max(2, Number(tag[1])))} ${text}`] : [];
  }
  if (tag === "HR") return ["---"];
  if (tag === "PRE") {
    const code = el.textContent.replace(/\n$/, "");
    const fence = code.includes("```") ? "~~~" : "```";
    return [`${fence}\n${code}\n${fence}`];
  }
  if (tag === "BLOCKQUOTE") {
    return [blocks(el, listDepth).join("\n\n").split("\n").map((line) => (line ? `> ${line}` : ">")).join("\n")];
  }
  if (tag === "UL" || tag === "OL") return [list(el, listDepth)];
  if (tag === "TABLE") return [table(el)];
  if (tag === "LI") return [list(wrapper(el), listDepth)];
  return blocks(el, listDepth);
}

function list(el, depth) {
  const ordered = el.tagName === "OL";
  let number = Number(el.getAttribute && el.getAttribute("start")) || 1;
  const lines = [];
  for (const item of el.children) {
    if (item.tagName !== "LI") {
      if (item.tagName === "UL" || item.tagName === "OL") lines.push(list(item, depth + 1));
      continue;
    }
    const marker = ordered ? `${number++}.` : "-";
    const indent = " ".repeat(marker.length + 1);
    const parts = [];
    let text = [];
    for (const child of item.childNodes) {
      if (child.nodeType === Node.ELEMENT_NODE && (child.tagName === "UL" || child.tagName === "OL")) {
        if (text.length) { parts.push(tidy(text.map((n) => inline(wrapper(n))).join(""))); text = []; }
        parts.push(list(child, depth + 1).split("\n").map((l) => indent + l).join("\n"));
      } else if (child.nodeType === Node.ELEMENT_NODE && BLOCKS.has(child.tagName) && child.tagName !== "LI") {
        if (text.length) { parts.push(tidy(text.map((n) => inline(wrapper(n))).join(""))); text = []; }
        parts.push(tidy(inline(child)));
      } else {
        text.push(child);
      }
    }
    if (text.length) parts.push(tidy(text.map((n) => inline(wrapper(n))).join("")));
    const [first = "", ...rest] = parts.filter((p) => p.trim() !== "");
    lines.push([`${marker} ${first}`, ...rest.map((p) => (p.startsWith(indent) ? p : indent + p))].join("\n"));
  }
  return lines.join("\n");
}

function table(el) {
  const rows = [...el.querySelectorAll("tr")].map((tr) =>
    [...tr.children].map((cell) => tidy(inline(cell)).replace(/\\\n/g, " ").replace(/\|/g, "\\|")));
  if (rows.length === 0) return "";
  const width = Math.max(...rows.map((r) => r.length));
  const line = (cells) => `| ${Array.from({ length: width }, (_, i) => cells[i] || "").join(" | ")} |`;
  return [line(rows[0]), line(Array(width).fill("---")), ...rows.slice(1).map(line)].join("\n");
}

/** The Markdown for a pasted HTML fragment, or null when it holds nothing worth more than its plain text. */
export function htmlToMarkdown(html) {
  // Style attributes are read (bold, italic, Word's lists) but never applied: renamed before parsing, so the page's
  // CSP has no inline style to refuse and report.
  const renamed = html.replace(/<[a-zA-Z][^>]*>/g, (tag) => tag.replace(/(\s)style\s*=/gi, "$1data-paste-style="));
  const doc = new DOMParser().parseFromString(renamed, "text/html");
  const markdown = blocks(doc.body).join("\n\n").replace(/\n{3,}/g, "\n\n").trim();
  return markdown === "" ? null : markdown;
}
