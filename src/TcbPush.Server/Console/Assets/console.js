// TcbPush console: the little script of the live pages. Every page works without it (forms post, links link);
// with it, times show in the viewer's zone, a conversation streams its new entries, in-flight deliveries refresh
// their status, and "replay every dead delivery" shows its progress.
(() => {
  const pad = (n) => String(n).padStart(2, "0");
  const zoneOf = (at) => {
    const offset = -at.getTimezoneOffset();
    return `UTC${offset >= 0 ? "+" : "-"}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
  };
  const local = (at) => `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T` +
    `${pad(at.getHours())}:${pad(at.getMinutes())}:${pad(at.getSeconds())}`;

  // Each <time> in the viewer's zone; the UTC stays in its title (on hover).
  const localizeTimes = (root) => {
    for (const element of root.querySelectorAll("time[datetime]")) {
      const at = new Date(element.getAttribute("datetime"));
      if (Number.isNaN(at.getTime())) continue;
      element.textContent = `${local(at).replace("T", " ")} (${zoneOf(at)})`;
    }
  };
  localizeTimes(document);

  // Time filters: shown and typed in the viewer's zone, sent as UTC.
  const utcInputs = document.querySelectorAll("input[data-utc-input]");
  for (const input of utcInputs) {
    if (input.value) {
      const at = new Date(input.value + "Z");
      if (!Number.isNaN(at.getTime())) input.value = local(at);
    }
  }
  for (const label of document.querySelectorAll("[data-zone-label]")) label.textContent = `(${zoneOf(new Date())})`;
  for (const form of new Set([...utcInputs].map((input) => input.form).filter(Boolean))) {
    form.addEventListener("submit", () => {
      for (const input of form.querySelectorAll("input[data-utc-input]")) {
        const name = input.getAttribute("name");
        if (!name) continue;
        input.removeAttribute("name");
        if (!input.value) continue;
        const hidden = document.createElement("input");
        hidden.type = "hidden";
        hidden.name = name;
        hidden.value = new Date(input.value).toISOString();
        form.append(hidden);
      }
    });
  }

  // A conversation: its new entries arrive as Server-Sent Events; the send box posts without leaving the page.
  const chat = document.querySelector("ol[data-events]");
  if (chat) {
    let after = Number(chat.dataset.after || 0);
    const time = (iso) => {
      const element = document.createElement("time");
      element.setAttribute("datetime", iso);
      element.title = `${iso.replace("T", " ").replace(/\.\d+Z$/, "")} UTC`;
      element.textContent = element.title;
      return element;
    };
    const span = (text, className) => {
      const element = document.createElement("span");
      element.textContent = text;
      if (className) element.className = className;
      return element;
    };
    const render = (entry) => {
      const item = document.createElement("li");
      item.dataset.seq = entry.seq;
      if (entry.msgtype === "typing") {
        item.className = "entry typing";
        item.append(span(entry.content && entry.content.command === "CancelTyping" ? "stopped typing" : "typing…"), " ", time(entry.at));
        return item;
      }
      item.className = `entry ${entry.direction === "in" ? "from-user" : "from-app"} entry-${entry.status}`;
      const bubble = document.createElement("div");
      bubble.className = "bubble";
      bubble.textContent = entry.text;
      const meta = document.createElement("div");
      meta.className = "meta";
      meta.append(span(`${entry.via} · ${entry.msgtype}`), " ", time(entry.at));
      if (entry.status !== "sent") meta.append(" ", span(entry.status, `badge status-${entry.status}`));
      if (entry.reason) meta.append(" ", span(entry.reason, "reason"));
      if (entry.delivery_id) {
        const link = document.createElement("a");
        link.href = `/console/deliveries/${entry.delivery_id}`;
        link.textContent = `delivery #${entry.delivery_id}`;
        meta.append(" ", link);
      }
      item.append(bubble, meta);
      return item;
    };
    const source = new EventSource(`${chat.dataset.events}?after=${after}`);
    source.addEventListener("entry", (event) => {
      const entry = JSON.parse(event.data);
      if (entry.seq <= after) return;
      after = entry.seq;
      chat.querySelector(".chat-empty")?.remove();
      const item = render(entry);
      chat.append(item);
      localizeTimes(item);
      item.scrollIntoView({ block: "nearest" });
    });
    chat.lastElementChild?.scrollIntoView({ block: "nearest" });

    const form = document.querySelector("form[data-live-send]");
    const notice = document.querySelector("[data-send-notice]");
    form?.addEventListener("submit", async (event) => {
      event.preventDefault();
      const input = form.querySelector("input[type=text], input:not([type])");
      const button = form.querySelector("button[type=submit]");
      button.disabled = true;
      try {
        const response = await fetch(location.pathname, { method: "POST", body: new URLSearchParams(new FormData(form)) });
        const page = new DOMParser().parseFromString(await response.text(), "text/html");
        const answer = page.querySelector("[data-send-notice]");
        if (notice && answer) notice.replaceChildren(...answer.childNodes);
        if (!response.ok) notice?.replaceChildren(span(`HTTP ${response.status}: the message was not sent. Reload the page and try again.`, "notice error"));
        else if (!page.querySelector("[data-send-notice] .notice.error") && input) input.value = "";
      } catch (failure) {
        notice?.replaceChildren(span(`The message was not sent: ${failure}`, "notice error"));
      } finally {
        button.disabled = false;
        input?.focus();
      }
    });
  }

  // Deliveries that may still change (pending, delivering): the page re-reads itself every few seconds and swaps
  // in the regions marked data-live-poll, until nothing shown is in flight. A short poll rather than a stream: a
  // delivery's status is changed by whichever node's worker holds it, and the page's own query already says what
  // to show.
  const regions = () => [...document.querySelectorAll("[data-live-poll][id]")];
  const inFlight = () => regions().some((region) => region.dataset.inFlight === "true");
  const refresh = async () => {
    try {
      const response = await fetch(location.href, { headers: { "Accept": "text/html" } });
      if (response.ok && !response.redirected) {
        const page = new DOMParser().parseFromString(await response.text(), "text/html");
        for (const region of regions()) {
          const next = page.getElementById(region.id);
          if (!next) continue;
          region.replaceChildren(...next.childNodes);
          region.dataset.inFlight = next.dataset.inFlight;
          localizeTimes(region);
        }
      }
    } catch {
      // The next round tries again.
    }
    if (inFlight()) setTimeout(refresh, 2000);
  };
  if (inFlight()) setTimeout(refresh, 2000);

  // Replay every dead delivery of a filter, a batch at a time, with the count so far.
  const replay = document.querySelector("form[data-replay-dead]");
  replay?.addEventListener("submit", async (event) => {
    event.preventDefault();
    const button = replay.querySelector("button");
    const progress = replay.querySelector("progress");
    const status = replay.querySelector("[data-replay-progress]");
    button.disabled = true;
    progress.hidden = false;
    let replayed = 0;
    let before = "";
    try {
      while (true) {
        const body = new URLSearchParams(new FormData(replay));
        if (before) body.set("before_id", before);
        const response = await fetch(replay.action, { method: "POST", body });
        const answer = await response.json().catch(() => ({ errcode: response.status, errmsg: "not a JSON answer" }));
        if (!response.ok || answer.errcode !== 0) {
          status.textContent = `errcode ${answer.errcode}: ${answer.errmsg} (after ${replayed} replayed)`;
          break;
        }
        replayed += answer.replayed;
        status.textContent = `Replayed ${replayed} dead deliveries${answer.done ? "." : " so far…"}`;
        if (answer.done) break;
        before = String(answer.next_before_id);
      }
    } finally {
      progress.hidden = true;
      button.disabled = false;
    }
  });
})();
