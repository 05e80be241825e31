// Small DOM helpers shared by the provider sections: element building, busy buttons, error panels,
// dates in the user's locale. Never writes a credential anywhere.

/** Creates an element: h("button", { class: "x", onclick }, "text", child). */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith("on")) el.addEventListener(key.slice(2), value);
    else if (key === "class") el.className = value;
    else el.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child !== undefined && child !== null && child !== false) el.append(child);
  }
  return el;
}

let idCounter = 0;
/** A labelled input; returns [wrapper, input]. */
export function field(label, attrs = {}) {
  const id = `f${++idCounter}`;
  const input = attrs.tag === "select" ? h("select", { id, ...attrs, tag: undefined }, ...(attrs.options ?? []).map((o) => h("option", { value: o }, o))) : h("input", { id, ...attrs });
  if (attrs.tag === "select") input.removeAttribute("options");
  return [h("div", {}, h("label", { for: id }, label), input), input];
}

/** A password input whose value is set in memory only (never as an HTML attribute). */
export function secretField(label, value) {
  const [wrap, input] = field(label, { type: "password", autocomplete: "off", spellcheck: "false" });
  input.value = value;
  return [wrap, input];
}

/**
 * Runs `action(signal)` with the button disabled and showing a spinner; errors go to `errors`
 * (which clears the section's status first: a status line tells what the last action did). A
 * call still running after a moment gets a Cancel button beside it that aborts `signal`. Keyboard
 * focus, which a disabled button loses, moves to Cancel while it shows and back to the button after.
 */
export async function busy(button, errors, action) {
  const label = button.textContent;
  const controller = new AbortController();
  const cancel = h("button", { type: "button", class: "secondary", "data-action": "cancel", onclick: () => controller.abort() }, "Cancel");
  const hadFocus = document.activeElement === button;
  const showCancel = setTimeout(() => {
    button.after(cancel);
    if (hadFocus && document.activeElement === document.body) cancel.focus();
  }, 500);
  button.disabled = true;
  button.replaceChildren(h("span", { class: "spinner", "aria-hidden": "true" }), label);
  button.setAttribute("aria-busy", "true");
  errors.clear();
  try {
    return await action(controller.signal);
  } catch (err) {
    errors.show(err);
    return undefined;
  } finally {
    clearTimeout(showCancel);
    const focusOnCancel = document.activeElement === cancel;
    cancel.remove();
    button.disabled = false;
    button.removeAttribute("aria-busy");
    button.replaceChildren(label);
    const lost = focusOnCancel || document.activeElement === document.body || document.activeElement === null;
    if ((hadFocus || focusOnCancel) && lost && button.isConnected) button.focus();
  }
}

/** An error panel showing an ApiError's kind, status, provider code and message; clearing it clears `status` too. */
export function errorPanel(status) {
  const el = h("div", { class: "error-panel", role: "alert", hidden: true });
  return {
    el,
    clear() {
      el.hidden = true;
      el.replaceChildren();
      status?.clear();
    },
    show(err) {
      const rows = [
        ["kind", err?.kind ?? "error"],
        ["status", err?.status ?? "–"],
        ["code", err?.code ?? "–"],
        ["message", err?.message ?? String(err)],
      ];
      el.replaceChildren(
        h("strong", {}, "Request failed"),
        h("dl", {}, rows.flatMap(([k, v]) => [h("dt", {}, k), h("dd", { "data-field": k }, String(v))])),
      );
      el.hidden = false;
    },
  };
}

/** A line of status text. */
export function statusLine() {
  const el = h("div", { class: "status", role: "status", "aria-live": "polite" });
  return {
    el,
    set(text, ok = true) {
      el.textContent = text;
      el.className = ok ? "status ok" : "status";
    },
    clear() {
      el.textContent = "";
      el.className = "status";
    },
  };
}

/** A date in the user's locale from seconds or milliseconds since the epoch. */
export function formatDate(value, unit = "s") {
  if (value === undefined || value === null) return "never";
  const ms = Number(value) * (unit === "s" ? 1000 : 1);
  if (!Number.isFinite(ms) || ms === 0) return "–";
  return new Date(ms).toLocaleString();
}

/** What a list shows after its request failed (the rows of an earlier answer would mislead). */
export function notLoaded() {
  return h("p", { class: "muted", "data-field": "not-loaded" }, "Not loaded: the request failed (see the error).");
}

/** A table from rows of cells. */
export function table(headers, rows) {
  return h(
    "div",
    { class: "table-wrap" },
    h("table", {}, h("thead", {}, h("tr", {}, headers.map((t) => h("th", { scope: "col" }, t)))), h("tbody", {}, rows.map((r) => h("tr", {}, r.map((c) => h("td", {}, c)))))),
  );
}

/** A readonly field that shows a value once, with a copy button. */
export function showOnce(label, value) {
  const [wrap, input] = field(label, { readonly: true });
  input.value = value;
  const copy = h("button", { type: "button", class: "secondary", onclick: () => navigator.clipboard?.writeText(input.value) }, "Copy");
  return h("div", { class: "secret-once" }, wrap, copy);
}

/**
 * The whole number in `input`, or `undefined` when it is empty and `optional`; otherwise an
 * error naming the field (`Number("12abc")` would be NaN, and an empty field 0).
 */
export function wholeNumber(input, name, { optional = false, min = 0, max = Number.MAX_SAFE_INTEGER } = {}) {
  const text = input.value.trim();
  if (text === "" && optional) return undefined;
  const value = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!(value >= min && value <= max)) throw new Error(`${name} must be a whole number from ${min} to ${max}`);
  return value;
}

/**
 * Focuses `target` (or, when it is disabled, `fallback`) if the keyboard focus was lost, as when
 * the focused button was replaced by a new page's.
 */
export function keepFocus(target, fallback) {
  if (document.activeElement !== document.body && document.activeElement !== null) return;
  (target.disabled ? fallback : target)?.focus();
}
