// Copy buttons on the developer portal: copy the text of the element named by data-copy.
document.addEventListener("click", async (event) => {
  const button = event.target instanceof Element ? event.target.closest("button[data-copy]") : null;
  if (button === null) return;
  const source = document.getElementById(button.getAttribute("data-copy") ?? "");
  if (source === null) return;
  try {
    await navigator.clipboard.writeText(source.textContent ?? "");
    button.textContent = "Copied";
  } catch {
    // no clipboard access (permissions, old browser): select the text so Ctrl+C works
    const range = document.createRange();
    range.selectNodeContents(source);
    const selection = window.getSelection();
    selection?.removeAllRanges();
    selection?.addRange(range);
    button.textContent = "Press Ctrl+C";
  }
});

// Forms whose effect cannot be undone ask first (data-confirm="question").
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement)) return;
  const question = form.getAttribute("data-confirm");
  if (question !== null && !window.confirm(question)) event.preventDefault();
});
