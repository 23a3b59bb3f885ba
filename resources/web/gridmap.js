/* GridMap's map page: the grid layer (canvas), labels, selection, box select, basemap, legend and the
 * bridge to Python (QWebChannel). Python owns the state (selection, colours, basemap); the page draws it and
 * reports the user's gestures. In an exported HTML file there is no bridge and the page works on its own. */
(function () {
  "use strict";
  var GM = (window.GridMap = {});
  var FONT = '"Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", sans-serif';
  var BASE = { weight: 0.6, color: "#555", opacity: 0.8, fillOpacity: 0.62 };
  var SELECTED = { weight: 3, color: "#d7191c", opacity: 1, fillOpacity: 0.8 };
  var HOVER = { weight: 2.5, color: "#111", opacity: 1 };
  var PLAIN = "#9ecae1";
  var LABEL_MIN_ZOOM = 11;

  var map, renderer, group = null, polys = [], data = null, colours = null;
  var selected = new Set(), hover = -1, visible = true, labelMode = "code";
  var labelCanvas, legend, info, basemap = null, bridge = null, lastLayerClick = null;
  var stats = { tilesLoaded: 0, tileErrors: 0, paints: 0 };

  function notify(name) {
    if (bridge && bridge[name]) bridge[name].apply(bridge, Array.prototype.slice.call(arguments, 1));
  }

  function afterPaint(fn) {
    requestAnimationFrame(function () { requestAnimationFrame(fn); });
  }

  // Geometries arrive quantised to 1e-6 degrees and delta-encoded, with GeoArrow-style offsets
  // (points per ring, rings per polygon, polygons per geometry); see gridmap/map/layers.py.
  function decode(shapes) {
    var xy = shapes.xy, rings = shapes.rings, parts = shapes.parts, geoms = shapes.geoms;
    var n = xy.length / 2, lng = new Float64Array(n), lat = new Float64Array(n), x = 0, y = 0;
    for (var k = 0; k < n; k++) {
      x += xy[2 * k];
      y += xy[2 * k + 1];
      lng[k] = x / 1e6;
      lat[k] = y / 1e6;
    }
    var out = new Array(geoms.length - 1);
    for (var g = 0; g < geoms.length - 1; g++) {
      var polygons = [];
      for (var p = geoms[g]; p < geoms[g + 1]; p++) {
        var polygon = [];
        for (var r = parts[p]; r < parts[p + 1]; r++) {
          var ring = new Array(rings[r + 1] - rings[r]);
          for (var i = rings[r]; i < rings[r + 1]; i++) ring[i - rings[r]] = new L.LatLng(lat[i], lng[i]);
          polygon.push(ring);
        }
        polygons.push(polygon);
      }
      out[g] = polygons;
    }
    return out;
  }

  function fill(i) {
    return colours ? colours.palette[colours.index[i]] : PLAIN;
  }

  function styleFor(i) {
    var s = L.extend({ fillColor: fill(i) }, BASE);
    if (selected.has(i)) L.extend(s, SELECTED);
    else if (i === hover) L.extend(s, HOVER);
    return s;
  }

  // --- commands from Python ------------------------------------------------------------------------

  GM.setGrids = function (d) {
    var t0 = performance.now();
    if (group) map.removeLayer(group);
    data = d;
    hover = -1;
    polys = new Array(d.code.length);
    group = L.featureGroup();
    var shapes = decode(d.shapes);
    for (var i = 0; i < shapes.length; i++) {
      var p = L.polygon(shapes[i], L.extend({ renderer: renderer }, styleFor(i)));
      p._gm = i;
      polys[i] = p;
      group.addLayer(p);
    }
    group.on("click", onGridClick).on("mouseover", onOver).on("mouseout", onOut);
    if (visible) group.addTo(map);
    drawLabels();
    afterPaint(function () {
      stats.paints += 1;
      notify("painted", "grids", performance.now() - t0);
    });
  };

  GM.setColours = function (c) {
    colours = c;
    for (var i = 0; i < polys.length; i++) if (polys[i]) polys[i].setStyle({ fillColor: fill(i) });
    showLegend(c);
  };

  GM.setSelection = function (rows) {
    var next = new Set(rows);
    if (!polys.length) { selected = next; return; }
    selected.forEach(function (i) { if (!next.has(i) && polys[i]) { selected.delete(i); polys[i].setStyle(styleFor(i)); } });
    selected = next;
    selected.forEach(function (i) { if (polys[i]) { polys[i].setStyle(styleFor(i)); polys[i].bringToFront(); } });
    drawLabels();
  };

  GM.setGeometry = function (g) {
    var p = polys[g.id];
    if (!p) return;
    p.setLatLngs(decode(g.shapes)[0]);
    data.label[g.id] = g.label;
    data.span[g.id] = g.span;
    drawLabels();
  };

  GM.setVisible = function (on) {
    visible = on;
    if (group) { if (on) group.addTo(map); else map.removeLayer(group); }
    drawLabels();
  };

  GM.setLabels = function (mode) {
    labelMode = mode;
    drawLabels();
  };

  GM.fit = function (bounds) {
    if (bounds) map.fitBounds(bounds, { padding: [16, 16], maxZoom: 17, animate: false });
  };

  GM.setExtent = function (bounds) {
    map.fitBounds(bounds, { animate: false });
  };

  GM.setView = function (v) {
    map.setView([v.center[1], v.center[0]], v.zoom, { animate: false });
  };

  GM.setBasemap = function (spec) {
    if (basemap) map.removeLayer(basemap);
    basemap = null;
    if (!spec) return;
    basemap = L.tileLayer(spec.url, {
      subdomains: spec.subdomains || "abc", minZoom: 0, maxZoom: 20,
      minNativeZoom: spec.min_zoom, maxNativeZoom: spec.max_zoom, attribution: spec.attribution || ""
    });
    basemap.on("tileload", function () { stats.tilesLoaded += 1; });
    basemap.on("tileerror", function () { stats.tileErrors += 1; });
    basemap.addTo(map).bringToBack();
  };

  // --- helpers for tests and scripted checks ---------------------------------------------------------

  GM.state = function () {
    var c = map.getCenter();
    return { grids: polys.length, selected: Array.from(selected).sort(function (a, b) { return a - b; }),
             zoom: map.getZoom(), center: [c.lng, c.lat], stats: stats, basemap: !!basemap, visible: visible,
             hover: hover };
  };

  GM._poly = function (i) {
    return polys[i];
  };

  GM.pointOf = function (i) {
    var p = map.latLngToContainerPoint([data.label[i][1], data.label[i][0]]);
    return [p.x, p.y];
  };

  // --- gestures ---------------------------------------------------------------------------------------

  function onGridClick(e) {
    var ev = e.originalEvent;
    lastLayerClick = ev;
    if (afterBox(ev)) return;
    var i = e.layer._gm;
    if (bridge) notify("gridClick", i, !!(ev.ctrlKey || ev.metaKey), !!ev.shiftKey);
    else standaloneClick(i, e.latlng);
  }

  function onOver(e) {
    var i = e.layer._gm;
    hover = i;
    if (!selected.has(i)) e.layer.setStyle(styleFor(i));
    info.update(i);
  }

  function onOut(e) {
    var i = e.layer._gm;
    if (hover === i) hover = -1;
    if (!selected.has(i)) e.layer.setStyle(styleFor(i));
    info.update(-1);
  }

  function standaloneClick(i, latlng) {
    GM.setSelection([i]);
    var rows = [["", data.code[i] + " " + data.name[i]]];
    if (data.props) for (var k = 0; k < data.props.columns.length; k++) rows.push([data.props.columns[k], data.props.rows[i][k]]);
    var html = "<table class='gm-popup'>" + rows.map(function (r) {
      return "<tr><th>" + esc(r[0]) + "</th><td>" + esc(r[1]) + "</td></tr>";
    }).join("") + "</table>";
    L.popup({ maxWidth: 360 }).setLatLng(latlng).setContent(html).openOn(map);
  }

  function esc(v) {
    return String(v === null || v === undefined ? "" : v).replace(/[&<>"]/g, function (ch) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[ch];
    });
  }

  var boxEnded = -1;

  function afterBox(ev) {
    // the click that ends a box drag is not a click on a grid
    return boxEnded >= 0 && ev.timeStamp - boxEnded < 500;
  }

  function setupBoxSelect() {
    var c = map.getContainer(), start = null, box = null;
    L.DomEvent.on(c, "mousedown", function (e) {
      if (!e.shiftKey || e.button !== 0 || !bridge) return;
      L.DomEvent.stop(e);
      map.dragging.disable();
      start = map.mouseEventToContainerPoint(e);
      box = L.DomUtil.create("div", "gm-box", c);
      L.DomEvent.on(document, "mousemove", move);
      L.DomEvent.on(document, "mouseup", up);
    });
    function move(e) {
      var b = L.bounds(start, map.mouseEventToContainerPoint(e));
      L.DomUtil.setPosition(box, b.min);
      box.style.width = b.max.x - b.min.x + "px";
      box.style.height = b.max.y - b.min.y + "px";
    }
    function up(e) {
      L.DomEvent.off(document, "mousemove", move);
      L.DomEvent.off(document, "mouseup", up);
      L.DomUtil.remove(box);
      map.dragging.enable();
      var end = map.mouseEventToContainerPoint(e);
      boxEnded = e.timeStamp;
      if (start.distanceTo(end) > 4) {
        var b = L.latLngBounds(map.containerPointToLatLng(start), map.containerPointToLatLng(end));
        notify("boxSelect", b.getWest(), b.getSouth(), b.getEast(), b.getNorth(), !!(e.ctrlKey || e.metaKey));
      }
      start = null;
    }
  }

  // --- labels: one canvas over the map, redrawn on move, skipping labels that would overlap ------------

  function drawLabels() {
    var size = map.getSize(), ratio = window.devicePixelRatio || 1;
    if (labelCanvas.width !== size.x * ratio || labelCanvas.height !== size.y * ratio) {
      labelCanvas.width = size.x * ratio;
      labelCanvas.height = size.y * ratio;
      labelCanvas.style.width = size.x + "px";
      labelCanvas.style.height = size.y + "px";
    }
    var ctx = labelCanvas.getContext("2d");
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, size.x, size.y);
    if (!data || !visible || labelMode === "none" || map.getZoom() < LABEL_MIN_ZOOM) return;
    var texts = labelMode === "name" ? data.name : data.code;
    var b = map.getBounds(), w = b.getWest(), e = b.getEast(), s = b.getSouth(), n = b.getNorth();
    var pxX = size.x / (e - w), pxY = size.y / (n - s);
    ctx.font = "12px " + FONT;
    ctx.textAlign = "center";
    ctx.textBaseline = "middle";
    ctx.lineJoin = "round";
    ctx.lineWidth = 3;
    ctx.strokeStyle = "rgba(255,255,255,0.92)";
    ctx.fillStyle = "#1b1b1b";
    var cell = 64, taken = {};
    function free(x0, y0, x1, y1) {
      for (var gx = Math.floor(x0 / cell); gx <= Math.floor(x1 / cell); gx++)
        for (var gy = Math.floor(y0 / cell); gy <= Math.floor(y1 / cell); gy++) {
          var list = taken[gx + ":" + gy] || [];
          for (var k = 0; k < list.length; k++) {
            var r = list[k];
            if (x0 < r[2] && x1 > r[0] && y0 < r[3] && y1 > r[1]) return false;
          }
        }
      return true;
    }
    function take(r) {
      for (var gx = Math.floor(r[0] / cell); gx <= Math.floor(r[2] / cell); gx++)
        for (var gy = Math.floor(r[1] / cell); gy <= Math.floor(r[3] / cell); gy++) {
          var key = gx + ":" + gy;
          (taken[key] = taken[key] || []).push(r);
        }
    }
    var order = Array.from(selected);
    for (var i = 0; i < data.label.length; i++) if (!selected.has(i)) order.push(i);
    for (var j = 0; j < order.length; j++) {
      var idx = order[j], pt = data.label[idx];
      if (!pt || pt[0] < w || pt[0] > e || pt[1] < s || pt[1] > n) continue;
      var text = texts[idx];
      if (!text) continue;
      var tw = ctx.measureText(text).width;
      if (data.span[idx][0] * pxX < tw * 0.75 || data.span[idx][1] * pxY < 14) continue;
      var p = map.latLngToContainerPoint([pt[1], pt[0]]);
      var r = [p.x - tw / 2 - 2, p.y - 8, p.x + tw / 2 + 2, p.y + 8];
      if (!free(r[0], r[1], r[2], r[3])) continue;
      take(r);
      ctx.strokeText(text, p.x, p.y);
      ctx.fillText(text, p.x, p.y);
    }
  }

  // --- controls -----------------------------------------------------------------------------------------

  function showLegend(c) {
    var el = legend.getContainer();
    if (!c || !c.legend || !c.legend.length) { el.style.display = "none"; return; }
    el.style.display = "";
    el.innerHTML = (c.title ? "<div class='gm-legend-title'>" + esc(c.title) + "</div>" : "") +
      c.legend.map(function (item) {
        return "<div><i style='background:" + esc(item[1]) + "'></i>" + esc(item[0]) + "</div>";
      }).join("");
  }

  function setupControls() {
    L.control.scale({ imperial: false, maxWidth: 160, position: "bottomleft" }).addTo(map);
    legend = L.control({ position: "bottomright" });
    legend.onAdd = function () { var d = L.DomUtil.create("div", "gm-legend"); d.style.display = "none"; return d; };
    legend.addTo(map);
    info = L.control({ position: "topright" });
    info.onAdd = function () { var d = L.DomUtil.create("div", "gm-info"); d.style.display = "none"; return d; };
    info.update = function (i) {
      var el = info.getContainer();
      if (i < 0 || !data) { el.style.display = "none"; return; }
      el.style.display = "";
      el.textContent = data.code[i] + "  " + data.name[i];
    };
    info.addTo(map);
  }

  // --- start ----------------------------------------------------------------------------------------------

  var handlers = {
    grids: GM.setGrids, colours: GM.setColours, selection: GM.setSelection, geometry: GM.setGeometry,
    visible: GM.setVisible, labels: GM.setLabels, fit: GM.fit, extent: GM.setExtent, view: GM.setView,
    basemap: GM.setBasemap
  };

  GM.init = function (leafletMap, options) {
    map = leafletMap;
    renderer = L.canvas({ padding: 0.3, tolerance: 3 });
    map.boxZoom.disable();
    map.setMinZoom(3);
    map.setMaxZoom(20);
    map.attributionControl.setPrefix(false);
    labelCanvas = L.DomUtil.create("canvas", "gm-labels", map.getContainer());
    map.on("move zoomend resize viewreset", drawLabels);
    map.on("zoomstart", function () { labelCanvas.getContext("2d").clearRect(0, 0, labelCanvas.width, labelCanvas.height); });
    setupControls();
    setupBoxSelect();
    map.on("click", function (e) {
      if (e.originalEvent === lastLayerClick || afterBox(e.originalEvent)) return;
      if (bridge) notify("mapClick", !!(e.originalEvent.ctrlKey || e.originalEvent.metaKey));
      else GM.setSelection([]);
    });
    var lastMove = 0;
    map.on("mousemove", function (e) {
      var now = performance.now();
      if (now - lastMove < 40) return;
      lastMove = now;
      notify("mouseMove", e.latlng.lng, e.latlng.lat);
    });
    map.on("mouseout", function () { notify("mouseLeave"); });
    map.on("moveend", function () {
      var b = map.getBounds();
      notify("viewChange", b.getWest(), b.getSouth(), b.getEast(), b.getNorth(), map.getZoom());
    });
    if (options.bridge) {
      new QWebChannel(qt.webChannelTransport, function (channel) {
        bridge = channel.objects.bridge;
        bridge.send.connect(function (op, payload) {
          var h = handlers[op];
          if (h) h(JSON.parse(payload));
        });
        bridge.ready();
      });
    } else {
      if (options.basemap) GM.setBasemap(options.basemap);
      if (options.grids) GM.setGrids(options.grids);
      if (options.colours) GM.setColours(options.colours);
      if (options.labels) GM.setLabels(options.labels);
      if (options.view) GM.fit(options.view);
    }
  };
})();
