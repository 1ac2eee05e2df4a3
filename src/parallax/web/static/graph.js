// The story's entity graph: a small force-directed layout drawn as inline SVG.
// Data comes from <script type="application/json" id="graph-data"> (not executed: CSP
// allows only same-origin script files). Labels are set with textContent only.
(function () {
  "use strict";
  var NS = "http://www.w3.org/2000/svg";
  var svg = document.getElementById("graph");
  var source = document.getElementById("graph-data");
  if (!svg || !source) { return; }
  var data = JSON.parse(source.textContent || "{}");
  var nodes = data.nodes || [], edges = data.edges || [];
  var W = 800, PAD = 50, MAX_SPACING = 120;
  var H = nodes.length <= 8 ? 320 : nodes.length <= 16 ? 420 : 520;  // as graph_height() in Python
  svg.setAttribute("viewBox", "0 0 " + W + " " + H);
  // Same forces as parallax.export.graph.layout (the static SVG in briefings).
  var ATTRACTION = 0.2, GRAVITY = 0.6, SPACING = 0.75;

  function el(name, attrs) {
    var e = document.createElementNS(NS, name);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, String(attrs[k])); });
    return e;
  }
  function radius(n) { return Math.min(6 + n.mentions * 1.5, 22); }

  // Fruchterman-Reingold with gravity; deterministic start on a circle (same picture every load).
  function layout() {
    var byId = {};
    var n = nodes.length;
    nodes.forEach(function (d, i) {
      var a = 2 * Math.PI * i / Math.max(n, 1);
      d.x = W / 2 + Math.cos(a) * W * 0.3;
      d.y = H / 2 + Math.sin(a) * H * 0.3;
      byId[d.id] = d;
    });
    var links = edges.filter(function (e) { return byId[e.source] && byId[e.target]; })
      .map(function (e) { return { s: byId[e.source], t: byId[e.target], w: e.weight }; });
    var k = Math.min(Math.sqrt((W - 2 * PAD) * (H - 2 * PAD) / Math.max(n, 1)) * SPACING, MAX_SPACING);
    var temp = W / 6;
    for (var it = 0; it < 400; it++) {
      nodes.forEach(function (d) { d.dx = 0; d.dy = 0; });
      for (var i = 0; i < n; i++) {
        for (var j = i + 1; j < n; j++) {
          var a = nodes[i], b = nodes[j];
          var dx = a.x - b.x, dy = a.y - b.y;
          var dist = Math.sqrt(dx * dx + dy * dy) || 0.01;
          var f = k * k / dist;
          a.dx += dx / dist * f; a.dy += dy / dist * f;
          b.dx -= dx / dist * f; b.dy -= dy / dist * f;
        }
      }
      links.forEach(function (l) {
        var dx = l.s.x - l.t.x, dy = l.s.y - l.t.y;
        var dist = Math.sqrt(dx * dx + dy * dy) || 0.01;
        var f = dist * dist / k * Math.min(1 + Math.log(Math.max(l.w, 1)), 3) * ATTRACTION;
        l.s.dx -= dx / dist * f; l.s.dy -= dy / dist * f;
        l.t.dx += dx / dist * f; l.t.dy += dy / dist * f;
      });
      nodes.forEach(function (d) {
        d.dx += (W / 2 - d.x) * GRAVITY; d.dy += (H / 2 - d.y) * GRAVITY * 1.5;  // gravity keeps loose nodes in view
        var len = Math.sqrt(d.dx * d.dx + d.dy * d.dy) || 0.01;
        var step = Math.min(len, temp);
        d.x = Math.max(PAD, Math.min(W - PAD, d.x + d.dx / len * step));
        d.y = Math.max(PAD / 2, Math.min(H - PAD, d.y + d.dy / len * step));
      });
      temp = Math.max(temp * 0.985, 0.5);
    }
    return { byId: byId, links: links };
  }

  function draw() {
    var L = layout();
    var defs = el("defs");
    var marker = el("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 7, markerHeight: 7,
                                orient: "auto-start-reverse" });
    marker.appendChild(el("path", { d: "M0,0 L10,5 L0,10 z", fill: "#b45309" }));
    defs.appendChild(marker);
    svg.appendChild(defs);
    var edgeLayer = el("g"), nodeLayer = el("g");
    svg.appendChild(edgeLayer);
    svg.appendChild(nodeLayer);
    var edgeEls = [];
    edges.forEach(function (e) {
      var s = L.byId[e.source], t = L.byId[e.target];
      if (!s || !t) { return; }
      var said = e.kind === "said-about";
      var shape;
      if (said) {  // curved, so it does not hide the co-mention line between the same pair
        var dx = t.x - s.x, dy = t.y - s.y, dist = Math.sqrt(dx * dx + dy * dy) || 1;
        var r = radius(t) + 3;
        var ex = t.x - dx / dist * r, ey = t.y - dy / dist * r;
        var cx = (s.x + ex) / 2 - dy * 0.15, cy = (s.y + ey) / 2 + dx * 0.15;
        shape = el("path", { d: "M" + s.x + "," + s.y + " Q" + cx + "," + cy + " " + ex + "," + ey,
                             fill: "none", "marker-end": "url(#arrow)" });
      } else {
        shape = el("line", { x1: s.x, y1: s.y, x2: t.x, y2: t.y });
      }
      shape.setAttribute("class", "edge " + (said ? "said" : "co"));
      shape.setAttribute("stroke-width", Math.min(1 + e.weight * 0.6, 5));
      var title = el("title");
      title.textContent = s.name + (said ? " said about " : " \u2014 ") + t.name + " (\u00d7" + e.weight + ")";
      shape.appendChild(title);
      edgeLayer.appendChild(shape);
      edgeEls.push({ el: shape, s: e.source, t: e.target });
    });
    var nodeEls = {};
    nodes.forEach(function (d) {
      var g = el("g", { "class": "node " + d.type, "data-id": d.id, tabindex: 0 });
      var c = el("circle", { cx: d.x, cy: d.y, r: radius(d) });
      var title = el("title");
      title.textContent = d.name + " (" + d.type + ", " + d.mentions + " mentions)";
      c.appendChild(title);
      var label = el("text", { x: d.x, y: d.y + radius(d) + 13 });
      label.textContent = d.name;
      g.appendChild(c);
      if (d.label) { g.appendChild(label); }
      g.addEventListener("mouseenter", function () { if (!d.label) { g.appendChild(label); } focus(d.id); });
      g.addEventListener("mouseleave", function () { if (!d.label && label.parentNode) { g.removeChild(label); } focus(null); });
      g.addEventListener("click", function () { window.location.href = "/entity/" + encodeURIComponent(d.id); });
      nodeLayer.appendChild(g);
      nodeEls[d.id] = g;
    });
    function focus(id) {
      var near = {};
      if (id) {
        near[id] = true;
        edgeEls.forEach(function (e) { if (e.s === id) { near[e.t] = true; } if (e.t === id) { near[e.s] = true; } });
      }
      Object.keys(nodeEls).forEach(function (k) { nodeEls[k].classList.toggle("dim", !!id && !near[k]); });
      edgeEls.forEach(function (e) { e.el.classList.toggle("dim", !!id && e.s !== id && e.t !== id); });
    }
  }

  draw();
})();
