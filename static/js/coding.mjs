// Coding: selecting words in the section's text fills the passage form's exact start and
// end, so an analyst can code part of a sentence. Without this script (or without a
// pointer), the paragraph and sentence fields do the same job.
const text = document.getElementById("coding-text");
const start = document.getElementById("id_start");
const end = document.getElementById("id_end");
const shown = document.getElementById("selection");

function offsetOf(node, offset) {
  const element = node.nodeType === Node.TEXT_NODE ? node.parentElement : node;
  const sentence = element && element.closest("[data-start]");
  if (!sentence || !text.contains(sentence)) return null;
  return Number(sentence.dataset.start) + (node.nodeType === Node.TEXT_NODE ? offset : 0);
}

function update() {
  const selection = document.getSelection();
  if (!selection || selection.isCollapsed || selection.rangeCount === 0) return;
  const range = selection.getRangeAt(0);
  let from = offsetOf(range.startContainer, range.startOffset);
  let to = offsetOf(range.endContainer, range.endOffset);
  if (from === null || to === null || to <= from) return;
  start.value = from;
  end.value = to;
  const words = selection.toString().replace(/\s+/g, " ").trim();
  shown.hidden = false;
  shown.textContent = `${shown.dataset.label} “${words}”`;
}

if (text && start && end && shown) {
  text.addEventListener("mouseup", update);
  text.addEventListener("keyup", update);
  text.addEventListener("touchend", update);
}

// Typing a paragraph or sentence number means the analyst chooses by sentence instead.
for (const name of ["paragraph", "first", "last"]) {
  const field = document.getElementById(`id_${name}`);
  if (field && start && end) {
    field.addEventListener("input", () => {
      start.value = "";
      end.value = "";
      if (shown) shown.hidden = true;
    });
  }
}
