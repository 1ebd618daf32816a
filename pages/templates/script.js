document.documentElement.classList.remove("nojs");
for (const b of document.querySelectorAll("button.copy")) {
  const label = b.textContent;
  b.addEventListener("click", async () => {
    const text = b.dataset.copy;
    try {
      await navigator.clipboard.writeText(text);
      b.textContent = "Copied";
    } catch (e) {
      // No clipboard (a file:// page in some browsers): select the text
      // instead, a command's own or a hidden copy of the program.
      let target = b.dataset.for && document.getElementById(b.dataset.for);
      if (!target) {
        target = document.createElement("pre");
        target.className = "copy-source";
        target.textContent = text;
        b.after(target);
      }
      const range = document.createRange();
      range.selectNodeContents(target);
      const sel = getSelection(); sel.removeAllRanges(); sel.addRange(range);
      b.textContent = "Selected: press Ctrl+C";
    }
    setTimeout(() => { b.textContent = label; }, 2000);
  });
}
document.addEventListener("keydown", (e) => {
  if (e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
  const t = e.target;
  if (t && t.closest && t.closest("input, textarea, select, [contenteditable]")) return;
  const rel = { ArrowLeft: "prev", ArrowRight: "next" }[e.key];
  const link = rel && document.querySelector(`a[rel="${rel}"]`);
  if (link) { e.preventDefault(); location.href = link.href; }
});
