/*
 * Alliance chat widget: plain JavaScript, no build step.
 *
 * Why it is written the way it is:
 * - Bot and user text go into the page with textContent only, never as markup,
 *   so nothing anyone types (or the bot echoes) can run as code.
 * - The Rasa conversation id lives in localStorage and the server keeps the
 *   conversation (session_persistence), so a reload picks up where it was;
 *   what this tab has shown is kept in sessionStorage and drawn again.
 * - Every message carries the browser's language ("en-AU") as metadata so the
 *   assistant can offer the crisis lines of the person's country.
 * - The server issues the session token (a page cannot pick a conversation);
 *   "What's stored" asks the server for everything kept about this browser's
 *   conversation and shows it here, as text.
 * - Quick exit wipes the chat from the page and from storage, then replaces
 *   this page in the history with a neutral site.
 */
(function () {
  "use strict";

  var SESSION_KEY = "alliance.session";        // localStorage
  var TRANSCRIPT_KEY = "alliance.transcript";  // sessionStorage
  var MAX_KEPT = 200;
  var EXIT_URL = "https://www.bbc.co.uk/weather";
  var ACK_TIMEOUT_MS = 60000;  // the server acknowledges once Rasa has handled the message

  var list = document.getElementById("messages");
  var form = document.getElementById("composer");
  var input = document.getElementById("message");
  var statusLine = document.getElementById("status");
  var exitButton = document.getElementById("quick-exit");
  var storedButton = document.getElementById("show-stored");
  var storedPanel = document.getElementById("stored");

  var socket = null;
  var sessionId = null;
  var ready = false;
  var transcript = [];

  /* Storage can be switched off (private modes); the chat then still works. */
  function store(kind) {
    try { return window[kind] || null; } catch (e) { return null; }
  }

  function read(kind, key) {
    var s = store(kind);
    try { return s ? s.getItem(key) : null; } catch (e) { return null; }
  }

  function write(kind, key, value) {
    var s = store(kind);
    try { if (s) { s.setItem(key, value); } } catch (e) { /* full or blocked */ }
  }

  function loadTranscript() {
    try {
      var kept = JSON.parse(read("sessionStorage", TRANSCRIPT_KEY) || "[]");
      return Array.isArray(kept) ? kept : [];
    } catch (e) {
      return [];
    }
  }

  function setStatus(text) {
    if (statusLine.textContent !== text) { statusLine.textContent = text; }
  }

  function renderChoices(buttons) {
    var group = document.createElement("div");
    group.className = "choices";
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", "Suggested replies");
    buttons.forEach(function (choice) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "choice";
      button.textContent = choice.title;
      button.addEventListener("click", function () {
        if (send(choice.payload, choice.title)) { input.focus(); }
      });
      group.appendChild(button);
    });
    return group;
  }

  function render(entry) {
    var mine = entry.from === "user";
    if (mine) {
      /* Old suggestions would answer questions no longer asked. */
      list.querySelectorAll(".choice").forEach(function (b) { b.disabled = true; });
    }
    var item = document.createElement("li");
    item.className = "message " + (mine ? "message--user" : "message--bot");
    var who = document.createElement("span");
    who.className = "visually-hidden";
    who.textContent = mine ? "You said: " : "Alliance said: ";
    var text = document.createElement("p");
    text.className = "message__text";
    text.textContent = String(entry.text || "");
    item.appendChild(who);
    item.appendChild(text);
    if (Array.isArray(entry.chart) && entry.chart.length) {
      var figure = document.createElement("div");
      figure.className = "message__chart";
      drawCheckIns(figure, entry.chart, false);  // cut by lastCheckIns when the message came in
      item.appendChild(figure);
    }
    if (Array.isArray(entry.buttons) && entry.buttons.length) {
      item.appendChild(renderChoices(entry.buttons));
    }
    list.appendChild(item);
    list.scrollTop = list.scrollHeight;
  }

  function add(entry) {
    transcript.push(entry);
    transcript = transcript.slice(-MAX_KEPT);
    write("sessionStorage", TRANSCRIPT_KEY, JSON.stringify(transcript));
    render(entry);
  }

  /* Sends `message` to Rasa and shows `shown` (a button's title) as what was said. */
  function send(message, shown) {
    if (!message || !message.trim()) { return false; }
    if (!ready) {
      setStatus("Not connected yet, so that was not sent. Trying again…");
      return false;
    }
    add({ from: "user", text: shown || message });
    /* A message lost with a dying connection must not pass in silence. */
    socket.timeout(ACK_TIMEOUT_MS).emit("user_uttered", {
      message: message,
      session_id: sessionId,
      metadata: { locale: navigator.language || "" }
    }, function (error) {
      if (error) {
        setStatus("Your last message may not have reached the assistant. Please send it again.");
      } else if (ready) {
        setStatus("Connected.");
      }
    });
    return true;
  }

  /* After "delete my data" the server has forgotten the conversation; this
     window forgets its copy too, keeping only the confirmation on screen. */
  function forgetTranscript() {
    var confirmation = transcript.length ? transcript[transcript.length - 1] : null;
    transcript = [];
    list.textContent = "";
    try { var s = store("sessionStorage"); if (s) { s.removeItem(TRANSCRIPT_KEY); } } catch (e) { /* blocked */ }
    if (confirmation && confirmation.from === "bot") { add({ from: "bot", text: confirmation.text, buttons: [] }); }
  }

  function onBotMessage(data) {
    if (!data || typeof data !== "object") { return; }
    if (data.alliance === "erased") { forgetTranscript(); return; }
    if (data.alliance === "session_note" && typeof data.text === "string") { addNote(data.text); return; }
    if (data.alliance === "check_in_trend" && typeof data.text === "string") {
      add({ from: "bot", text: data.text, buttons: [], chart: lastCheckIns(data.check_ins) });
      return;
    }
    var text = typeof data.text === "string" ? data.text : "";
    var buttons = (Array.isArray(data.quick_replies) ? data.quick_replies : [])
      .filter(function (b) { return b && typeof b.title === "string"; })
      .map(function (b) {
        return { title: b.title, payload: typeof b.payload === "string" ? b.payload : b.title };
      });
    if (text || buttons.length) { add({ from: "bot", text: text, buttons: buttons }); }
  }

  /* "Prepare for my next session": the note as a message with a button that prints it alone
     (widget.css hides everything else when the page has the printing class). */
  function addNote(text) {
    add({ from: "bot", text: text, buttons: [] });
    var messages = document.querySelectorAll(".message--bot");
    var note = messages[messages.length - 1];
    if (!note) { return; }
    note.classList.add("message--note");
    var print = document.createElement("button");
    print.type = "button";
    print.className = "note__print";
    print.textContent = "Print this note";
    print.addEventListener("click", function () {
      document.querySelectorAll(".message--printing").forEach(function (n) { n.classList.remove("message--printing"); });
      note.classList.add("message--printing");
      document.body.classList.add("printing-note");
      window.print();
    });
    note.appendChild(print);
  }
  window.addEventListener("afterprint", function () { document.body.classList.remove("printing-note"); });

  var PARTS = [["bond", "Feeling understood"], ["goals", "Agreeing on goals"],
               ["method", "How you work together"]];
  var SVG_NS = "http://www.w3.org/2000/svg";
  var CHART = { width: 300, height: 120, pad: 20, shown: 10 };

  function svg(name, attributes) {
    var node = document.createElementNS(SVG_NS, name);
    Object.keys(attributes).forEach(function (key) { node.setAttribute(key, attributes[key]); });
    return node;
  }

  /* Where a score (1-5) of the i-th check-in is drawn. */
  function point(i, count, score) {
    var step = count > 1 ? (CHART.width - 2 * CHART.pad) / (count - 1) : 0;
    var s = Math.min(5, Math.max(1, Number(score) || 1));
    return [CHART.pad + i * step, CHART.height - CHART.pad - (s - 1) * (CHART.height - 2 * CHART.pad) / 4];
  }

  function lastCheckIns(checkIns) {
    return (Array.isArray(checkIns) ? checkIns : [])
      .filter(function (c) { return c && typeof c === "object"; }).slice(-CHART.shown);
  }

  /* In "What's stored": a title, then the chart. */
  function showCheckIns(checkIns) {
    var box = document.getElementById("stored-check-ins");
    box.textContent = "";
    var shown = lastCheckIns(checkIns);
    if (!shown.length) { return; }
    var title = document.createElement("h3");
    title.className = "stored__subtitle";
    title.textContent = "Check-ins after sessions (1 to 5, oldest first)";
    box.appendChild(title);
    drawCheckIns(box, shown, true);
  }

  /* Check-ins (already cut by lastCheckIns) into `box`: three lines for the eye and, `withTable`,
     the same numbers as a table for a screen reader (in the chat the message's own text says them). */
  function drawCheckIns(box, shown, withTable) {
    if (!shown.length) { return; }
    var chart = svg("svg", { viewBox: "0 0 " + CHART.width + " " + CHART.height, "class": "trend",
                             "aria-hidden": "true", focusable: "false" });
    [1, 2, 3, 4, 5].forEach(function (score) {
      var y = point(0, 1, score)[1];
      chart.appendChild(svg("line", { x1: CHART.pad, x2: CHART.width - CHART.pad, y1: y, y2: y, "class": "trend__grid" }));
      var label = svg("text", { x: 4, y: y + 4, "class": "trend__label" });
      label.textContent = String(score);
      chart.appendChild(label);
    });
    PARTS.forEach(function (part) {
      var points = shown.map(function (c, i) { return point(i, shown.length, c[part[0]]); });
      chart.appendChild(svg("polyline", { points: points.map(function (p) { return p[0] + "," + p[1]; }).join(" "),
                                          "class": "trend__line trend__line--" + part[0], "data-part": part[0] }));
      points.forEach(function (p) {
        chart.appendChild(svg("circle", { cx: p[0], cy: p[1], r: 3, "class": "trend__dot trend__dot--" + part[0] }));
      });
    });
    box.appendChild(chart);
    var legend = document.createElement("ul");
    legend.className = "trend__legend";
    legend.setAttribute("aria-hidden", "true");
    PARTS.forEach(function (part) {
      var item = document.createElement("li");
      item.className = "trend__key trend__key--" + part[0];
      item.textContent = part[1];
      legend.appendChild(item);
    });
    box.appendChild(legend);
    if (!withTable) { return; }
    var table = document.createElement("table");
    table.className = "visually-hidden";
    var caption = document.createElement("caption");
    caption.textContent = "Your check-in scores from 1 to 5, oldest first";
    table.appendChild(caption);
    var head = document.createElement("tr");
    ["Date"].concat(PARTS.map(function (p) { return p[1]; })).forEach(function (name) {
      var th = document.createElement("th");
      th.setAttribute("scope", "col");
      th.textContent = name;
      head.appendChild(th);
    });
    table.appendChild(head);
    shown.forEach(function (c) {
      var row = document.createElement("tr");
      [String(c.checked_in_at || "").slice(0, 10)].concat(PARTS.map(function (p) { return String(c[p[0]]); }))
        .forEach(function (value) {
          var td = document.createElement("td");
          td.textContent = value;
          row.appendChild(td);
        });
      table.appendChild(row);
    });
    box.appendChild(table);
  }

  /* Kept decision-aid summaries, newest first, as the person read them (line breaks kept). */
  function showDecisions(decisions) {
    var box = document.getElementById("stored-decisions");
    box.textContent = "";
    decisions.slice().reverse().forEach(function (d) {
      var article = document.createElement("article");
      var title = document.createElement("h3");
      title.textContent = "Is it me or my therapist? (" + String(d.saved_at || "").slice(0, 10) + ")";
      var text = document.createElement("p");
      text.className = "stored__decision-text";
      text.textContent = typeof d.text === "string" ? d.text : "";
      article.appendChild(title);
      article.appendChild(text);
      box.appendChild(article);
    });
  }

  /* The export the server sent, as plain text: counts, saved scripts, then the raw data. */
  function showStored(data) {
    if (!data || typeof data !== "object") { return; }
    var messages = Array.isArray(data.conversation) ? data.conversation.length : 0;
    var scripts = Array.isArray(data.saved_scripts) ? data.saved_scripts : [];
    var prefs = data.preferences && typeof data.preferences === "object" ? data.preferences : null;
    var checkIns = Array.isArray(data.alliance_check_ins) ? data.alliance_check_ins.length : 0;
    var decisions = Array.isArray(data.decision_summaries) ? data.decision_summaries : [];
    document.getElementById("stored-summary").textContent =
      messages + " message" + (messages === 1 ? "" : "s") + " in this conversation, " +
      scripts.length + " saved script" + (scripts.length === 1 ? "" : "s") + ", " +
      checkIns + " check-in" + (checkIns === 1 ? "" : "s") + ", " +
      decisions.length + " \u201cis it me or my therapist?\u201d summar" + (decisions.length === 1 ? "y" : "ies") + ", " +
      (prefs && prefs.consent_given_at ? "consent to keep things given " + prefs.consent_given_at + "."
                                        : "no consent to keep anything beyond the conversation.");
    var list = document.getElementById("stored-scripts");
    list.textContent = "";
    scripts.forEach(function (script) {
      var item = document.createElement("li");
      item.textContent = typeof script.text === "string" ? script.text : "";
      list.appendChild(item);
    });
    showCheckIns(data.alliance_check_ins);
    showDecisions(decisions);
    document.getElementById("stored-raw").textContent = JSON.stringify(data, null, 2);
  }

  function toggleStored() {
    var opening = storedPanel.hidden;
    storedPanel.hidden = !opening;
    storedButton.setAttribute("aria-expanded", opening ? "true" : "false");
    if (opening) {
      document.getElementById("stored-summary").textContent = "Loading…";
      if (socket && ready) { socket.emit("stored_data_request"); }
      else { document.getElementById("stored-summary").textContent = "Not connected yet. Try again in a moment."; }
    }
  }

  function connect() {
    if (typeof window.io !== "function") {
      setStatus("The chat could not load. Please reload the page.");
      return;
    }
    socket = window.io({ path: "/socket.io" });
    socket.on("connect", function () {
      setStatus("Connecting…");
      socket.emit("session_request", { session_id: read("localStorage", SESSION_KEY) });
    });
    socket.on("session_confirm", function (id) {
      sessionId = typeof id === "string" ? id : (id && id.session_id) || null;
      if (!sessionId) { return; }
      write("localStorage", SESSION_KEY, sessionId);
      ready = true;
      setStatus("Connected.");
    });
    socket.on("bot_uttered", onBotMessage);
    socket.on("stored_data", showStored);
    socket.on("disconnect", function () {
      ready = false;
      setStatus("Connection lost. Trying again…");
    });
    socket.on("connect_error", function () {
      ready = false;
      setStatus("Cannot reach the assistant. Trying again…");
    });
  }

  function quickExit() {
    ready = false;
    try { if (socket) { socket.disconnect(); } } catch (e) { /* leaving anyway */ }
    list.textContent = "";
    input.value = "";
    transcript = [];
    ["localStorage", "sessionStorage"].forEach(function (kind) {
      var s = store(kind);
      try { if (s) { s.removeItem(SESSION_KEY); s.removeItem(TRANSCRIPT_KEY); } } catch (e) { /* blocked */ }
    });
    window.location.replace(EXIT_URL);
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (send(input.value)) { input.value = ""; }
    input.focus();
  });
  exitButton.addEventListener("click", quickExit);
  storedButton.addEventListener("click", toggleStored);

  loadTranscript().forEach(function (entry) {
    if (entry && typeof entry === "object") { transcript.push(entry); render(entry); }
  });
  connect();
}());
