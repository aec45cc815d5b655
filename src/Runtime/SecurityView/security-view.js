// The security view: fetches {base}/data and draws it. Every value from the server is written with textContent or
// as an SVG attribute, never as HTML: callers, endpoints and details come from requests an attacker made.
"use strict";
(function () {
  const SVG = "http://www.w3.org/2000/svg";
  const base = document.body.dataset.base;
  const classes = [
    ["success", "2xx/3xx"], ["clientError", "4xx"], ["denied", "401/403"], ["rateLimited", "429"], ["serverError", "5xx"],
  ];

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function svg(tag, attributes) {
    const node = document.createElementNS(SVG, tag);
    for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
    return node;
  }

  function time(value) {
    return new Date(value).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit" });
  }

  function fill(id, content) {
    const host = document.getElementById(id);
    host.replaceChildren(content);
  }

  function notAvailable(what) {
    return el("p", "unavailable", what + " not available on this service.");
  }

  function table(headings, rows, rowClass) {
    if (rows.length === 0) return el("p", "empty", "None.");
    const result = el("table");
    const head = el("tr");
    for (const heading of headings) head.append(el("th", null, heading));
    result.append(head);
    for (const cells of rows) {
      const row = el("tr", rowClass);
      for (const cell of cells) row.append(cell instanceof Node ? cell : el("td", null, cell));
      result.append(row);
    }
    return result;
  }

  function chart(minutes) {
    const width = 960, height = 220, left = 40, bottom = 20, top = 10;
    const totals = minutes.map(m => classes.reduce((sum, [key]) => sum + m[key], 0));
    const max = Math.max(1, ...totals);
    const root = svg("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": "Requests per minute by outcome" });
    const plot = height - bottom - top;
    const step = (width - left) / minutes.length;
    root.append(svg("line", { x1: left, y1: top + plot, x2: width, y2: top + plot, class: "axis" }));
    root.append(svg("line", { x1: left, y1: top, x2: left, y2: top + plot, class: "axis" }));
    const maxLabel = svg("text", { x: left - 6, y: top + 10, "text-anchor": "end", class: "tick" });
    maxLabel.textContent = String(max);
    root.append(maxLabel);
    const zero = svg("text", { x: left - 6, y: top + plot, "text-anchor": "end", class: "tick" });
    zero.textContent = "0";
    root.append(zero);
    minutes.forEach((minute, i) => {
      let y = top + plot;
      for (const [key] of classes) {
        const count = minute[key];
        if (count === 0) continue;
        const h = (count / max) * plot;
        y -= h;
        const bar = svg("rect", { x: left + i * step + 1, y: y, width: Math.max(1, step - 2), height: h, class: "bar-" + key });
        const title = svg("title", {});
        title.textContent = `${time(minute.minute)} ${key}: ${count}`;
        bar.append(title);
        root.append(bar);
      }
    });
    for (const [x, anchor, label] of [[left, "start", "-60 min"], [left + 30 * step, "middle", "-30 min"], [width, "end", "now"]]) {
      const tick = svg("text", { x: x, y: height - 4, "text-anchor": anchor, class: "tick" });
      tick.textContent = label;
      root.append(tick);
    }
    return root;
  }

  function legend(minutes) {
    const list = document.getElementById("legend");
    list.replaceChildren();
    for (const [key, label] of classes) {
      const total = minutes.reduce((sum, m) => sum + m[key], 0);
      const item = el("li");
      item.append(el("span", "swatch swatch-" + key), document.createTextNode(`${label}: ${total}`));
      list.append(item);
    }
  }

  function tallies(items) {
    const max = Math.max(1, ...items.map(t => t.count));
    return table(["Name", "Denied", ""], items.map(t => {
      const bar = el("td", "meter-cell");
      bar.append(el("div", "meter w-" + Math.round((t.count / max) * 10) * 10));
      return [t.name, el("td", "num", t.count), bar];
    }));
  }

  function events(items) {
    return table(["Time", "Event", "Endpoint", "Caller", "Address", "Detail"], items.map(e => [
      time(e.time), el("td", "kind", `${e.id} ${e.name}`), e.endpoint, `${e.caller} (${e.clientKind})`, e.clientIp, e.detail ?? "",
    ]));
  }

  function alerts(items) {
    return table(["Time", "Alert", "Caller", "Address", "Endpoint"], items.map(e => [
      time(e.time), e.detail ?? e.name, e.caller, e.clientIp, e.endpoint,
    ]), "alert-row");
  }

  function render(data) {
    fill("chart", chart(data.minutes));
    legend(data.minutes);
    fill("alerts", alerts(data.recentAlerts));
    fill("callers", tallies(data.topDeniedCallers));
    fill("addresses", tallies(data.topDeniedAddresses));
    fill("events", events(data.recentEvents));
    fill("blocks", data.blocks === null ? notAvailable("Blocks are")
      : table(["Blocked", "Reason", "Since", "Until"], data.blocks.map(b => [b.target, b.reason, b.since ? time(b.since) : "-", b.until ? time(b.until) : "until lifted"])));
    const chain = document.getElementById("chain");
    if (data.audit === null) {
      chain.className = "badge";
      chain.textContent = "";
      fill("audit", notAvailable("The audit trail is"));
    } else {
      const a = data.audit;
      chain.className = "badge " + (a.valid ? "badge-good" : "badge-bad");
      chain.textContent = a.valid ? `chain intact · ${a.records} records` : `chain broken at record ${a.firstBroken} · ${a.records} records`;
      fill("audit", table(["#", "Time", "Who", "Operation", "Resource", "Outcome"],
        a.recent.map(r => [el("td", "num", r.sequence), time(r.time), r.subject, r.operation, r.resource, r.outcome])));
    }
    document.getElementById("status").textContent = "Updated " + time(data.now);
  }

  async function refresh() {
    try {
      const response = await fetch(base + "/data", { credentials: "same-origin", headers: { Accept: "application/json" } });
      if (!response.ok) throw new Error("HTTP " + response.status);
      render(await response.json());
    } catch (error) {
      document.getElementById("status").textContent = "Could not load: " + error.message;
    }
  }

  refresh();
  setInterval(refresh, 10000);
})();
