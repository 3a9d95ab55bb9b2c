// The lab page's only script: live views by Server-Sent Events. It builds rows with textContent,
// never innerHTML, so nothing from a message can become markup.
"use strict";

function folderQuery(folder) {
  return folder === "INBOX" ? "" : "?folder=" + encodeURIComponent(folder);
}

function messageRow(domain, user, folder, m) {
  const tr = document.createElement("tr");
  const from = document.createElement("td");
  from.textContent = m.from;
  const subject = document.createElement("td");
  const a = document.createElement("a");
  a.href = "/message/" + encodeURIComponent(domain) + "/" + encodeURIComponent(user) + "/" + m.uid + folderQuery(folder);
  a.textContent = m.subject || "(no subject)";
  subject.appendChild(a);
  const date = document.createElement("td");
  date.textContent = m.date;
  const size = document.createElement("td");
  size.textContent = String(m.size);
  tr.append(from, subject, date, size);
  return tr;
}

function liveMailbox(table) {
  const domain = table.dataset.domain;
  const user = table.dataset.user;
  const folder = table.dataset.folder;
  const path = encodeURIComponent(domain) + "/" + encodeURIComponent(user) + folderQuery(folder);
  const body = table.tBodies[0];
  let known = null;
  const events = new EventSource("/api/events/mailbox/" + path);
  events.addEventListener("mailbox", async () => {
    const answer = await fetch("/api/mailbox/" + path, { credentials: "same-origin" });
    if (!answer.ok) return;
    const messages = await answer.json();
    const rows = messages.map((m) => {
      const tr = messageRow(domain, user, folder, m);
      if (known !== null && !known.has(m.uid)) tr.className = "new";
      return tr;
    });
    body.replaceChildren(...rows);
    known = new Set(messages.map((m) => m.uid));
    table.dataset.count = String(messages.length);
  });
}

function liveLog(pre) {
  const events = new EventSource(pre.dataset.live);
  events.addEventListener("line", (e) => {
    pre.append(document.createTextNode(e.data + "\n"));
  });
}

document.addEventListener("DOMContentLoaded", () => {
  const table = document.getElementById("messages");
  if (table) liveMailbox(table);
  const log = document.getElementById("maillog");
  if (log) liveLog(log);
});
