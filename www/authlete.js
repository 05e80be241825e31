// The Authlete section: v2 (API key + secret) or v3 (service id + access token); list with
// filters and paging, create, update, revoke (by identifier or in bulk by subject/client), delete.
import { AuthleteTokens } from "tokenops";
import { h, field, secretField, busy, errorPanel, statusLine, formatDate, table, showOnce, notLoaded, wholeNumber, keepFocus } from "./ui.js";

const GRANT_TYPES = ["AUTHORIZATION_CODE", "IMPLICIT", "PASSWORD", "CLIENT_CREDENTIALS", "REFRESH_TOKEN", "CIBA", "DEVICE_CODE", "TOKEN_EXCHANGE", "JWT_BEARER"];

/** A hash shortened for display, the full value on hover and for screen readers. */
function shortHash(hash) {
  if (!hash) return "–";
  return h("code", { title: hash, "aria-label": hash }, hash.length > 14 ? `${hash.slice(0, 6)}…${hash.slice(-6)}` : hash);
}

const words = (text) => text.split(/[\s,]+/).filter(Boolean);

export function authleteSection() {
  const status = statusLine();
  const errors = errorPanel(status);
  let client = null;

  const [baseWrap, baseUrl] = field("API URL", { type: "url", value: location.origin });
  const [versionWrap, version] = field("API version", { tag: "select", options: ["v2", "v3"] });
  const [keyWrap, apiKey] = secretField("Service API key (v2)", "sandbox-key");
  const [secretWrap, apiSecret] = secretField("Service API secret (v2)", "sandbox-secret");
  const [serviceWrap, serviceId] = field("Service id (v3)", { type: "text", value: "715948317" });
  const [tokenWrap, accessToken] = secretField("Service access token (v3)", "sandbox-service-token");
  const [ctWrap, contentType] = field("Request bodies", { tag: "select", options: ["json", "form"] });
  function showVersionFields() {
    const v3 = version.value === "v3";
    keyWrap.hidden = secretWrap.hidden = v3;
    serviceWrap.hidden = tokenWrap.hidden = !v3;
  }
  version.addEventListener("change", showVersionFields);
  showVersionFields();

  function connect() {
    client =
      version.value === "v3"
        ? new AuthleteTokens({ baseUrl: baseUrl.value, serviceId: serviceId.value, accessToken: accessToken.value })
        : new AuthleteTokens({ baseUrl: baseUrl.value, apiKey: apiKey.value, apiSecret: apiSecret.value });
    return client;
  }
  const current = () => client ?? connect();
  for (const input of [baseUrl, version, apiKey, apiSecret, serviceId, accessToken]) input.addEventListener("change", () => (client = null));
  const testButton = h("button", { type: "button", "data-action": "authlete-connect" }, "Test connection");
  testButton.addEventListener("click", () =>
    busy(testButton, errors, async (signal) => {
      const res = await connect().list({ start: 0, end: 1 }, { signal });
      status.set(`Connected (${version.value}): ${res.totalCount} token(s) in the service`);
    }),
  );
  const bodyOptions = () => (contentType.value === "form" ? { contentType: "form" } : undefined);

  // List with paging.
  const [clientFilterWrap, clientFilter] = field("Client (id or alias)", { type: "text", placeholder: "demo-web" });
  const [subjectFilterWrap, subjectFilter] = field("Subject", { type: "text", placeholder: "alice" });
  const [pageSizeWrap, pageSize] = field("Page size", { type: "number", min: "1", max: "1000", value: "10" });
  const listView = h("div", {}, h("p", { class: "muted" }, "Not loaded yet."));
  let start = 0;
  // The filters and page size of the list on screen: Previous and Next page through that list,
  // whatever the fields say since; "List tokens" takes the fields anew.
  let shown = null;
  function listFields() {
    const filters = {};
    if (clientFilter.value) filters.clientIdentifier = clientFilter.value;
    if (subjectFilter.value) filters.subject = subjectFilter.value;
    return { filters, size: wholeNumber(pageSize, "Page size", { min: 1, max: 1000 }) };
  }
  // `fresh`: take the fields anew ("List tokens"); Previous and Next keep the list on screen's.
  async function loadPage(button, which, fresh = false) {
    await busy(button, errors, async (signal) => {
      if (fresh) shown = listFields();
      const { filters, size } = shown;
      const query = { start, end: start + size, ...filters };
      const res = await current().list(query, { signal }).catch((err) => {
        listView.replaceChildren(notLoaded());
        throw err;
      });
      const rows = res.accessTokens.map((t) => [
        shortHash(t.accessTokenHash),
        String(t.clientId),
        t.subject ?? "–",
        t.grantType ?? "–",
        (t.scopes ?? []).join(" "),
        formatDate(t.accessTokenExpiresAt, "ms"),
      ]);
      const last = Math.min(start + size, res.totalCount);
      const prev = h("button", { type: "button", class: "secondary", disabled: start === 0 }, "Previous");
      const next = h("button", { type: "button", class: "secondary", disabled: last >= res.totalCount }, "Next");
      prev.addEventListener("click", () => {
        start = Math.max(0, start - size);
        loadPage(prev, "prev");
      });
      next.addEventListener("click", () => {
        start += size;
        loadPage(next, "next");
      });
      listView.replaceChildren(
        table(["access token hash", "client", "subject", "grant", "scopes", "expires"], rows),
        h("div", { class: "pager" }, prev, h("span", { "data-field": "range" }, res.totalCount === 0 ? "no tokens" : `${start + 1}–${last} of ${res.totalCount}`), next),
      );
    });
    const [prev, next] = listView.querySelectorAll(".pager button");
    if (which && prev) keepFocus(which === "prev" ? prev : next, which === "prev" ? next : prev);
  }
  const listButton = h("button", { type: "button", "data-action": "authlete-list" }, "List tokens");
  listButton.addEventListener("click", () => {
    start = 0;
    loadPage(listButton, null, true);
  });

  // Create.
  const [grantWrap, grantType] = field("Grant type", { tag: "select", options: GRANT_TYPES });
  grantType.value = "PASSWORD";
  const [clientIdWrap, clientId] = field("Client id", { type: "text", inputmode: "numeric", value: "1001" });
  const [subjectWrap, subject] = field("Subject of the new token", { type: "text", value: "alice" });
  const [scopesWrap, scopes] = field("Scopes (space separated)", { type: "text", value: "openid profile" });
  const [atDurWrap, atDuration] = field("Access token duration, seconds (empty: service default)", { type: "number", min: "0" });
  const [rtDurWrap, rtDuration] = field("Refresh token duration, seconds", { type: "number", min: "0" });
  const created = h("div", {});
  const createButton = h("button", { type: "button", "data-action": "authlete-create" }, "Create token");
  createButton.addEventListener("click", () =>
    busy(createButton, errors, async (signal) => {
      const id = clientId.value.trim();
      if (!/^\d+$/.test(id)) throw new Error("Client id must be a whole number");
      const request = { grantType: grantType.value, clientId: id.length > 15 ? BigInt(id) : Number(id), scopes: words(scopes.value) };
      if (subject.value) request.subject = subject.value;
      const atSeconds = wholeNumber(atDuration, "Access token duration", { optional: true });
      if (atSeconds !== undefined) request.accessTokenDuration = atSeconds;
      const rtSeconds = wholeNumber(rtDuration, "Refresh token duration", { optional: true });
      if (rtSeconds !== undefined) request.refreshTokenDuration = rtSeconds;
      const res = await current().create(request, { ...bodyOptions(), signal });
      created.replaceChildren(showOnce("New access token (shown once)", res.accessToken));
      status.set(`Created a ${res.grantType} token for ${res.subject ?? "the client"}, expires ${formatDate(res.expiresAt, "ms")}`);
    }),
  );

  // Update.
  const [updTokenWrap, updToken] = field("Access token (value or hash)", { type: "text" });
  const [updScopesWrap, updScopes] = field("New scopes (space separated)", { type: "text" });
  const [updExpWrap, updExpiry] = field("New expiry", { type: "datetime-local" });
  const updateButton = h("button", { type: "button", "data-action": "authlete-update" }, "Update token");
  updateButton.addEventListener("click", () =>
    busy(updateButton, errors, async (signal) => {
      const request = { accessToken: updToken.value, scopes: words(updScopes.value) };
      if (updExpiry.value) request.accessTokenExpiresAt = new Date(updExpiry.value).getTime();
      const res = await current().update(request, { ...bodyOptions(), signal });
      status.set(`Updated: scopes ${(res.scopes ?? []).join(" ") || "none"}, expires ${formatDate(res.accessTokenExpiresAt, "ms")}`);
    }),
  );

  // Revoke and delete.
  const [revIdWrap, revId] = field("Revoke by access token identifier (value or hash)", { type: "text" });
  const [revSubjectWrap, revSubject] = field("…or all tokens of subject", { type: "text" });
  const [revClientWrap, revClient] = field("…and/or of client", { type: "text" });
  const progress = h("div", { class: "progress", role: "status" });
  const revokeButton = h("button", { type: "button", class: "danger", "data-action": "authlete-revoke" }, "Revoke");
  revokeButton.addEventListener("click", () =>
    busy(revokeButton, errors, async (signal) => {
      if (revId.value) {
        const res = await current().revoke({ accessTokenIdentifier: revId.value }, { ...bodyOptions(), signal });
        status.set(`Revoked ${res.count} token(s)`);
        return;
      }
      const request = {};
      if (revSubject.value) request.subject = revSubject.value;
      if (revClient.value) request.clientIdentifier = revClient.value;
      progress.textContent = "Revoking…";
      try {
        const res = await current().revokeAll(request, { ...bodyOptions(), signal });
        status.set(`Revoked ${res.count} token(s)`);
      } finally {
        progress.textContent = "";
      }
    }),
  );
  const [delWrap, delId] = field("Delete by access token identifier (value or hash)", { type: "text" });
  const deleteButton = h("button", { type: "button", class: "danger", "data-action": "authlete-delete" }, "Delete");
  deleteButton.addEventListener("click", () =>
    busy(deleteButton, errors, async (signal) => {
      await current().delete(delId.value, { signal });
      status.set("Deleted the token");
    }),
  );

  return h("section", { class: "provider", id: "authlete", "aria-labelledby": "authlete-title" },
    h("h2", { id: "authlete-title" }, "Authlete token operations"),
    h("div", { class: "grid" },
      h("fieldset", {}, h("legend", {}, "Connection"), baseWrap, versionWrap, keyWrap, secretWrap, serviceWrap, tokenWrap, ctWrap, testButton),
      h("fieldset", { class: "wide" }, h("legend", {}, "Tokens"), h("div", { class: "row" }, clientFilterWrap, subjectFilterWrap, pageSizeWrap), listButton, listView),
      h("fieldset", {}, h("legend", {}, "Create a token"), grantWrap, clientIdWrap, subjectWrap, scopesWrap, atDurWrap, rtDurWrap, createButton, created),
      h("fieldset", {}, h("legend", {}, "Update a token"), updTokenWrap, updScopesWrap, updExpWrap, updateButton),
      h("fieldset", {}, h("legend", {}, "Revoke or delete"), revIdWrap, revSubjectWrap, revClientWrap, h("div", { class: "row" }, revokeButton), progress, delWrap, deleteButton)),
    status.el, errors.el);
}
