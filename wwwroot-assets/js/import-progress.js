// Keeps an import's page current while it runs: polls its JSON status and updates the progress bar and counts,
// then reloads once to show the report. Without JavaScript the page's "Refresh" link does the same by hand.
(() => {
  const section = document.getElementById("import-progress");
  if (!section || section.dataset.finished === "true") return;

  const set = (id, value) => {
    const element = document.getElementById(id);
    if (element) element.textContent = String(value);
  };

  const poll = async () => {
    try {
      const response = await fetch(section.dataset.statusUrl, { credentials: "same-origin", headers: { Accept: "application/json" } });
      if (!response.ok) return;
      const run = await response.json();
      const progress = document.getElementById("run-progress");
      progress.max = Math.max(run.total, 1);
      progress.value = run.processed;
      set("run-status", run.status);
      set("run-processed", run.processed);
      set("run-total", run.total);
      set("run-created", run.created);
      set("run-updated", run.updated);
      set("run-unchanged", run.unchanged);
      set("run-skipped", run.skipped);
      set("run-images-failed", run.imagesFailed);
      if (run.finished) {
        window.location.reload();
        return;
      }
    } catch {
      // A missed poll is retried below.
    }
    window.setTimeout(poll, 1000);
  };

  window.setTimeout(poll, 500);
})();
