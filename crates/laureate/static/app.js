// Progressive enhancement only: every page works without this file.
document.addEventListener("DOMContentLoaded", () => {
  // Pickers: a long list of records gets a filter box above it; typing narrows the choices, and
  // when one is left it is chosen. Without this file the list is an ordinary select.
  document.querySelectorAll("select[data-picker]").forEach((select) => {
    if (select.options.length <= 8) return;
    const filter = document.createElement("input");
    filter.type = "search";
    filter.className = "picker-filter";
    filter.setAttribute("aria-label", select.dataset.filterLabel || "Filter");
    filter.setAttribute("aria-controls", select.id);
    const status = document.createElement("span");
    status.className = "visually-hidden";
    status.setAttribute("aria-live", "polite");
    select.before(filter, status);
    filter.addEventListener("input", () => {
      const words = filter.value.toLowerCase().split(/\s+/).filter(Boolean);
      let shown = 0;
      let last = null;
      Array.from(select.options).forEach((option) => {
        if (option.value === "") return;
        const match = words.every((w) => option.text.toLowerCase().includes(w));
        option.hidden = !match;
        option.disabled = !match;
        if (match) { shown += 1; last = option; }
      });
      if (shown === 1) select.value = last.value;
      status.textContent = shown === 0 ? select.dataset.none || "" : String(shown);
    });
  });

  // A refused form comes back with its error summary first: move there, as GOV.UK does.
  const problems = document.getElementById("error-summary");
  if (problems) problems.focus();
  // Registry filters: apply a changed select at once, and search as the visitor types (after a
  // short pause), keeping the shareable address of the results.
  document.querySelectorAll("form.filters select").forEach((select) => {
    select.addEventListener("change", () => select.form.requestSubmit());
  });
  const search = document.querySelector("form.filters input[type=search]");
  if (search) {
    let pause = null;
    search.addEventListener("input", () => {
      clearTimeout(pause);
      pause = setTimeout(() => search.form.requestSubmit(), 600);
    });
    // Submitting by hand (the button, Enter) cancels the search still waiting to go.
    search.form.addEventListener("submit", () => clearTimeout(pause));
    if (search.value) {
      search.focus();
      search.setSelectionRange(search.value.length, search.value.length);
    }
  }

  // Dossier drafts save themselves a moment after the last change, through the JSON API with
  // the session's CSRF token; the version returned keeps later saves from overwriting others'.
  const form = document.querySelector("form[data-autosave]");
  const match = form && form.getAttribute("action").match(/^\/nominations\/(\d+)$/);
  if (!match) return;
  const status = form.querySelector(".autosave-status");
  const values = (name) => Array.from(form.querySelectorAll(`[name="${name}"]`)).map((e) => e.value.trim());
  const year = (v) => (v === "" ? null : Number.parseInt(v, 10));
  let timer = null;
  const save = async () => {
    const data = new FormData(form);
    const names = values("partner_name_en");
    const partners = names
      .map((name_en, i) => ({
        name_en,
        name_zh: values("partner_name_zh")[i] || "",
        from_year: year(values("partner_from")[i] || "") || 0,
        to_year: year(values("partner_to")[i] || ""),
      }))
      .filter((p) => p.name_en !== "" || p.from_year !== 0);
    const body = {
      version: Number.parseInt(data.get("version"), 10),
      kind: data.get("kind"),
      name_en: data.get("name_en") || "",
      name_zh: data.get("name_zh") || "",
      country: data.get("country") || "",
      field: data.get("field") || "",
      categories: data.getAll("categories"),
      citation_en: data.get("citation_en") || "",
      citation_zh: data.get("citation_zh") || "",
      contribution_en: data.get("contribution_en") || "",
      contribution_zh: data.get("contribution_zh") || "",
      birth_year: year(data.get("birth_year") || ""),
      affiliation: data.get("affiliation") || "",
      partners,
    };
    const response = await fetch(`/api/v1/nominations/${match[1]}`, {
      method: "PUT",
      headers: { "content-type": "application/json", "x-csrf-token": data.get("csrf") },
      body: JSON.stringify(body),
      credentials: "same-origin",
    });
    const reply = await response.json().catch(() => ({}));
    if (response.ok) {
      form.querySelector('[name="version"]').value = reply.version;
      status.textContent = status.dataset.saved.replace("{time}", new Date().toLocaleTimeString());
    } else {
      // The API answers in English; the page says it in the reader's language, and saving the
      // form shows each problem at its field.
      status.textContent = status.dataset.failed;
    }
  };
  form.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(save, 1500);
  });
});

// Passkeys (WebAuthn). A form marked `data-passkey` runs the ceremony before it is sent: it asks
// the server for options, lets the browser ask the authenticator, and sends the answer as JSON in
// its `credential` field. Browsers without passkeys keep the forms hidden (sign-in) or say so.
document.addEventListener("DOMContentLoaded", () => {
  const forms = document.querySelectorAll("form[data-passkey]");
  const supported = window.PublicKeyCredential
    && typeof PublicKeyCredential.parseCreationOptionsFromJSON === "function"
    && typeof PublicKeyCredential.parseRequestOptionsFromJSON === "function";
  if (!supported) {
    forms.forEach((form) => {
      form.hidden = true;
      const note = form.parentElement.querySelector("[data-passkey-unsupported]");
      if (note) note.hidden = false;
    });
    return;
  }
  forms.forEach((form) => {
    form.hidden = false;
    const status = form.querySelector("[data-passkey-status]");
    const registering = form.dataset.passkey === "register";
    form.addEventListener("submit", async (event) => {
      if (form.elements.credential.value) return;
      event.preventDefault();
      if (registering && !form.reportValidity()) return;
      status.textContent = "";
      try {
        const headers = { "Content-Type": "application/json" };
        if (registering) headers["X-CSRF-Token"] = form.elements.csrf.value;
        const path = registering
          ? "/api/v1/me/two-factor/passkeys/registration"
          : "/api/v1/auth/passkey/options";
        const response = await fetch(path, { method: "POST", headers, credentials: "same-origin" });
        if (!response.ok) throw new Error(String(response.status));
        const { ceremony, options } = await response.json();
        const credential = registering
          ? await navigator.credentials.create({ publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(options) })
          : await navigator.credentials.get({ publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(options) });
        form.elements.ceremony.value = ceremony;
        form.elements.credential.value = JSON.stringify(credential.toJSON());
        form.submit();
      } catch (problem) {
        status.textContent = form.dataset.failed;
      }
    });
  });
});

// "Confirm it is you" with a passkey instead of the password: the same form is sent with the
// passkey's answer in place of the password.
document.addEventListener("DOMContentLoaded", () => {
  const button = document.querySelector("button[data-passkey-recheck]");
  if (!button || !window.PublicKeyCredential
    || typeof PublicKeyCredential.parseRequestOptionsFromJSON !== "function") return;
  const form = button.form;
  const status = form.querySelector("[data-passkey-status]");
  button.hidden = false;
  form.querySelectorAll("[data-passkey-recheck-group]").forEach((e) => { e.hidden = false; });
  button.addEventListener("click", async () => {
    status.textContent = "";
    try {
      const response = await fetch("/api/v1/auth/passkey/options", { method: "POST", credentials: "same-origin" });
      if (!response.ok) throw new Error(String(response.status));
      const { ceremony, options } = await response.json();
      const credential = await navigator.credentials.get({
        publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(options),
      });
      form.elements.recheck_ceremony.value = ceremony;
      form.elements.recheck_credential.value = JSON.stringify(credential.toJSON());
      form.submit();
    } catch (problem) {
      status.textContent = button.dataset.failed;
    }
  });
});
