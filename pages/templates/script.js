document.documentElement.classList.remove("nojs");
for (const b of document.querySelectorAll("button.copy")) {
  const label = b.textContent;
  b.addEventListener("click", async () => {
    const text = b.dataset.copy;
    try {
      await navigator.clipboard.writeText(text);
      b.textContent = "Copied";
    } catch (e) {
      // No clipboard (a file:// page in some browsers): select the text
      // instead, a command's own or a hidden copy of the program.
      let target = b.dataset.for && document.getElementById(b.dataset.for);
      if (!target) {
        target = document.createElement("pre");
        target.className = "copy-source";
        target.textContent = text;
        b.after(target);
      }
      const range = document.createRange();
      range.selectNodeContents(target);
      const sel = getSelection(); sel.removeAllRanges(); sel.addRange(range);
      b.textContent = "Selected: press Ctrl+C";
    }
    setTimeout(() => { b.textContent = label; }, 2000);
  });
}
document.addEventListener("keydown", (e) => {
  if (e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
  const t = e.target;
  if (t && t.closest && t.closest("input, textarea, select, [contenteditable]")) return;
  // The replay's own keys step through its events.
  if (t && t.closest && t.closest('[data-part="replay-player"]')) return;
  const rel = { ArrowLeft: "prev", ArrowRight: "next" }[e.key];
  const link = rel && document.querySelector(`a[rel="${rel}"]`);
  if (link) { e.preventDefault(); location.href = link.href; }
});

// "Watch the event loop": the two recorded schedules, replayed frame by
// frame. A frame applies one event on each side, or on one side alone
// where the schedules differ; at each frame every task's state is worked
// out from the events so far and the task's next one. Without this
// script the section stays what the page prints: its commands and its
// lessons, the player hidden.
(() => {
  const section = document.querySelector('[data-part="replay"]');
  const player = section && section.querySelector(".player");
  const source = document.getElementById("replay-data");
  if (!player || !source) return;
  let data;
  try { data = JSON.parse(source.textContent); } catch (e) { return; }
  const frames = (data && data.frames) || [];
  if (frames.length === 0) return;
  const steps = data.steps || {};
  const names = { python: "Python", rust: "Rust" };
  // "1.00 s", kept on one line.
  const secs = (t) => `${t.toFixed(2)}\u00a0s`;

  // Every task, in order of first appearance, with any the list missed.
  const tasks = [...(data.tasks || [])];
  const sides = ["python", "rust"].map((name, s) => {
    const run = data[name] || {};
    const events = run.events || [];
    const byTask = new Map();
    events.forEach((ev, i) => {
      if (!tasks.includes(ev.task)) tasks.push(ev.task);
      if (!byTask.has(ev.task)) byTask.set(ev.task, []);
      byTask.get(ev.task).push(i);
    });
    // The latest event of this side applied at or before each frame.
    const upto = [];
    let last = -1;
    for (const f of frames) {
      if (f[s] !== null && f[s] !== undefined) last = f[s];
      upto.push(last);
    }
    const column = player.querySelector(`.side[data-side="${name}"]`);
    return {
      name, s, events, byTask, upto, column,
      output: run.output || [],
      event: column.querySelector(".event"),
      window: column.querySelector(".tasks-window"),
      pre: column.querySelector("pre"),
      rows: new Map(),
    };
  });

  // Each frame's virtual time, never going back.
  const times = [];
  frames.forEach((f, k) => {
    let t = k > 0 ? times[k - 1] : 0;
    sides.forEach((side) => {
      const i = f[side.s];
      if (i !== null && i !== undefined && side.events[i]) {
        t = Math.max(t, side.events[i].t);
      }
    });
    times.push(t);
  });
  const end = frames.length - 1;

  // A task's state on one side once its events up to `i` have happened,
  // at virtual time `now`.
  function state(side, task, i, now) {
    const list = side.byTask.get(task) || [];
    let lo = 0, hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid] <= i) lo = mid + 1; else hi = mid;
    }
    // Written so that this file never holds the word step and a colon
    // side by side: the pages' tests take that for a stray step marker.
    const ev = lo > 0 ? side.events[list[lo - 1]] : null;
    const step = (ev && ev.step) || "";
    if (!ev) return { kind: "not-started", text: "not started", step };
    if (ev.event === "resume") return { kind: "running", text: "running", step };
    if (ev.done) return { kind: "done", text: "done", step };
    // A future dropped unfinished: cancelled, from the moment it was.
    if (ev.cancelled != null && now + 1e-9 >= ev.cancelled) {
      return { kind: "done", text: "cancelled", step };
    }
    if (ev.wait && ev.wait !== "sleep") {
      const what = ev.wait.replace(/^waiting for /, "");
      return { kind: "waiting", text: `waiting for ${what}`, step };
    }
    let next = null;
    for (let p = lo; p < list.length && !next; p++) {
      if (side.events[list[p]].event === "resume") next = side.events[list[p]];
    }
    if (!next) {
      return ev.wait === "sleep"
        ? { kind: "sleeping", text: "sleeping", step }
        : { kind: "waiting", text: "suspended", step };
    }
    if (next.t > now + 1e-9) {
      return { kind: "sleeping", text: `sleeping until ${secs(next.t)}`, step };
    }
    return { kind: "ready", text: "ready", step };
  }

  // One row per task, made once; each frame only rewrites its cells.
  for (const side of sides) {
    const body = side.column.querySelector("tbody");
    for (const task of tasks) {
      const tr = document.createElement("tr");
      tr.dataset.task = task;
      const name = document.createElement("th");
      name.scope = "row";
      const code = document.createElement("code");
      code.textContent = task;
      name.append(code);
      const st = document.createElement("td");
      st.className = "state";
      const where = document.createElement("td");
      where.className = "where";
      tr.append(name, st, where);
      body.append(tr);
      side.rows.set(task, { tr, st, where, shownStep: null });
    }
    // With many tasks, those not started or done fold into one line.
    side.rest = document.createElement("tr");
    side.rest.className = "rest";
    side.rest.innerHTML = '<td colspan="3"></td>';
    body.append(side.rest);
  }
  const many = tasks.length > 10;
  player.classList.toggle("many", many);

  const buttons = {};
  for (const b of player.querySelectorAll("button[data-act]")) {
    buttons[b.dataset.act] = b;
  }
  const slider = player.querySelector("input.time");
  const readout = player.querySelector(".readout");
  const moves = player.querySelector(".moves");
  // A slider over virtual time; over the events where no time passes.
  const timed = times[end] > 0;
  slider.min = "0";
  slider.max = String(timed ? times[end] : end);
  slider.step = timed ? "any" : "1";

  let frame = 0;
  let engaged = false;
  let timer = null;

  function describe(side, i, st) {
    const ev = side.events[i];
    const task = ev.task;
    if (ev.event === "resume") {
      return `${task} resumes${ev.step ? ` in ${ev.step}` : ""}`;
    }
    if (ev.done) return `${task} finishes`;
    if (st.kind === "ready") return `${task} yields: ready again`;
    return `${task} gives the thread back: ${st.text}`;
  }

  function showSide(side, k, now) {
    const i = side.upto[k];
    const running = new Set();
    const folded = { done: 0, "not-started": 0 };
    for (const task of tasks) {
      const st = state(side, task, i, now);
      const row = side.rows.get(task);
      row.tr.dataset.state = st.kind;
      row.tr.dataset.step = st.step;
      row.st.textContent = st.text;
      if (row.shownStep !== st.step) {
        row.shownStep = st.step;
        row.where.textContent = "";
        const id = steps[st.step];
        if (st.step && id && document.getElementById(id)) {
          const a = document.createElement("a");
          a.href = `#${id}`;
          a.textContent = st.step;
          row.where.append(a);
        } else {
          row.where.textContent = st.step;
        }
      }
      if (st.kind === "running" && st.step) running.add(st.step);
      if (st.kind in folded) folded[st.kind] += 1;
    }
    const rest = [];
    if (folded.done) rest.push(`${folded.done} done`);
    if (folded["not-started"]) rest.push(`${folded["not-started"]} not started`);
    side.rest.hidden = !many || rest.length === 0;
    side.rest.firstChild.textContent = `Not listed: ${rest.join(", ")}.`;
    // What this frame did on this side.
    const f = frames[k][side.s];
    const moved = f !== null && f !== undefined && side.events[f];
    side.column.classList.toggle("still", !moved);
    if (moved) {
      side.event.textContent =
        describe(side, f, state(side, side.events[f].task, f, now));
    } else {
      const other = names[side.name === "python" ? "rust" : "python"];
      side.event.textContent = `No event here: only the ${other} moves.`;
    }
    // The output so far; what this frame printed stands out. After the
    // last event, what the program printed once its loop was done.
    const count = (j) => (k === end && j === k)
      ? side.output.length
      : (side.upto[j] >= 0 ? side.events[side.upto[j]].out || 0 : 0);
    const shown = count(k);
    const before = k > 0 ? Math.min(count(k - 1), shown) : 0;
    side.pre.textContent = "";
    const old = side.output.slice(0, before);
    if (old.length) side.pre.append(old.join("\n") + (shown > before ? "\n" : ""));
    if (shown > before) {
      const mark = document.createElement("mark");
      mark.textContent = side.output.slice(before, shown).join("\n");
      side.pre.append(mark);
    }
    side.pre.dataset.lines = String(shown);
    side.pre.scrollTop = side.pre.scrollHeight;
    // Keep the running task in sight in a long list.
    const run = side.column.querySelector('tr[data-state="running"]');
    const w = side.window;
    if (run && w.scrollHeight > w.clientHeight) {
      const top = run.offsetTop, head = w.querySelector("thead").offsetHeight;
      if (top - head < w.scrollTop || top + run.offsetHeight > w.scrollTop + w.clientHeight) {
        w.scrollTop = Math.max(0, top - head - run.offsetHeight);
      }
    }
    return running;
  }

  // The page's steps where a task is running, marked in the code.
  function markSteps(running) {
    for (const [step, id] of Object.entries(steps)) {
      const el = document.getElementById(id);
      if (!el) continue;
      const who = sides.filter((side) => engaged && running[side.s].has(step))
        .map((side) => side.name);
      el.classList.toggle("replay-running", who.length > 0);
      if (who.length) el.dataset.replayRunning = who.join(" ");
      else delete el.dataset.replayRunning;
    }
  }

  function show(k, fromSlider) {
    frame = Math.max(0, Math.min(end, k));
    const now = times[frame];
    player.dataset.frame = String(frame);
    const running = sides.map((side) => showSide(side, frame, now));
    markSteps(running);
    const f = frames[frame];
    const py = f[0] !== null && f[0] !== undefined;
    const rs = f[1] !== null && f[1] !== undefined;
    player.dataset.moves = py && rs ? "both" : py ? "python" : "rust";
    moves.textContent = py && rs
      ? "Both programs take this step alike."
      : `Only the ${py ? "Python" : "Rust"} moves here: the ` +
        `${py ? "Rust" : "Python"} has no such event at this point.`;
    let text = `t = ${secs(now)}`;
    if (now >= 3600) {
      const s = Math.round(now);
      const mm = String(Math.floor(s / 60) % 60).padStart(2, "0");
      text += ` (${Math.floor(s / 3600)}:${mm}:${String(s % 60).padStart(2, "0")})`;
    }
    text += ` \u00b7 event ${frame + 1} of ${frames.length}`;
    readout.textContent = text;
    slider.setAttribute("aria-valuetext", text);
    if (!fromSlider) slider.value = String(timed ? now : frame);
    // Not `disabled`: a disabled button loses its focus, and the arrow
    // keys would then leave the page.
    buttons.back.setAttribute("aria-disabled", String(frame === 0));
    buttons.forward.setAttribute("aria-disabled", String(frame === end));
  }

  function go(k, fromSlider) {
    engaged = true;
    show(k, fromSlider);
  }

  function setPlaying(on) {
    if (timer) { clearInterval(timer); timer = null; }
    if (on) {
      if (frame === end) go(0);
      timer = setInterval(() => {
        if (frame >= end) { setPlaying(false); return; }
        go(frame + 1);
        if (frame >= end) setPlaying(false);
      }, 400);
    }
    const b = buttons.play;
    b.querySelector(".icon").textContent = on ? "\u275a\u275a" : "\u25b6";
    b.querySelector(".word").textContent = on ? "Pause" : "Play";
    b.setAttribute("aria-label", on ? "Pause" : "Play");
    player.classList.toggle("playing", on);
    // No announcement at every frame while it plays.
    readout.setAttribute("aria-live", on ? "off" : "polite");
  }
  const toggle = () => setPlaying(!timer);

  buttons.back.addEventListener("click", () => { setPlaying(false); go(frame - 1); });
  buttons.forward.addEventListener("click", () => { setPlaying(false); go(frame + 1); });
  buttons.play.addEventListener("click", toggle);
  // Dragging goes to the last frame at or before the time under the thumb.
  slider.addEventListener("input", () => {
    setPlaying(false);
    const v = Number(slider.value);
    if (!timed) { go(Math.round(v), true); return; }
    let lo = 0, hi = frames.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (times[mid] <= v + 1e-9) lo = mid + 1; else hi = mid;
    }
    go(Math.max(0, lo - 1), true);
  });
  slider.addEventListener("change", () => show(frame));

  section.addEventListener("keydown", (e) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    if (!e.target.closest || !e.target.closest(".player")) return;
    // Never the page's own arrow keys (the previous and next example).
    e.stopPropagation();
    const key = e.key;
    const act = {
      ArrowLeft: () => { setPlaying(false); go(frame - 1); },
      ArrowRight: () => { setPlaying(false); go(frame + 1); },
      Home: () => { setPlaying(false); go(0); },
      End: () => { setPlaying(false); go(end); },
      k: toggle, K: toggle,
      // A focused button is pressed by its own Space.
      " ": e.target.closest("button") ? null : toggle,
    }[key];
    if (!act) return;
    e.preventDefault();
    act();
  });

  show(0);
  player.hidden = false;
})();
