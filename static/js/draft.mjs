// A section's text kept in this browser as it is typed, so a lost connection or a closed
// tab loses nothing: next time the page opens with different text saved in the service,
// the kept changes are offered back (the service's copy stays the truth, and saving them
// still goes through the check that nobody else saved meanwhile). A draft the service
// already holds is forgotten.
const form = document.querySelector("form[data-module='svf-draft']");
const textarea = form && form.querySelector("textarea[name='text']");

function format(template, values) {
  return template.replace(/%\{(\w+)\}/g, (_, name) => values[name] ?? "");
}

function read(key) {
  try {
    return JSON.parse(window.localStorage.getItem(key) || "null");
  } catch {
    return null;
  }
}

if (form && textarea && window.localStorage) {
  const key = form.dataset.draftKey;
  const saved = form.dataset.savedText ?? "";
  const offer = form.querySelector("[data-draft-offer]");
  const message = form.querySelector("[data-draft-message]");
  const restore = form.querySelector("[data-draft-restore]");
  const discard = form.querySelector("[data-draft-discard]");
  const draft = read(key);
  const normal = (value) => value.replace(/\r\n/g, "\n").trim();

  if (draft && normal(draft.text) === normal(saved)) {
    window.localStorage.removeItem(key); // the service has it: nothing to offer
  } else if (draft && normal(draft.text) !== normal(textarea.value)) {
    const locale = document.documentElement.lang === "cy" ? "cy-GB" : "en-GB";
    const when = new Date(draft.at).toLocaleString(locale, {
      dateStyle: "long",
      timeStyle: "short",
    });
    message.textContent = format(form.dataset.i18nOffer, { when });
    restore.textContent = form.dataset.i18nRestore;
    discard.textContent = form.dataset.i18nDiscard;
    offer.hidden = false;
    restore.addEventListener("click", () => {
      textarea.value = draft.text;
      textarea.dispatchEvent(new Event("input", { bubbles: true })); // the word count
      message.textContent = form.dataset.i18nRestored;
      restore.hidden = true;
      discard.hidden = true;
      textarea.focus();
    });
    discard.addEventListener("click", () => {
      window.localStorage.removeItem(key);
      offer.hidden = true;
      textarea.focus();
    });
  }

  let timer = null;
  textarea.addEventListener("input", () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => {
      window.localStorage.setItem(key, JSON.stringify({ text: textarea.value, at: Date.now() }));
    }, 400);
  });
  form.addEventListener("submit", () => {
    window.clearTimeout(timer);
    window.localStorage.setItem(key, JSON.stringify({ text: textarea.value, at: Date.now() }));
  });
}
