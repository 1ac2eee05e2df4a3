// Highlight /doc/<id>#<start>-<end>: a <mark> around exactly that span of the article text,
// its sentence shaded around it, scrolled into view. Offsets are Python code-point offsets
// into the original text; each span.seg carries the offset of its first character.
// Only DOM methods and textContent are used: the article text is untrusted.
(function () {
  "use strict";
  var root = document.getElementById("article-text");
  if (!root) { return; }
  var data = document.getElementById("sentences");
  var sentences = data ? JSON.parse(data.textContent || "[]") : [];

  function codePoints(str) { return Array.from(str).length; }

  function utf16Index(str, cp) {  // UTF-16 index of code point number cp
    var i = 0;
    for (var c = 0; c < cp && i < str.length; c++) {
      var code = str.charCodeAt(i);
      i += (code >= 0xD800 && code <= 0xDBFF && i + 1 < str.length) ? 2 : 1;
    }
    return i;
  }

  function wrap(start, end, tag, cls) {
    var made = [];
    if (end <= start) { return made; }
    root.querySelectorAll("span.seg").forEach(function (seg) {
      var pos = parseInt(seg.getAttribute("data-s"), 10);
      var walker = document.createTreeWalker(seg, NodeFilter.SHOW_TEXT);
      var nodes = [];
      while (walker.nextNode()) { nodes.push(walker.currentNode); }
      nodes.forEach(function (node) {
        var len = codePoints(node.data);
        var a = Math.max(start, pos), b = Math.min(end, pos + len);
        if (a < b) {
          var ia = utf16Index(node.data, a - pos), ib = utf16Index(node.data, b - pos);
          var mid = node.splitText(ia);
          mid.splitText(ib - ia);
          var w = document.createElement(tag);
          if (cls) { w.className = cls; }
          mid.parentNode.replaceChild(w, mid);
          w.appendChild(mid);
          made.push(w);
        }
        pos += len;
      });
    });
    return made;
  }

  function clear() {
    root.querySelectorAll("mark, span.ctx").forEach(function (w) {
      w.replaceWith(document.createTextNode(w.textContent));
    });
    root.normalize();
  }

  function apply() {
    var m = /^#(\d+)-(\d+)$/.exec(window.location.hash);
    clear();
    if (!m) { return; }
    var start = parseInt(m[1], 10), end = parseInt(m[2], 10);
    var sent = null;
    for (var i = 0; i < sentences.length; i++) {
      if (sentences[i][0] <= start && start < sentences[i][1]) { sent = sentences[i]; break; }
    }
    if (sent) {
      wrap(sent[0], start, "span", "ctx");
      wrap(end, sent[1], "span", "ctx");
    }
    var marks = wrap(start, end, "mark", "");
    if (marks.length) {
      marks[0].id = "hl";
      marks[0].scrollIntoView({ block: "center" });
    }
  }

  window.addEventListener("hashchange", apply);
  apply();
})();
