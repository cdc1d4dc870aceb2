// GOV.UK Frontend's body classes, set before the page paints (kept out of the HTML so the
// Content Security Policy can forbid inline scripts).
document.body.className += " js-enabled" +
  ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
