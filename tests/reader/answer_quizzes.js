// Puts every quiz on the page in the state a reader sees most of: hint open, a wrong
// answer checked (so its feedback shows), and, once the attempts run out, the answer
// and explanation revealed. Evaluated by tests/reader/quizzes.py with page.evaluate.
//
// It reads only the markup quizfence/render.py writes (classes and the data-key /
// data-answer attributes), never the engine's internals, and acts as a reader does:
// clicks, selections, typing. Returns the quiz ids it could not bring to that state.
() => {
  const $$ = (root, sel) => Array.from(root.querySelectorAll(sel));
  const shown = (el) => !!el && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden";
  const done = (q) => {
    const button = q.querySelector(".quiz-check");
    return !button || button.disabled || !shown(button);
  };
  const choose = (list, attempt) => list[attempt % list.length];

  function answerWrong(q, attempt) {
    const key = (q.dataset.key || "").split(" ").filter(Boolean);
    const radios = $$(q, ".quiz-option input[type=radio]");
    const boxes = $$(q, ".quiz-option input[type=checkbox]");
    const blanks = $$(q, "select.quiz-blank");
    const text = q.querySelector("input.quiz-text");
    if (radios.length) {
      const wrong = radios.filter((r) => !key.includes(r.value));
      choose(wrong.length ? wrong : radios, attempt).click();
    } else if (boxes.length) {
      boxes.forEach((b) => b.checked && b.click());
      const wrong = boxes.filter((b) => !key.includes(b.value));
      choose(wrong.length ? wrong : boxes, attempt).click();
    } else if (blanks.length) {
      blanks.forEach((s) => {
        const wrong = $$(s, "option").filter((o) => o.value !== "" && o.value !== s.dataset.answer);
        if (!wrong.length) return;
        s.value = choose(wrong, attempt).value;
        s.dispatchEvent(new Event("input", { bubbles: true }));
        s.dispatchEvent(new Event("change", { bubbles: true }));
      });
    } else if (text) {
      text.value = "not the answer " + attempt;
      text.dispatchEvent(new Event("input", { bubbles: true }));
    }
    // An order quiz starts shuffled (never in order): checking it as it is answers wrongly.
  }

  const failed = [];
  for (const q of $$(document, ".quiz[data-quiz-id]")) {
    const id = q.dataset.quizId;
    for (const hint of $$(q, "details.quiz-hint")) if (!hint.open) hint.querySelector("summary").click();
    let wrongShown = false;
    for (let attempt = 0; attempt < 20 && !done(q); attempt++) {
      answerWrong(q, attempt);
      q.querySelector(".quiz-check").click();
      if (q.querySelector(".quiz-status--bad")) wrongShown = true;
    }
    const answer = q.querySelector("details.quiz-answer");
    if (answer && shown(answer) && !answer.open) answer.querySelector("summary").click();
    const problems = [];
    if (!done(q)) problems.push("still open after 20 wrong answers");
    if (!wrongShown) problems.push("no wrong answer was shown as wrong");
    if (!shown(q.querySelector(".quiz-status")) || !q.querySelector(".quiz-status").textContent.trim())
      problems.push("no status shown");
    if (!answer || !answer.open || !shown(answer.querySelector(".quiz-solution"))) problems.push("answer not revealed");
    for (const hint of $$(q, "details.quiz-hint")) if (!hint.open) problems.push("hint not open");
    if (problems.length) failed.push(id + ": " + problems.join(", "));
  }
  return failed;
}
