// Copy a citation with one click; the page works without this script.
document.addEventListener("click", async (event) => {
  const button = event.target.closest("button.copy");
  if (!button) return;
  const text = document.getElementById(button.dataset.target).textContent;
  try { await navigator.clipboard.writeText(text); } catch (e) { window.getSelection().selectAllChildren(document.getElementById(button.dataset.target)); }
  button.dataset.copied = text;
  button.textContent = "Copied";
});
document.addEventListener("DOMContentLoaded", () => {
  const quote = document.querySelector("mark.quote");
  if (quote && !location.hash) quote.scrollIntoView({ block: "center" });
});
