// An optional layer over the comment form, which works without it: sends the form in place and shows the new comment
// (or the "awaiting moderation" note, or what to fix) without leaving the page; a Reply link moves the form under the
// comment it answers. The server answers this script's requests (X-Comment-Form) with a fragment instead of a page.
const form = document.getElementById("comment-form");
if (form) {
  const parent = document.getElementById("comment-parent");
  const errors = document.getElementById("comment-errors");
  const title = document.getElementById("comment-form-title");
  const home = form.parentElement;
  const next = form.nextSibling;

  document.addEventListener("click", (event) => {
    const link = event.target.closest("a[data-reply]");
    if (!link) return;
    event.preventDefault();
    const thread = link.closest(".comments__thread");
    parent.value = thread.querySelector(".comment").id.slice("comment-".length);
    title.textContent = "Reply to " + link.closest(".comment").querySelector(".comment__author").textContent;
    thread.append(form);
    form.querySelector("#comment-name").focus();
  });

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const button = form.querySelector("#comment-submit");
    button.disabled = true;
    try {
      const response = await fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        headers: { "X-Comment-Form": "fetch" },
        credentials: "same-origin",
      });
      const html = await response.text();
      if (!response.ok) {
        errors.innerHTML = html;
        errors.focus();
        return;
      }

      errors.replaceChildren();
      const added = document.createRange().createContextualFragment(html).firstElementChild;
      const thread = form.closest(".comments__thread");
      if (added.classList.contains("comment")) {
        let list = thread ? thread.querySelector(".comments__replies") : document.querySelector(".comments__list");
        if (!list) {
          list = document.createElement("ol");
          list.className = thread ? "comments__replies" : "comments__list";
          (thread || home).insertBefore(list, thread ? null : home.querySelector(".comment-form"));
        }
        const item = document.createElement("li");
        if (!thread) item.className = "comments__thread";
        item.append(added);
        list.append(item);
      } else {
        (thread || home).insertBefore(added, form);
      }
      form.querySelector("#comment-text").value = "";
      parent.value = "";
      home.insertBefore(form, next);
      added.setAttribute("tabindex", "-1");
      added.focus();
    } catch {
      form.submit(); // the network or the script failed: the plain form still works
    } finally {
      button.disabled = false;
    }
  });
}
