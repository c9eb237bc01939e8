/* Quiz engine for the `quiz` fence (see quizfence/render.py for the markup).
   Without this script every quiz still reads fine, with its answer in a <details>. */
(function () {
  "use strict";
  if (window.quizfence) return; // evaluated twice (instant navigation)? bind once
  window.quizfence = true;

  var KEY = "quizfence", VERSION = 2;
  var pristine = new WeakMap(); // quiz root -> its markup before any answer (for reset)

  // --- storage: {v: 2, q: {id: record}}; a record is
  //   s: "open"|"correct"|"failed", n: attempts used in this round, a: the last answer,
  //   b: Leitner box (0 never graded, 1 missed, 2-5 right and resting), m: time of the last
  //   miss, t: time of the last answer (ms since 1970).
  function load() {
    try {
      var d = JSON.parse(localStorage.getItem(KEY));
      if (d && d.q && typeof d.q === "object" && !Array.isArray(d.q)) {
        if (d.v === VERSION) return d;
        if (d.v === 1) return migrate(d);
      }
    } catch (e) { /* corrupt JSON or no storage: start afresh */ }
    return { v: VERSION, q: {} };
  }
  // Version 1 had no schedule: a question with wrong attempts counts as missed long ago,
  // a solved one as solved now.
  function migrate(d) {
    var now = Date.now();
    Object.keys(d.q).forEach(function (id) {
      var r = d.q[id];
      if (!r || typeof r !== "object") return;
      r.b = r.s === "correct" ? 2 : (parseInt(r.n, 10) > 0 ? 1 : 0);
      r.m = 0;
      r.t = r.s === "correct" ? now : 0;
    });
    d.v = VERSION;
    save(d);
    return d;
  }
  function count(x, max) { x = parseInt(x, 10); return x >= 0 ? Math.min(x, max) : 0; }
  function save(d) {
    try { localStorage.setItem(KEY, JSON.stringify(d)); } catch (e) { /* private mode, full */ }
  }
  function get(id) {
    var r = load().q[id];
    if (!r || typeof r !== "object" || ["open", "correct", "failed"].indexOf(r.s) < 0) return null;
    return {
      s: r.s, n: count(r.n, 1e6), a: Array.isArray(r.a) ? r.a.map(String) : null,
      b: count(r.b, 5), m: count(r.m, 1e15), t: count(r.t, 1e15)
    };
  }
  function put(id, rec) {
    var d = load();
    if (rec) d.q[id] = rec; else delete d.q[id];
    save(d);
  }

  function $$(root, sel) { return Array.prototype.slice.call(root.querySelectorAll(sel)); }
  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }

  function fields(root) { return $$(root, ".quiz-form input, .quiz-form select"); }
  function items(root) { return $$(root, ".quiz-order > li"); }

  // --- one entry per question type: the types of quizfence/schema.py (QUIZ_TYPES), rendered by
  // quizfence/render.py (RENDERERS). The markup contract between the two:
  //   .quiz[data-quiz-id][data-type][data-attempts]  one question; data-done is set here when it ends
  //   [data-key]    the keyed answer: option values "0 2" (choices), "true"/"false", or a JSON list (text)
  //   [data-case]   "true" when a text answer is case-sensitive
  //   select.quiz-blank[data-blank=n][data-answer=i]  blank n; i is the value of its right option
  //   .quiz-order > li[data-pos=i]   an item whose right position is i; [data-move=-1|1] moves it
  //   .quiz-fb[data-fb=k]   hidden feedback, shown when grade() returns k in fb
  //   .quiz-js      hidden until this script runs; .quiz-answer: the solution <details>
  // Each type: collect(root) -> answer (a list of strings, kept in localStorage);
  // restore(root, answer) puts it back; grade(root, answer) -> {ok, fb, note} or {empty: why}.
  var choice = {
    collect: function (root) {
      return fields(root).filter(function (f) { return f.checked; }).map(function (f) { return f.value; });
    },
    restore: function (root, a) {
      fields(root).forEach(function (f) { f.checked = a.indexOf(f.value) >= 0; });
    },
    grade: function (root, a) {
      if (!a.length) return { empty: "Choose an answer first." };
      return { ok: a.slice().sort().join(" ") === root.dataset.key.split(" ").sort().join(" "), fb: a };
    }
  };
  var TYPES = {
    single: choice,
    multiple: choice,
    truefalse: choice,
    output: choice,
    order: {
      collect: function (root) { return items(root).map(function (li) { return li.dataset.pos; }); },
      restore: function (root, a) {
        var list = items(root), ol = root.querySelector(".quiz-order");
        if (a.length !== list.length) return;
        a.forEach(function (pos) {
          var li = list.filter(function (x) { return x.dataset.pos === pos; })[0];
          if (li) ol.appendChild(li);
        });
      },
      grade: function (root, a) {
        var right = a.filter(function (pos, i) { return +pos === i; }).length;
        return { ok: right === a.length, fb: [], note: right + " of " + a.length + " in the right place." };
      }
    },
    blanks: {
      collect: function (root) { return fields(root).map(function (f) { return f.value; }); },
      restore: function (root, a) {
        fields(root).forEach(function (f, i) {
          if (a[i] !== undefined && f.querySelector('option[value="' + CSS.escape(a[i]) + '"]')) f.value = a[i];
        });
      },
      grade: function (root, a) {
        if (a.indexOf("") >= 0) return { empty: "Choose an option for every blank." };
        var sel = fields(root), wrong = [];
        sel.forEach(function (s) { if (s.value !== s.dataset.answer) wrong.push(s.dataset.blank + ":" + s.value); });
        return { ok: !wrong.length, fb: wrong, note: (sel.length - wrong.length) + " of " + sel.length + " blanks right." };
      }
    },
    text: {
      collect: function (root) { return fields(root).map(function (f) { return f.value; }); },
      restore: function (root, a) { if (a[0] !== undefined) fields(root)[0].value = a[0]; },
      grade: function (root, a) {
        var given = (a[0] || "").trim(), exact = root.dataset.case === "true", accept = [];
        if (!given) return { empty: "Type an answer first." };
        try { accept = JSON.parse(root.dataset.key); } catch (e) { /* unreachable: the build wrote it */ }
        var norm = function (s) { return exact ? s : s.toLowerCase(); };
        return { ok: accept.some(function (x) { return norm(x) === norm(given); }), fb: [] };
      }
    }
  };
  function kind(root) { return TYPES[root.dataset.type]; }

  // --- showing state
  function say(root, cls, text, fb) {
    var box = root.querySelector(".quiz-status");
    box.className = "quiz-status" + (cls ? " quiz-status--" + cls : "");
    box.textContent = "";
    var p = document.createElement("p");
    p.textContent = text;
    box.appendChild(p);
    (fb || []).forEach(function (k) {
      $$(root, ".quiz-fb").forEach(function (el) {
        if (el.dataset.fb !== k) return;
        var copy = el.cloneNode(true); // server-rendered, already escaped
        copy.hidden = false;
        box.appendChild(copy);
      });
    });
  }

  function attemptsLeft(root, used) {
    var left = Math.max(0, +root.dataset.attempts - used);
    root.querySelector(".quiz-attempts").textContent = plural(left, "attempt") + " left";
    return left;
  }

  function finish(root, ok, focus) {
    root.dataset.done = ok ? "correct" : "failed";
    fields(root).concat($$(root, ".quiz-form button")).forEach(function (f) { f.disabled = true; });
    root.querySelector(".quiz-attempts").textContent = ok ? "Solved." : "No attempts left.";
    var key = (root.dataset.key || "").split(" ");
    if (root.dataset.type !== "text") $$(root, ".quiz-option input").forEach(function (f) {
      if (key.indexOf(f.value) >= 0) f.parentNode.classList.add("quiz-option--correct");
    });
    var answer = root.querySelector(".quiz-answer");
    answer.hidden = false;
    answer.open = true;
    var summary = answer.querySelector("summary");
    summary.textContent = "Answer and explanation";
    if (focus) summary.focus(); // the Check button just got disabled; don't drop focus to <body>
  }

  function setup(root) {
    $$(root, ".quiz-js").forEach(function (el) { el.hidden = false; });
    root.querySelector(".quiz-answer").hidden = true; // revealed by a right answer or no attempts left
    var rec = root.dataset.round === "new" ? null : get(root.dataset.quizId);
    var left = attemptsLeft(root, rec ? rec.n : 0);
    if (!rec) return;
    if (rec.a) kind(root).restore(root, rec.a);
    if (rec.s === "correct") { say(root, "ok", "Correct (answered earlier)."); finish(root, true); }
    else if (rec.s === "failed" || !left) { say(root, "bad", "Not solved: see the answer below."); finish(root, false); }
  }

  function check(root) {
    if (root.dataset.done) return;
    var id = root.dataset.quizId, answer = kind(root).collect(root), res = kind(root).grade(root, answer);
    if (res.empty) return say(root, "", res.empty);
    var rec = get(id) || { s: "open", n: 0, b: 0, m: 0, t: 0 };
    if (root.dataset.round === "new") { rec.s = "open"; rec.n = 0; delete root.dataset.round; } // reopened for review
    rec.n += 1;
    rec.a = answer;
    var left = attemptsLeft(root, rec.n);
    rec.s = res.ok ? "correct" : left ? "open" : "failed";
    rec.t = Date.now();
    if (res.ok) rec.b = Math.min(Math.max(rec.b, 1) + 1, 5);
    else { rec.b = 1; rec.m = rec.t; }
    put(id, rec);
    var note = res.note ? " " + res.note : "";
    if (res.ok) say(root, "ok", "Correct!", res.fb);
    else say(root, "bad", "Not quite." + note + (left ? " " + plural(left, "attempt") + " left." : " No attempts left: see the answer below."), res.fb);
    if (rec.s !== "open") finish(root, res.ok, true);
    score();
    review(false);
  }

  function move(root, button) {
    var li = button.closest("li"), up = button.dataset.move === "-1";
    var other = up ? li.previousElementSibling : li.nextElementSibling;
    if (!other || root.dataset.done) return;
    li.parentNode.insertBefore(li, up ? other : other.nextElementSibling);
    button.focus(); // moving the node drops focus; keep the keyboard user where they were
    var list = items(root);
    say(root, "", "Moved to position " + (list.indexOf(li) + 1) + " of " + list.length + ".");
  }

  function init(root) {
    if (pristine.has(root)) return;
    pristine.set(root, root.innerHTML);
    root.addEventListener("submit", function (e) { e.preventDefault(); check(root); });
    root.addEventListener("click", function (e) {
      var b = e.target.closest("[data-move]");
      if (b) move(root, b);
    });
    setup(root);
  }

  function reset(root) {
    put(root.dataset.quizId, null);
    reopen(root);
  }

  function reopen(root) { // a fresh form; the stored record stays until the next answer
    delete root.dataset.done;
    root.innerHTML = pristine.get(root); // listeners live on root, so they survive
    setup(root);
  }

  // --- per page: score and reset
  function score() {
    var quizzes = $$(document, ".quiz[data-quiz-id]");
    var bar = document.querySelector(".quiz-score");
    if (!quizzes.length) return;
    if (!bar) {
      bar = document.createElement("div");
      bar.className = "quiz-score";
      bar.innerHTML = '<p class="quiz-score-text"></p><button type="button" class="quiz-reset">' +
        'Reset quizzes on this page</button><p class="quiz-score-status" role="status"></p>';
      quizzes[0].parentNode.insertBefore(bar, quizzes[0]);
      bar.querySelector(".quiz-reset").addEventListener("click", function () {
        quizzes.forEach(reset);
        score();
        bar.querySelector(".quiz-score-status").textContent = "Answers on this page were cleared.";
      });
    }
    var answered = 0, correct = 0;
    quizzes.forEach(function (q) {
      var r = get(q.dataset.quizId);
      if (r) answered++;
      if (r && r.s === "correct") correct++;
    });
    bar.querySelector(".quiz-score-text").textContent =
      "Score: " + correct + " correct, " + answered + " of " + plural(quizzes.length, "question") + " answered.";
  }

  // --- the progress page
  var STATUS = { correct: "Correct", failed: "Not solved", open: "In progress" };
  function progress() {
    var rows = $$(document, ".quiz-progress-list li[data-quiz-id]");
    var summary = document.querySelector(".quiz-progress-summary");
    if (!summary) return;
    var done = 0, correct = 0;
    rows.forEach(function (li) {
      var r = get(li.dataset.quizId), status = li.querySelector(".quiz-progress-status");
      status.textContent = r ? STATUS[r.s] + (r.s === "open" ? " (" + plural(r.n, "attempt") + ")" : "") : "Not answered";
      status.className = "quiz-progress-status quiz-progress-status--" + (r ? r.s : "none");
      if (r) done++;
      if (r && r.s === "correct") correct++;
    });
    summary.textContent = rows.length + " quizzes on this site: " + done + " answered, " + correct + " correct.";
    var all = document.querySelector(".quiz-reset-all");
    if (all && !all.dataset.bound) {
      all.dataset.bound = "1";
      all.parentNode.hidden = false;
      all.addEventListener("click", function () { save({ v: VERSION, q: {} }); progress(); });
    }
  }

  // --- "Test your understanding": only what is due, by a Leitner schedule. A missed question
  // (box 1) is due until it is answered right; a right answer moves it up a box, and it comes
  // back after WAIT[box] days. Questions missed longest ago come first.
  var DAY = 864e5, WAIT = [0, 0, 1, 3, 7, 21];
  function isDue(r, now) { return !!r && (r.b === 1 || (r.b >= 2 && now - r.t >= WAIT[r.b] * DAY)); }
  var reviewState = null; // {moved: [[node, placeholder]], hidden: [nodes]} while the due view shows

  function review(rebuild) {
    var tools = document.querySelector(".quiz-review-modes");
    if (!tools) return;
    var params = new URLSearchParams(location.search), dueOnly = params.has("due");
    var withNew = params.has("unanswered"), now = Date.now();
    var quizzes = $$(document, ".quiz[data-quiz-id]"), rec = {};
    quizzes.forEach(function (q) { rec[q.dataset.quizId] = get(q.dataset.quizId); });
    var due = quizzes.filter(function (q) { return isDue(rec[q.dataset.quizId], now); });
    var fresh = quizzes.filter(function (q) { return !rec[q.dataset.quizId]; });
    tools.hidden = false;
    tools.querySelector(".quiz-review-count").textContent = due.length ?
      plural(due.length, "question") + " due for review, " + fresh.length + " not answered yet." :
      "Nothing is due for review. " + plural(fresh.length, "question") + " not answered yet.";
    tools.querySelector(".quiz-review-due").setAttribute("aria-pressed", String(dueOnly));
    tools.querySelector(".quiz-review-all").setAttribute("aria-pressed", String(!dueOnly));
    var box = tools.querySelector(".quiz-review-unanswered");
    box.checked = withNew;
    box.disabled = !dueOnly;
    if (rebuild === false) return; // an answer only updates the count; the list stays put
    restoreReview();
    if (!dueOnly) return;
    due.sort(function (x, y) {
      var a = rec[x.dataset.quizId], b = rec[y.dataset.quizId];
      return (a.b === 1 ? 0 : 1) - (b.b === 1 ? 0 : 1) || (a.b === 1 ? a.m - b.m : a.t - b.t);
    });
    var shown = due.concat(withNew ? fresh : []);
    var list = document.createElement("div");
    list.className = "quiz-review-list";
    reviewState = { moved: [], hidden: [], list: list };
    tools.parentNode.insertBefore(list, tools.nextSibling);
    shown.forEach(function (q) {
      var from = q.previousElementSibling;
      if (from && from.classList.contains("quiz-score")) from = from.previousElementSibling; // the page's score bar
      [from && from.classList.contains("quiz-from") ? from : null, q].forEach(function (node) {
        if (!node) return;
        var mark = document.createComment("quiz");
        node.parentNode.insertBefore(mark, node);
        reviewState.moved.push([node, mark]);
        list.appendChild(node);
      });
      var r = rec[q.dataset.quizId];
      if (r && r.s !== "open") { q.dataset.round = "new"; reopen(q); } // finished earlier: a fresh try
    });
    for (var el = list.nextElementSibling; el; el = el.nextElementSibling) {
      if (!el.hidden) { el.hidden = true; reviewState.hidden.push(el); }
    }
    if (!shown.length) {
      var none = document.createElement("p");
      none.textContent = "Nothing to review now: every question you answered is resting.";
      list.appendChild(none);
    }
  }

  function restoreReview() {
    if (!reviewState) return;
    reviewState.moved.forEach(function (pair) {
      pair[1].parentNode.replaceChild(pair[0], pair[1]);
      if (pair[0].dataset.round) { delete pair[0].dataset.round; reopen(pair[0]); } // back to its stored state
    });
    reviewState.hidden.forEach(function (el) { el.hidden = false; });
    reviewState.list.remove();
    reviewState = null;
  }

  function bindReview() {
    var tools = document.querySelector(".quiz-review-modes");
    if (!tools || tools.dataset.bound) return;
    tools.dataset.bound = "1";
    function go(change) {
      var params = new URLSearchParams(location.search);
      change(params);
      var query = params.toString().replace(/=(&|$)/g, "$1");
      history.replaceState(history.state, "", location.pathname + (query ? "?" + query : "") + location.hash);
      review();
    }
    tools.querySelector(".quiz-review-due").addEventListener("click", function () {
      go(function (p) { p.set("due", ""); });
    });
    tools.querySelector(".quiz-review-all").addEventListener("click", function () {
      go(function (p) { p.delete("due"); p.delete("unanswered"); });
    });
    tools.querySelector(".quiz-review-unanswered").addEventListener("change", function (e) {
      go(function (p) { if (e.target.checked) p.set("unanswered", ""); else p.delete("unanswered"); });
    });
  }

  function page() {
    reviewState = null; // a new page: nothing of the last one's due view is left
    $$(document, ".quiz[data-quiz-id]").forEach(init);
    score();
    progress();
    bindReview();
    review();
  }

  // Material's instant navigation swaps the page without a load event; document$ emits per page.
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(page);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", page);
  else page();
})();
