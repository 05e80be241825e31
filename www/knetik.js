// The Knetik section: connect with an access token, client credentials or a user's password; list
// with filters, sort, page size and page navigation; get one token; delete by username and/or
// client after a confirmation that says how many tokens will go; list everything with progress.
import { KnetikTokens } from "tokenops";
import { h, field, secretField, busy, errorPanel, statusLine, table, showOnce, notLoaded, wholeNumber, keepFocus } from "./ui.js";

export function knetikSection() {
  const status = statusLine();
  const errors = errorPanel(status);
  let client = null;

  const [baseWrap, baseUrl] = field("API URL", { type: "url", value: location.origin });
  const [formWrap, form] = field("Credentials", { tag: "select", options: ["client credentials", "password", "access token"] });
  const [clientIdWrap, clientId] = field("Client id", { type: "text", value: "admin-client" });
  const [secretWrap, clientSecret] = secretField("Client secret", "admin-secret");
  const [userWrap, username] = field("Username", { type: "text", value: "root", autocomplete: "off" });
  const [passWrap, password] = secretField("Password", "root-pass");
  const [tokenWrap, accessToken] = secretField("Access token", "");
  function showFormFields() {
    const f = form.value;
    clientIdWrap.hidden = f === "access token";
    secretWrap.hidden = f !== "client credentials";
    userWrap.hidden = passWrap.hidden = f !== "password";
    tokenWrap.hidden = f !== "access token";
    if (f === "password" && clientId.value === "admin-client") clientId.value = "web";
    if (f === "client credentials" && clientId.value === "web") clientId.value = "admin-client";
  }
  form.addEventListener("change", showFormFields);
  showFormFields();

  function connect() {
    const base = { baseUrl: baseUrl.value };
    client =
      form.value === "access token"
        ? new KnetikTokens({ ...base, accessToken: accessToken.value })
        : form.value === "password"
          ? new KnetikTokens({ ...base, clientId: clientId.value, username: username.value, password: password.value })
          : new KnetikTokens({ ...base, clientId: clientId.value, clientSecret: clientSecret.value });
    return client;
  }
  const current = () => client ?? connect();
  for (const input of [baseUrl, form, clientId, clientSecret, username, password, accessToken]) input.addEventListener("change", () => (client = null));

  const testButton = h("button", { type: "button", "data-action": "knetik-connect" }, "Test connection");
  testButton.addEventListener("click", () =>
    busy(testButton, errors, async (signal) => {
      const res = await connect().getTokens({ size: 1 }, { signal });
      status.set(`Connected: ${res.total_elements} token(s) visible`);
    }),
  );

  // List.
  const [fClientWrap, fClient] = field("Filter: client id", { type: "text" });
  const [fUserWrap, fUser] = field("Filter: username", { type: "text" });
  const [sortWrap, sort] = field("Sort", { tag: "select", options: ["(none)", "username:ASC", "username:DESC", "client_id:ASC", "client_id:DESC"] });
  const [sizeWrap, size] = field("Page size", { type: "number", min: "1", max: "1000", value: "10" });
  const listView = h("div", {}, h("p", { class: "muted" }, "Not loaded yet."));
  let page = 1;
  /** The filters and order the fields say. */
  const filters = () => {
    const q = {};
    if (fClient.value) q.filterClientId = fClient.value;
    if (fUser.value) q.filterUsername = fUser.value;
    if (sort.value !== "(none)") q.order = sort.value;
    return q;
  };
  // The filters, order and page size of the list on screen: Previous and Next page through that
  // list, whatever the fields say since; "List tokens" takes the fields anew.
  let shown = null;
  // `fresh`: take the fields anew ("List tokens"); Previous and Next keep the list on screen's.
  async function loadPage(button, which, fresh = false) {
    await busy(button, errors, async (signal) => {
      if (fresh) shown = { ...filters(), size: wholeNumber(size, "Page size", { min: 1, max: 1000 }) };
      const res = await current().getTokens({ ...shown, page }, { signal }).catch((err) => {
        listView.replaceChildren(notLoaded());
        throw err;
      });
      const prev = h("button", { type: "button", class: "secondary", disabled: res.first }, "Previous");
      const next = h("button", { type: "button", class: "secondary", disabled: res.last }, "Next");
      prev.addEventListener("click", () => {
        page = Math.max(1, page - 1);
        loadPage(prev, "prev");
      });
      next.addEventListener("click", () => {
        page += 1;
        loadPage(next, "next");
      });
      listView.replaceChildren(
        table(["username", "client id"], res.content.map((t) => [t.username ?? "–", t.client_id ?? "–"])),
        h("div", { class: "pager" }, prev, h("span", { "data-field": "page" }, `page ${page} of ${Math.max(1, res.total_pages)} · ${res.total_elements} tokens`), next),
      );
    });
    const [prev, next] = listView.querySelectorAll(".pager button");
    if (which && prev) keepFocus(which === "prev" ? prev : next, which === "prev" ? next : prev);
  }
  const listButton = h("button", { type: "button", "data-action": "knetik-list" }, "List tokens");
  listButton.addEventListener("click", () => {
    page = 1;
    loadPage(listButton, null, true);
  });

  // List everything, with progress and cancel.
  const progress = h("div", { class: "progress", role: "status" });
  const allButton = h("button", { type: "button", class: "secondary", "data-action": "knetik-list-all" }, "Count all matching");
  allButton.addEventListener("click", () =>
    busy(allButton, errors, async (signal) => {
      let n = 0;
      try {
        for await (const _ of current().listAll({ ...filters(), pageSize: 100 }, { signal })) {
          if (++n % 100 === 0) progress.textContent = `${n} tokens so far…`;
        }
        progress.textContent = `${n} tokens in all`;
      } catch (err) {
        progress.textContent = `stopped after ${n} tokens`;
        throw err;
      }
    }),
  );

  // Get one.
  const [gUserWrap, gUser] = field("Token of username", { type: "text", value: "alice" });
  const [gClientWrap, gClient] = field("…for client id", { type: "text", value: "web" });
  const got = h("div", {});
  const getButton = h("button", { type: "button", "data-action": "knetik-get" }, "Get token");
  getButton.addEventListener("click", () =>
    busy(getButton, errors, async (signal) => {
      const t = await current().getToken(gUser.value, gClient.value, { signal });
      got.replaceChildren(showOnce(`Token of ${t.username ?? "?"} on ${t.client_id ?? "?"}`, t.token ?? ""));
    }),
  );

  // Delete with a confirmation that counts.
  const [dUserWrap, dUser] = field("Delete the tokens of username", { type: "text" });
  const [dClientWrap, dClient] = field("…and/or of client id", { type: "text" });
  const deleteButton = h("button", { type: "button", class: "danger", "data-action": "knetik-delete" }, "Delete tokens…");
  deleteButton.addEventListener("click", () =>
    busy(deleteButton, errors, async (signal) => {
      const filter = {};
      if (dUser.value) filter.username = dUser.value;
      if (dClient.value) filter.clientId = dClient.value;
      // No filter: the library refuses it (it would delete every token), before any question.
      if (!filter.username && !filter.clientId) return current().deleteTokens(filter, { signal });
      const count = { size: 1, page: 1 };
      if (filter.username) count.filterUsername = filter.username;
      if (filter.clientId) count.filterClientId = filter.clientId;
      const n = (await current().getTokens(count, { signal })).total_elements;
      const who = [filter.username && `user ${filter.username}`, filter.clientId && `client ${filter.clientId}`].filter(Boolean).join(" on ");
      if (!window.confirm(`Delete ${n} token(s) of ${who}?`)) return;
      await current().deleteTokens(filter, { signal });
      status.set(`Deleted ${n} token(s)`);
    }),
  );

  return h("section", { class: "provider", id: "knetik", "aria-labelledby": "knetik-title" },
    h("h2", { id: "knetik-title" }, "Knetik Cloud auth tokens"),
    h("div", { class: "grid" },
      h("fieldset", {}, h("legend", {}, "Connection"), baseWrap, formWrap, clientIdWrap, secretWrap, userWrap, passWrap, tokenWrap, testButton),
      h("fieldset", { class: "wide" }, h("legend", {}, "Tokens"), h("div", { class: "row" }, fClientWrap, fUserWrap, sortWrap, sizeWrap),
        h("div", { class: "row" }, listButton, allButton), progress, listView),
      h("fieldset", {}, h("legend", {}, "Get one token"), gUserWrap, gClientWrap, getButton, got),
      h("fieldset", {}, h("legend", {}, "Delete tokens"), dUserWrap, dClientWrap, deleteButton)),
    status.el, errors.el);
}
