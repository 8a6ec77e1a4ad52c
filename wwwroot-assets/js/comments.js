// Optional: the comment form sent in place (README, Comments). Kept tiny for the page budget.
const f = document.getElementById("comment-form");
if (f) {
  const $ = (s, e = document) => e.querySelector(s), home = f.parentElement, next = f.nextSibling;
  document.addEventListener("click", (e) => {
    const a = e.target.closest("a[data-reply]"), t = a?.closest(".comments__thread");
    if (!t) return;
    e.preventDefault();
    $("#comment-parent").value = $(".comment", t).id.slice(8);
    $("#comment-form-title").textContent = "Reply to " + $(".comment__author", a.parentElement).textContent;
    t.append(f);
    $("#comment-name").focus();
  });
  f.addEventListener("submit", async (e) => {
    e.preventDefault();
    const r = await fetch(f.action, { method: "POST", body: new FormData(f), headers: { "X-Comment-Form": "1" } }).catch(() => f.submit());
    if (!r) return;
    const html = await r.text(), errors = $("#comment-errors");
    if (!r.ok) return (errors.innerHTML = html), errors.focus();
    errors.replaceChildren();
    const added = document.createRange().createContextualFragment(html).firstElementChild, t = f.closest(".comments__thread");
    if (added.matches(".comment")) {
      let list = t ? $(".comments__replies", t) : $(".comments__list");
      if (!list) (list = document.createElement("ol")).className = t ? "comments__replies" : "comments__list", (t || home).insertBefore(list, t ? null : f);
      list.append(document.createElement("li"));
      list.lastChild.className = t ? "" : "comments__thread";
      list.lastChild.append(added);
    } else (t || home).insertBefore(added, f);
    $("#comment-text").value = $("#comment-parent").value = "";
    home.insertBefore(f, next);
    added.tabIndex = -1;
    added.focus();
  });
}
