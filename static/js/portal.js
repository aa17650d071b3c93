/* JobBudget-Portal: small comforts on top of pages that work without JavaScript.
   - moves focus to the error summary, so screen readers hear the problem first;
   - stops a double click from sending a form twice;
   - "Drucken" buttons, and a download that says it is being made (the PDF);
   - "Vorlesen": reads the main text aloud with the browser's speech synthesis,
     one sentence (one line) at a time, and marks the sentence being read. It reads every
     [data-read-aloud] region in page order; on a form (data-read-aloud="form", set by the form
     macros) it reads the page's heading, then each field's question, hint, explanations that are
     open, and answers.
   - "Das verstehe ich nicht" (form[data-voice]): sent in place, so the page and anything typed in its
     other form stay; the thank-you or the problem is shown and announced in the control. */
(function () {
  "use strict";

  function focusErrorSummary() {
    var summary = document.querySelector("[data-error-summary]");
    if (!summary) { return; }
    summary.focus();
    // A link in the summary puts the cursor into its field (browsers only scroll to it).
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      var field = link && document.getElementById(link.getAttribute("href").slice(1));
      if (!field) { return; }
      event.preventDefault();
      field.focus();
      var label = document.querySelector("label[for='" + field.id + "']") || field.closest("fieldset");
      (label || field).scrollIntoView();
    });
  }

  function preventDoubleSubmit() {
    document.addEventListener("submit", function (event) {
      var form = event.target;
      if (form.dataset.submitted === "yes") { event.preventDefault(); return; }
      form.dataset.submitted = "yes";
      // Allow a new try after a while, in case the network was slow and the person sends again on purpose.
      window.setTimeout(function () { delete form.dataset.submitted; }, 5000);
    });
  }

  // A choice's label is a flex row of pictogram and text: only its text is wrapped.
  var BLOCKS = "h1, h2, h3, p, li, dt, dd, summary, td, th, legend, .label, .choice-label > span";
  var NOT_READ = "[data-read-aloud-controls], [hidden], [aria-hidden='true']";

  /* Wrap every line of a block (lines are separated by <br>) in a span, once. */
  function sentencesOf(region) {
    if (!region.dataset.sentencesReady) {
      var blocks = region.matches(BLOCKS) ? [region] : Array.prototype.slice.call(region.querySelectorAll(BLOCKS));
      blocks.forEach(function (block) {
        if (block.querySelector(BLOCKS) || block.closest(NOT_READ)) { return; }  // inner blocks are read on their own
        var line = [];
        var nodes = Array.prototype.slice.call(block.childNodes);
        function flush() {
          if (!line.length) { return; }
          var span = document.createElement("span");
          span.className = "sentence";
          line[0].parentNode.insertBefore(span, line[0]);
          line.forEach(function (node) { span.appendChild(node); });
          line = [];
        }
        nodes.forEach(function (node) {
          if (node.nodeName === "BR") { flush(); } else { line.push(node); }
        });
        flush();
      });
      region.dataset.sentencesReady = "yes";
    }
    var onForm = region.closest("[data-read-aloud='form']");
    return Array.prototype.filter.call(region.querySelectorAll(".sentence"), function (span) {
      // Lines for professionals ("Für Fach·leute: § 29 SGB IX") are not read aloud.
      return span.textContent.trim() !== "" && !span.closest(NOT_READ) &&
        !span.closest("[data-read-aloud-skip]") &&
        !span.closest("details:not([open]) > :not(summary)") &&
        // On a form, an explanation is read when the person has opened it: the question and answers come first.
        !(onForm && span.closest("details.term-explanation:not([open])"));
    });
  }

  /* Everything the button reads, in page order. */
  function readingQueue() {
    var regions = Array.prototype.slice.call(document.querySelectorAll("[data-read-aloud]"));
    var queue = [];
    var heading = document.querySelector("main h1");
    var isForm = regions.some(function (region) { return region.dataset.readAloud === "form"; });
    if (isForm && heading && !heading.closest("[data-read-aloud]")) {
      queue = queue.concat(sentencesOf(heading));  // the question of a page whose field has a shorter label
    }
    regions.forEach(function (region) {
      if (!region.parentElement.closest("[data-read-aloud]")) { queue = queue.concat(sentencesOf(region)); }
    });
    return queue;
  }

  function setupReadAloud() {
    var controls = document.querySelector("[data-read-aloud-controls]");
    if (!controls || !document.querySelector("[data-read-aloud]") ||
        !("speechSynthesis" in window) || !window.SpeechSynthesisUtterance) { return; }
    var synth = window.speechSynthesis;
    var start = controls.querySelector("[data-read-aloud-start]");
    var pause = controls.querySelector("[data-read-aloud-pause]");
    var stop = controls.querySelector("[data-read-aloud-stop]");
    var status = controls.querySelector("[data-read-aloud-status]");
    var labels = { pause: pause.textContent, resume: document.documentElement.lang === "en" ? "Continue" : "Weiter" };
    var queue = [];
    var current = null;
    var running = false;

    function mark(span) {
      if (current) { current.classList.remove("reading"); }
      current = span;
      if (span) {
        span.classList.add("reading");
        span.scrollIntoView({ block: "nearest" });
      }
    }

    function finish() {
      running = false;
      mark(null);
      pause.hidden = true;
      stop.hidden = true;
      pause.textContent = labels.pause;
      start.hidden = false;
      start.focus();
    }

    function speakNext() {
      if (!running) { return; }
      var span = queue.shift();
      if (!span) { finish(); return; }
      mark(span);
      var utterance = new window.SpeechSynthesisUtterance(span.textContent.replace(/\s+/g, " ").trim());
      utterance.lang = document.documentElement.lang === "en" ? "en-GB" : "de-DE";
      utterance.rate = 0.9;
      utterance.onend = speakNext;
      utterance.onerror = speakNext;
      synth.speak(utterance);
    }

    start.addEventListener("click", function () {
      synth.cancel();
      queue = readingQueue();
      running = true;
      start.hidden = true;
      pause.hidden = false;
      stop.hidden = false;
      pause.focus();
      status.textContent = start.textContent.trim();
      speakNext();
    });
    pause.addEventListener("click", function () {
      if (synth.paused) {
        synth.resume();
        pause.textContent = labels.pause;
      } else {
        synth.pause();
        pause.textContent = labels.resume;
      }
    });
    stop.addEventListener("click", function () {
      running = false;
      queue = [];
      synth.cancel();
      finish();
    });
    controls.hidden = false;
  }

  /* "Drucken": the button replaces the instruction with the keys to press. */
  function setupPrint() {
    if (typeof window.print !== "function") { return; }
    document.querySelectorAll("[data-print-button]").forEach(function (holder) {
      var keys = holder.parentNode.querySelector("[data-print-keys]");
      holder.querySelector("button").addEventListener("click", function () { window.print(); });
      holder.hidden = false;
      if (keys) { keys.hidden = true; }
    });
  }

  function fileName(response, fallback) {
    var match = /filename="([^"]+)"/.exec(response.headers.get("Content-Disposition") || "");
    return match ? match[1] : fallback;
  }

  /* A download that takes a moment (the PDF): say that it is being made until it is there. */
  function setupDownloads() {
    document.querySelectorAll("a[data-download]").forEach(function (link) {
      var label = link.textContent;
      var status = link.parentNode.querySelector("[data-download-status]");
      function say(text) { if (status) { status.textContent = text; } }
      link.addEventListener("click", function (event) {
        if (!window.fetch || !window.URL || !URL.createObjectURL) { return; }
        event.preventDefault();
        if (link.dataset.busy === "yes") { return; }
        link.dataset.busy = "yes";
        link.setAttribute("aria-disabled", "true");
        link.textContent = link.dataset.busyText;
        say(link.dataset.busyText);
        function done(text) {
          delete link.dataset.busy;
          link.removeAttribute("aria-disabled");
          link.textContent = label;
          say(text);
        }
        fetch(link.href, { credentials: "same-origin" }).then(function (response) {
          var type = response.headers.get("Content-Type") || "";
          if (!response.ok || type.indexOf("text/html") === 0) { throw new Error("no file"); }
          return response.blob().then(function (blob) {
            var url = URL.createObjectURL(blob);
            var save = document.createElement("a");
            save.href = url;
            save.download = fileName(response, "");
            save.hidden = true;
            document.body.appendChild(save);
            save.click();
            save.remove();
            window.setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
            done(link.dataset.doneText);
          });
        }).catch(function () {
          done("");
          window.location.href = link.href;  // the server says what is wrong (or the letter is gone)
        });
      });
    });
  }

  /* The readers' voice: the small form is sent with fetch; the server answers JSON. Anything else
     (no fetch, a network problem) lets the form be sent as usual: the server then comes back here. */
  function setupReaderVoice() {
    if (!window.fetch || !window.FormData) { return; }
    var failed = document.documentElement.lang === "en"
      ? "That did not work. Please try again later."
      : "Das hat nicht geklappt. Bitte versuchen Sie es später noch einmal.";
    document.querySelectorAll("form[data-voice]").forEach(function (form) {
      var status = form.querySelector("[data-voice-status]");
      var error = form.querySelector("[data-voice-error]");
      var errorText = form.querySelector("[data-voice-error-text]");
      var word = form.querySelector("input[name='word']");
      var hint = word.getAttribute("aria-describedby").split(" ")[0];
      function problem(text) {
        status.textContent = "";
        errorText.textContent = text;
        error.hidden = false;
        word.setAttribute("aria-invalid", "true");
        word.setAttribute("aria-describedby", hint + " " + error.id);
        form.querySelector(".field").classList.add("field-has-error");
        word.focus();
      }
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        event.stopPropagation();  // the page's double-click guard is not needed here
        if (form.dataset.sending === "yes") { return; }
        form.dataset.sending = "yes";
        fetch(form.action, {
          method: "POST",
          body: new FormData(form),
          credentials: "same-origin",
          headers: { "Accept": "application/json" }
        }).then(function (response) {
          return response.json().catch(function () { return {}; }).then(function (data) {
            if (response.ok && data.message) {
              error.hidden = true;
              word.removeAttribute("aria-invalid");
              word.setAttribute("aria-describedby", hint);
              form.querySelector(".field").classList.remove("field-has-error");
              word.value = "";
              status.textContent = data.message;
            } else {
              problem(data.error || failed);
            }
          });
        }).catch(function () {
          problem(failed);
        }).then(function () {
          delete form.dataset.sending;
        });
      });
    });
  }

  function ready() {
    focusErrorSummary();
    preventDoubleSubmit();
    setupReadAloud();
    setupPrint();
    setupDownloads();
    setupReaderVoice();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
}());
