/* The quiz hub (dlmd.quiz.hub): beside each quiz, how many of its questions (data-questions:
 * their ids) have an answer saved by quiz.js and how many of those were right; the totals
 * replace the note above the list. It only reads this site's localStorage: nothing is sent.
 * A script of its own, so quiz pages don't carry it and the hub page doesn't carry quiz.js. */
(function () {
  "use strict";
  // Material's instant navigation evaluates the script again each time it brings the hub in.
  if (window.dlmdQuizHub) return window.dlmdQuizHub();
  var KEY = "dlmd-quiz/"; // quiz.js's prefix: {answer, right} under KEY + question id

  function load(id) {
    try {
      return JSON.parse(localStorage.getItem(KEY + id));
    } catch (error) {
      return null; // a damaged value counts as not answered, as quiz.js treats it
    }
  }

  function said(count) {
    return count.answered + " of " + count.questions + " answered, " + count.right + " right" +
      (count.unscored ? " (" + count.unscored + " saved before scores were kept: open the quiz " +
        "to count them)." : ".");
  }

  function hub() {
    var list = document.querySelector(".dlmd-hub");
    if (!list) return;
    var total = { questions: 0, answered: 0, right: 0, unscored: 0 };
    try {
      localStorage.getItem(KEY);
    } catch (error) {
      list.querySelector(".dlmd-hub__total").textContent = "This browser does not let the " +
        "site keep your answers, so there are no saved scores to show.";
      return;
    }
    Array.prototype.forEach.call(list.querySelectorAll("[data-questions]"), function (item) {
      var ids = item.getAttribute("data-questions").split(" ");
      var count = { questions: ids.length, answered: 0, right: 0, unscored: 0 };
      ids.forEach(function (id) {
        var saved = load(id);
        if (!saved || saved.answer === undefined || saved.answer === null) return;
        count.answered += 1;
        if (saved.right === true) count.right += 1;
        // Saved by quiz.js before it kept `right`: quiz.js adds it when the quiz next opens.
        else if (typeof saved.right !== "boolean") count.unscored += 1;
      });
      Object.keys(total).forEach(function (key) {
        total[key] += count[key];
      });
      var score = item.querySelector(".dlmd-hub__score");
      if (!score) {
        score = document.createElement("span");
        score.className = "dlmd-hub__score";
        item.appendChild(score);
      }
      score.textContent = " " + (count.answered ? "Your score: " + said(count) : "Not started.");
    });
    list.querySelector(".dlmd-hub__total").textContent = "In all: " + said(total) +
      " Your answers are kept only in this browser.";
  }

  window.dlmdQuizHub = hub;
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", hub);
  else hub();
  // A hub brought back from the back-forward cache shows the scores saved since.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) hub();
  });
})();
