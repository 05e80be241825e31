// The HOPR section: connect with an API token, show the caller's token, create a scoped token,
// delete a token by id.
import { HoprTokens } from "tokenops";
import { h, field, secretField, busy, errorPanel, statusLine, formatDate, table, showOnce, notLoaded, wholeNumber } from "./ui.js";

export function hoprSection() {
  const status = statusLine();
  const errors = errorPanel(status);
  let client = null;

  const [baseWrap, baseUrl] = field("Node URL", { type: "url", value: location.origin });
  const [tokenWrap, apiToken] = secretField("API token", "hopr-demo-token");
  const [schemeWrap, scheme] = field("Auth scheme", { tag: "select", options: ["header", "basic"] });

  function connect() {
    client = new HoprTokens({ baseUrl: baseUrl.value, apiToken: apiToken.value, authScheme: scheme.value });
    return client;
  }
  const current = () => client ?? connect();
  for (const input of [baseUrl, apiToken, scheme]) input.addEventListener("change", () => (client = null));

  const tokenView = h("div", { class: "token-view" }, h("p", { class: "muted" }, "Not loaded yet."));
  function renderToken(t) {
    const rows = t.capabilities.map((c) => {
      const limit = c.limits?.find((l) => l.type === "calls");
      const usage = limit ? `${limit.used ?? 0} / ${limit.conditions?.max ?? "∞"}` : "unlimited";
      return [h("code", {}, c.endpoint), usage];
    });
    tokenView.replaceChildren(
      h("dl", { class: "kv" },
        // On a HOPR node a token's id is its secret value (the API token typed above), so the
        // page never shows it.
        h("dt", {}, "id"), h("dd", { "data-field": "id" }, "the API token above (hidden)"),
        // Text nodes only (never HTML): a description is whatever its creator typed.
        h("dt", {}, "description"), h("dd", { "data-field": "description" }, t.description || "–"),
        h("dt", {}, "valid until"), h("dd", { "data-field": "valid_until" }, formatDate(t.valid_until))),
      table(["capability", "calls used / max"], rows),
    );
  }

  /** Shows the caller's token, or that it is not loaded when the request fails (an earlier one would mislead). */
  async function loadToken(hopr, signal) {
    const t = await hopr.getToken({ signal }).catch((err) => {
      tokenView.replaceChildren(notLoaded());
      throw err;
    });
    renderToken(t);
    return t;
  }

  const testButton = h("button", { type: "button", "data-action": "hopr-connect" }, "Test connection");
  testButton.addEventListener("click", () =>
    busy(testButton, errors, async (signal) => {
      const t = await loadToken(connect(), signal);
      status.set(`Connected: token "${t.description || "(no description)"}", ${t.capabilities.length} capabilities`);
    }),
  );
  const refreshButton = h("button", { type: "button", class: "secondary" }, "Reload my token");
  refreshButton.addEventListener("click", () => busy(refreshButton, errors, (signal) => loadToken(current(), signal)));

  // Create.
  const capList = h("div", { class: "caps", role: "group", "aria-label": "Capabilities" },
    HoprTokens.endpoints().map((e) => h("label", {}, h("input", { type: "checkbox", value: e, name: "capability" }), e)));
  const [maxWrap, maxCalls] = field("Calls limit per capability (empty: unlimited)", { type: "number", min: "0", step: "1" });
  const [lifeWrap, lifetime] = field("Lifetime in seconds (empty: no expiry)", { type: "number", min: "1", step: "1", value: "3600" });
  const [descWrap, description] = field("Description", { type: "text", value: "created in the console" });
  const created = h("div", {});
  const createButton = h("button", { type: "button", "data-action": "hopr-create" }, "Create token");
  createButton.addEventListener("click", () =>
    busy(createButton, errors, async (signal) => {
      const endpoints = [...capList.querySelectorAll("input:checked")].map((i) => i.value);
      const max = wholeNumber(maxCalls, "Calls limit", { optional: true });
      const limits = max === undefined ? undefined : [{ type: "calls", conditions: { max } }];
      const request = { capabilities: endpoints.map((endpoint) => (limits ? { endpoint, limits } : { endpoint })), description: description.value || undefined };
      const life = wholeNumber(lifetime, "Lifetime", { optional: true, min: 1 });
      if (life !== undefined) request.lifetime = life;
      const { token } = await current().createToken(request, { signal });
      created.replaceChildren(showOnce("New token (shown once, copy it now)", token));
      status.set(`Created a token with ${endpoints.length} capabilities`);
    }),
  );

  // Delete.
  // The id to delete is a token's secret value: a password field, never echoed on the page.
  const [idWrap, deleteId] = field("Token to delete (its id is its value)", { type: "password", autocomplete: "off" });
  const deleteButton = h("button", { type: "button", class: "danger", "data-action": "hopr-delete" }, "Delete token");
  deleteButton.addEventListener("click", () =>
    busy(deleteButton, errors, async (signal) => {
      await current().deleteToken(deleteId.value, { signal });
      status.set("Deleted the token");
    }),
  );

  return h("section", { class: "provider", id: "hopr", "aria-labelledby": "hopr-title" },
    h("h2", { id: "hopr-title" }, "HOPR node tokens"),
    h("div", { class: "grid" },
      h("fieldset", {}, h("legend", {}, "Connection"), baseWrap, tokenWrap, schemeWrap, h("div", { class: "row" }, testButton, refreshButton)),
      h("fieldset", {}, h("legend", {}, "My token"), tokenView),
      h("fieldset", {}, h("legend", {}, "Create a token"), capList, maxWrap, lifeWrap, descWrap, createButton, created),
      h("fieldset", {}, h("legend", {}, "Delete a token"), idWrap, deleteButton)),
    status.el, errors.el);
}
