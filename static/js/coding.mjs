// Coding: selecting words in the section's text fills the passage form's exact start and
// end, so an analyst can code part of a sentence. A selection may start or end on a
// paragraph or sentence number: it then runs from the first sentence it reaches to the
// end of the last. It is widened to whole words, as the server does too. Without this
// script (or without a pointer), the paragraph and sentence fields do the same job.
const text = document.getElementById("coding-text");
const start = document.getElementById("id_start");
const end = document.getElementById("id_end");
const shown = document.getElementById("selection");
const WORD = /[\p{L}\p{N}]/u;

function sentenceOf(node) {
  const element = node.nodeType === Node.TEXT_NODE ? node.parentElement : node;
  const sentence = element && element.closest("[data-start]");
  return sentence && text.contains(sentence) ? sentence : null;
}

// [sentence element, offset within its text] of a range boundary, or of the nearest
// sentence inside the range when the boundary is on a number.
function boundary(range, node, offset, atStart) {
  const sentence = sentenceOf(node);
  if (sentence && node.nodeType === Node.TEXT_NODE) return [sentence, offset];
  const inside = [...text.querySelectorAll("[data-start]")].filter((s) =>
    range.intersectsNode(s),
  );
  if (inside.length === 0) return null;
  const chosen = atStart ? inside[0] : inside[inside.length - 1];
  return [chosen, atStart ? 0 : chosen.textContent.length];
}

function snapped([sentence, offset], atStart) {
  const words = sentence.textContent;
  let i = offset;
  if (atStart) {
    while (i > 0 && WORD.test(words[i - 1]) && WORD.test(words[i] || "")) i -= 1;
  } else {
    while (i < words.length && WORD.test(words[i - 1] || "") && WORD.test(words[i])) i += 1;
  }
  return [sentence, i];
}

function say(message) {
  shown.hidden = false;
  shown.textContent = message;
}

function update() {
  const selection = document.getSelection();
  if (!selection || selection.isCollapsed || selection.rangeCount === 0) return;
  const range = selection.getRangeAt(0);
  if (!text.contains(range.commonAncestorContainer)) return;
  const first = boundary(range, range.startContainer, range.startOffset, true);
  const last = boundary(range, range.endContainer, range.endOffset, false);
  if (first === null || last === null) {
    say(shown.dataset.outside);
    return;
  }
  const [fromSentence, fromOffset] = snapped(first, true);
  const [toSentence, toOffset] = snapped(last, false);
  const from = Number(fromSentence.dataset.start) + fromOffset;
  const to = Number(toSentence.dataset.start) + toOffset;
  if (to <= from) {
    say(shown.dataset.outside);
    return;
  }
  start.value = from;
  end.value = to;
  // The words chosen, from the sentences' own text (numbers left out).
  const chosen = [];
  for (const s of text.querySelectorAll("[data-start]")) {
    const at = Number(s.dataset.start);
    const words = s.textContent;
    const a = Math.max(from - at, 0);
    const b = Math.min(to - at, words.length);
    if (b > a) chosen.push(words.slice(a, b));
  }
  say(`${shown.dataset.label} “${chosen.join(" ").replace(/\s+/g, " ").trim()}”`);
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
