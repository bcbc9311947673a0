/* Threshold and prevalence explorer (issue 25). The build renders each explorer complete
 * without JavaScript (dlmd/explorer/render.py); this turns on the controls in its <template>.
 * Sums and rounding as in dlmd/explorer/arithmetic.py; the tests hold both to the notebook. */
(function () {
  "use strict";
  // Instant navigation runs this again on each explorer page: set up only the new ones.
  if (window.dlmdExplorer) return window.dlmdExplorer();
  var PEOPLE = 1000;

  function list(root, name) {
    return root.getAttribute("data-" + name).split(" ");
  }

  function round(value) {
    return Math.floor(value + 0.5); // half up, as arithmetic.round_half_up
  }

  function percent(value) {
    if (isNaN(value)) return "not defined";
    var shown = (value * 100).toFixed(1);
    if (shown === "100.0" && value < 1) return ">\u00a099.9%";
    if (shown === "0.0" && value > 0) return "<\u00a00.1%";
    return shown + "%";
  }

  function prevalenceText(value) {
    var shown = (value * 100).toFixed(value < 0.01 ? 2 : value < 0.1 ? 1 : 0);
    return (/\./.test(shown) ? shown.replace(/\.?0+$/, "") : shown) + "%";
  }

  function count(value) {
    return value.toLocaleString("en-US");
  }

  function setup(root) {
    root.setAttribute("data-ready", "");
    var template = root.querySelector("template");
    if (!template || !template.content) return; // an old browser: the tables stay
    var positives = Number(root.getAttribute("data-positives"));
    var negatives = Number(root.getAttribute("data-negatives"));
    var thresholds = list(root, "thresholds");
    var tp = list(root, "tp").map(Number);
    var fp = list(root, "fp").map(Number);
    var controls = template.content.firstElementChild.cloneNode(true);
    var threshold = controls.querySelector('[data-control="threshold"]');
    var slider = controls.querySelector('[data-control="prevalence"]');
    var low = Math.log(Number(slider.getAttribute("data-low")));
    var high = Math.log(Number(slider.getAttribute("data-high")));
    var steps = Number(slider.max);
    var prevalence = Number(root.getAttribute("data-prevalence"));
    // The plot's corners, read back from the axis path "M52 20V252H284".
    var axis = root.querySelector(".dlmd-explorer__axis").getAttribute("d").match(/[\d.]+/g);
    var left = Number(axis[0]), bottom = Number(axis[2]), size = Number(axis[3]) - left;
    var point = root.querySelector(".dlmd-explorer__current circle");
    var guide = root.querySelector(".dlmd-explorer__guide");
    var timer;

    function show(name, text) {
      controls.querySelector('[data-show="' + name + '"]').textContent = text;
    }

    function update(announce) {
      var i = Number(threshold.value);
      var sens = tp[i] / positives;
      var spec = 1 - fp[i] / negatives;
      var p = prevalence;
      var ppv = sens * p + (1 - spec) * (1 - p);
      var npv = spec * (1 - p) + (1 - sens) * p;
      var ill = round(PEOPLE * p);
      var found = round(ill * sens);
      var alarms = round((PEOPLE - ill) * (1 - spec));
      var figures = {
        sensitivity: percent(sens),
        specificity: percent(spec),
        ppv: percent(ppv > 0 ? (sens * p) / ppv : NaN),
        npv: percent(npv > 0 ? (spec * (1 - p)) / npv : NaN)
      };
      var x = (left + size * (1 - spec)).toFixed(2);
      var y = (bottom - size * sens).toFixed(2);
      point.setAttribute("cx", x);
      point.setAttribute("cy", y);
      guide.setAttribute("d", "M" + left + " " + y + "H" + x + "V" + bottom);
      threshold.setAttribute("aria-valuetext", thresholds[i]);
      slider.setAttribute("aria-valuetext", prevalenceText(p));
      show("threshold", thresholds[i]);
      show("prevalence", prevalenceText(p));
      Object.keys(figures).forEach(function (name) {
        show(name, figures[name]);
      });
      show("frequencies", "Of " + count(PEOPLE) + " people tested, " + count(ill) +
        " have the disease and " + count(found) + " of them are found (" + count(ill - found) +
        " missed); of the " + count(PEOPLE - ill) + " without it, " + count(alarms) +
        " get a false alarm. So " + count(found) + " of the " + count(found + alarms) +
        " positive results are right.");
      // One announcement once the reader pauses, not one per step.
      clearTimeout(timer);
      if (announce) {
        timer = setTimeout(function () {
          show("announce", "Threshold " + thresholds[i] + ", prevalence " + prevalenceText(p) +
            ": sensitivity " + figures.sensitivity + ", specificity " + figures.specificity +
            ", PPV " + figures.ppv + ", NPV " + figures.npv + ".");
        }, 700);
      }
    }

    threshold.addEventListener("input", function () {
      update(true);
    });
    slider.addEventListener("input", function () {
      prevalence = Math.exp(low + ((high - low) * slider.value) / steps);
      update(true);
    });
    controls.addEventListener("click", function (event) {
      var preset = event.target.getAttribute("data-prevalence");
      if (!preset) return;
      prevalence = Number(preset);
      slider.value = Math.round(((Math.log(prevalence) - low) / (high - low)) * steps);
      update(true);
    });
    slider.value = Math.round(((Math.log(prevalence) - low) / (high - low)) * steps);
    update(false);
    root.querySelector(".dlmd-explorer__static").hidden = true;
    root.insertBefore(controls, root.querySelector("svg").nextSibling);
    root.classList.add("is-live");
  }

  function init() {
    Array.prototype.forEach.call(
      document.querySelectorAll("figure.dlmd-explorer:not([data-ready])"), setup);
  }

  window.dlmdExplorer = init;
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
