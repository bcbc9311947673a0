/* Quiz widget (issue 4): Check, feedback, Try again, page score and saved progress.
 * Every quiz is complete HTML without this script (dlmd.quiz renders it at build time);
 * this only adds judging. Text goes in through textContent and the author's rendered feedback
 * is copied with cloneNode: never innerHTML. Progress is kept in localStorage under each
 * question's content-hash id, so an edited question (new id) never sees old answers. The build
 * shows options in its own order; each input's value is the option's authored index, so
 * answers are judged and saved by option, not by place. Saved: {answer, right}, which
 * quiz-hub.js totals; an older {answer} alone gets `right` when its quiz next opens. */
(function () {
  "use strict";
  // Each quiz page's content carries this script, and Material's instant navigation evaluates
  // it again on every quiz page it brings in: only the first evaluation sets up (and subscribes
  // to document$); later ones just set up the new page's forms, which init() does once each.
  if (window.dlmdQuiz) return window.dlmdQuiz.init();
  var KEY = "dlmd-quiz/";

  function load(id) {
    try {
      return JSON.parse(localStorage.getItem(KEY + id));
    } catch (error) {
      return null; // storage blocked or value damaged: start afresh
    }
  }

  function store(id, answer, right) {
    try {
      if (answer === null) localStorage.removeItem(KEY + id);
      else localStorage.setItem(KEY + id, JSON.stringify({ answer: answer, right: right }));
    } catch (error) {
      /* storage blocked (private mode): the quiz still works, it just forgets */
    }
  }

  function make(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function icon(ok) {
    var node = make("span", "", ok ? "\u2713 " : "\u2717 ");
    node.setAttribute("aria-hidden", "true");
    return node;
  }

  // A number as people type it: 92, 92%, 92 %, 1,000, 1 000, 1.000,5, 0,92, 3,5. A comma,
  // space or dot separates thousands only in groups of three after a first digit other than 0
  // (1.000 alone stays one); any other comma is a decimal comma. Anything else is NaN.
  function toNumber(text) {
    var clean = String(text).trim().replace(/\s*%$/, "");
    var group = /^[+-]?[1-9]\d{0,2}([,.\s])\d{3}(\1\d{3})*([.,]\d+)?$/.exec(clean);
    if (group && (group[1] !== "." || group[2] || group[3]) &&
        (group[3] || "").charAt(0) !== group[1]) {
      clean = clean.split(group[1]).join("");
    }
    clean = clean.replace(",", ".");
    return /^[+-]?(\d+\.?\d*|\.\d+)$/.test(clean) ? Number(clean) : NaN;
  }

  function setup(fieldset, onChange) {
    var id = fieldset.getAttribute("data-question");
    var type = fieldset.getAttribute("data-type");
    var numeric = type === "numeric";
    var percent = fieldset.hasAttribute("data-percent");
    var inputs = Array.prototype.slice.call(fieldset.querySelectorAll("input"));
    var details = fieldset.querySelector(".dlmd-quiz__answer");
    var right = fieldset.getAttribute("data-answer").split(" ").map(Number);
    var tolerance = Number(fieldset.getAttribute("data-tolerance"));
    var values = inputs.map(function (input) {
      return Number(input.value); // an option's authored index: answers follow the option
    });
    var status = make("div", "dlmd-quiz__status");
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    var check = make("button", "md-button md-button--primary", "Check");
    var retry = make("button", "md-button", "Try again");
    var actions = make("div", "dlmd-quiz__actions");
    [check, retry].forEach(function (button) {
      button.type = "button";
      button.setAttribute("aria-describedby", id + "-legend");
      actions.appendChild(button);
    });
    var question = { result: null };

    function chosen() {
      if (numeric) return inputs[0].value.trim();
      return inputs.filter(function (input) {
        return input.checked;
      }).map(function (input) {
        return Number(input.value);
      });
    }

    function valid(answer) {
      if (numeric) return typeof answer === "string" && !isNaN(toNumber(answer));
      return (
        Array.isArray(answer) &&
        answer.length > 0 &&
        (type === "multiple" || answer.length === 1) &&
        answer.every(function (index, position) {
          return values.indexOf(index) >= 0 && answer.indexOf(index) === position;
        })
      );
    }

    function say(ok, parts) {
      status.textContent = "";
      status.className = "dlmd-quiz__status" + (ok === null ? "" : ok ? " is-right" : " is-wrong");
      var first = make("p");
      if (ok !== null) first.appendChild(icon(ok));
      parts.forEach(function (part) {
        if (typeof part === "string") first.appendChild(document.createTextNode(part));
        else status.appendChild(part);
      });
      status.insertBefore(first, status.firstChild);
    }

    function mark(after, ok) {
      var node = make("span", "dlmd-quiz__mark");
      node.setAttribute("data-state", ok ? "right" : "wrong");
      node.appendChild(icon(ok));
      node.appendChild(document.createTextNode(ok ? "Right" : "Wrong"));
      after.parentNode.appendChild(node);
    }

    function why(index) {
      var node = details.querySelector('[data-option="' + index + '"] .dlmd-quiz__why');
      return node ? node.cloneNode(true) : null;
    }

    function show(answer, announce) {
      var ok;
      var parts = [];
      if (numeric) {
        var value = toNumber(answer);
        ok = near(value);
        inputs[0].value = answer;
        mark(inputs[0], ok);
        parts.push(ok ? "Correct." : "Not quite: " + answer + " is too " +
          (value < right[0] ? "low." : "high."));
        // A common wrong answer the author named (`hint:` in the quiz) gets its own words.
        details.querySelectorAll(".dlmd-quiz__mistake").forEach(function (node) {
          if (!ok && Math.abs(value - Number(node.getAttribute("data-value"))) <= tolerance + 1e-9) {
            parts.push(node.cloneNode(true));
          }
        });
      } else {
        var hits = answer.filter(function (index) {
          return right.indexOf(index) >= 0;
        }).length;
        ok = hits === right.length && hits === answer.length;
        parts.push(ok ? "Correct." : "Not quite.");
        if (!ok && type === "multiple") {
          parts.push(" You chose " + hits + " of the " + right.length + " right answers" +
            (answer.length > hits ? " and " + (answer.length - hits) + " wrong." : "."));
        }
        inputs.forEach(function (input, place) {
          input.checked = answer.indexOf(values[place]) >= 0;
          if (input.checked) {
            mark(input.parentNode.querySelector("label"), right.indexOf(values[place]) >= 0);
          }
        });
        answer.forEach(function (index) {
          var node = why(index);
          if (node) parts.push(node);
        });
      }
      // Said once: a right answer brings the explanation here and leaves the disclosure shut.
      if (ok) parts.push(details.querySelector(".dlmd-quiz__explanation").cloneNode(true));
      else parts.push(make("p", "", "Try again, or open \u201cShow answer\u201d below."));
      inputs.forEach(function (input) {
        input.disabled = true;
      });
      say(ok, parts);
      question.result = ok;
      fieldset.setAttribute("data-state", ok ? "right" : "wrong");
      details.hidden = false;
      details.open = false;
      check.hidden = true;
      retry.hidden = false;
      if (announce) {
        store(id, answer, ok);
        retry.focus();
      }
      onChange();
    }

    function near(value) {
      return Math.abs(value - right[0]) <= tolerance + 1e-9;
    }

    function judge() {
      var answer = chosen();
      var value = toNumber(answer);
      if (percent && valid(answer) && !near(value) && near(value * 100)) {
        return say(null, ["This answer is asked as a percentage: write " + answer + " as " +
          +(value * 100).toPrecision(12) + "%."]);
      }
      if (valid(answer)) return show(answer, true);
      var empty = numeric ? answer === "" : answer.length === 0;
      say(null, [
        numeric && !empty
          ? "\u201c" + answer + "\u201d is not a number: type digits, such as 42.5."
          : numeric ? "Type a number first." : "Choose an answer first.",
      ]);
    }

    function reset() {
      inputs.forEach(function (input) {
        input.disabled = false;
        input.checked = false;
        if (numeric) input.value = "";
      });
      Array.prototype.forEach.call(fieldset.querySelectorAll(".dlmd-quiz__mark"), function (node) {
        node.parentNode.removeChild(node);
      });
      status.textContent = "";
      status.className = "dlmd-quiz__status";
      question.result = null;
      fieldset.removeAttribute("data-state");
      details.open = false;
      details.hidden = true;
      check.hidden = false;
      retry.hidden = true;
      store(id, null);
      inputs[0].focus();
      onChange();
    }

    check.addEventListener("click", judge);
    retry.addEventListener("click", reset);
    inputs.forEach(function (input) {
      input.addEventListener("keydown", function (event) {
        if (event.key === "Enter") {
          event.preventDefault(); // Enter on an answer means Check, not submit
          judge();
        }
      });
    });

    details.hidden = true;
    retry.hidden = true;
    var saved = load(id);
    if (saved && valid(saved.answer)) {
      show(saved.answer, false);
      if (saved.right !== question.result) store(id, saved.answer, question.result);
    }
    // Inserted after any restored result, so reloading announces nothing.
    details.parentNode.insertBefore(actions, details);
    details.parentNode.insertBefore(status, details);
    return question;
  }

  function init() {
    var forms = document.querySelectorAll("form.dlmd-quiz:not([data-quiz-ready])");
    if (!forms.length) return;
    var questions = [];
    var score = make("p", "dlmd-quiz__score");
    function update() {
      var right = 0;
      var answered = 0;
      questions.forEach(function (question) {
        if (question.result !== null) answered += 1;
        if (question.result) right += 1;
      });
      var left = questions.length - answered;
      score.textContent = "Your score on this page: " + right + " of " + questions.length +
        " right" + (left ? " (" + left + " not answered yet)." : ".");
    }
    var sets = [];
    Array.prototype.forEach.call(forms, function (form) {
      form.setAttribute("data-quiz-ready", "");
      form.addEventListener("submit", function (event) {
        event.preventDefault();
      });
      sets.push.apply(sets, form.querySelectorAll(".dlmd-quiz__question"));
    });
    // One question per task: the theme's start-up is one long task on a phone already, and
    // adding every question's set-up to it would block the page longer (README, Performance).
    // Until then each question is the complete no-JavaScript quiz. The score comes last.
    function next() {
      if (sets.length) {
        questions.push(setup(sets.shift(), update));
        return setTimeout(next, 0);
      }
      update();
      var last = forms[forms.length - 1];
      last.parentNode.insertBefore(score, last.nextSibling);
    }
    setTimeout(next, 0);
  }

  // toNumber for the unit tests in tests/browser/test_quiz_browser.py.
  window.dlmdQuiz = { toNumber: toNumber, init: init };
  // Instant navigation swaps the page without reloading this script: document$ emits once per
  // page view. Elsewhere, run once the document is parsed.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
