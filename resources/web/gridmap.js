/* GridMap's map page: the grid layer (canvas), labels, selection, box select, basemap, legend, the record
 * overlays (points, clusters and heat maps), drawing for the edit tools and the bridge to Python (QWebChannel).
 * Python owns the state (selection, colours, basemap, which records show); the page draws it and reports the
 * user's gestures. In an exported HTML file there is no bridge and the page works on its own. */
(function () {
  "use strict";
  var GM = (window.GridMap = {});
  var FONT = '"Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", sans-serif';
  var STYLE = { fillOpacity: 0.62, line: "rgba(85,85,85,0.8)", lineWidth: 0.6,
                selectedFillOpacity: 0.8, selectedLine: "#d7191c", selectedWidth: 3, hoverLine: "#111", hoverWidth: 2.5 };
  var PLAIN = "#9ecae1";
  var LABEL_MIN_ZOOM = 11;

  var map, grids, data = null, colours = null;
  var selected = new Set(), hover = -1, visible = true, labelMode = "code";
  var labelCanvas, legend, info, basemap = null, bridge = null;
  var stats = { tilesLoaded: 0, tileErrors: 0, paints: 0 };

  function notify(name) {
    if (bridge && bridge[name]) bridge[name].apply(bridge, Array.prototype.slice.call(arguments, 1));
  }

  function afterPaint(fn) {
    // the frame that draws runs its animation-frame callbacks, then paints; the next frame's callbacks run
    // once that frame has been delivered
    requestAnimationFrame(function () { requestAnimationFrame(fn); });
  }

  // Geometries arrive quantised to 1e-6 degrees and delta-encoded, with GeoArrow-style offsets (points per
  // ring, rings per polygon, polygons per geometry); see gridmap/map/layers.py. Each grid becomes a list of
  // rings of Web Mercator points at zoom 0 (Float64Array x0, y0, x1, y1, ...), its bounding box there, and its
  // lon/lat bounds.
  function decode(shapes) {
    var xy = shapes.xy, rings = shapes.rings, parts = shapes.parts, geoms = shapes.geoms;
    var n = xy.length / 2, px = new Float64Array(n), py = new Float64Array(n), lon = new Float64Array(n);
    var lat = new Float64Array(n), x = 0, y = 0, R = Math.PI / 180, MAXLAT = 85.0511287798;
    for (var k = 0; k < n; k++) {
      x += xy[2 * k];
      y += xy[2 * k + 1];
      lon[k] = x / 1e6;
      lat[k] = y / 1e6;
      var phi = Math.max(Math.min(lat[k], MAXLAT), -MAXLAT) * R;
      px[k] = 256 * (lon[k] + 180) / 360;
      py[k] = 128 - 128 * Math.log(Math.tan(Math.PI / 4 + phi / 2)) / Math.PI;
    }
    var out = new Array(geoms.length - 1);
    for (var g = 0; g < geoms.length - 1; g++) {
      var list = [], box = [Infinity, Infinity, -Infinity, -Infinity], lonlat = [Infinity, Infinity, -Infinity, -Infinity];
      for (var r = parts[geoms[g]]; r < parts[geoms[g + 1]]; r++) {
        var a = rings[r], b = rings[r + 1], ring = new Float64Array(2 * (b - a));
        for (var i = a; i < b; i++) {
          ring[2 * (i - a)] = px[i];
          ring[2 * (i - a) + 1] = py[i];
          if (px[i] < box[0]) box[0] = px[i];
          if (py[i] < box[1]) box[1] = py[i];
          if (px[i] > box[2]) box[2] = px[i];
          if (py[i] > box[3]) box[3] = py[i];
          if (lon[i] < lonlat[0]) lonlat[0] = lon[i];
          if (lat[i] < lonlat[1]) lonlat[1] = lat[i];
          if (lon[i] > lonlat[2]) lonlat[2] = lon[i];
          if (lat[i] > lonlat[3]) lonlat[3] = lat[i];
        }
        list.push(ring);
      }
      out[g] = { rings: list, box: box, lonlat: lonlat };
    }
    return out;
  }

  function inside(shape, x, y) {
    var box = shape.box, hit = false;
    if (x < box[0] || x > box[2] || y < box[1] || y > box[3]) return false;
    for (var r = 0; r < shape.rings.length; r++) {
      var ring = shape.rings[r], m = ring.length;
      for (var i = 0, j = m - 2; i < m; j = i, i += 2) {
        var yi = ring[i + 1], yj = ring[j + 1];
        if ((yi > y) !== (yj > y) && x < (ring[j] - ring[i]) * (y - yi) / (yj - yi) + ring[i]) hit = !hit;
      }
    }
    return hit;
  }

  // The grid layer: a Leaflet renderer (so panning, zooming and zoom animation position it like Leaflet's
  // own canvas) that draws every grid from typed arrays: one fill per colour, one stroke for all outlines,
  // then the selection and the hovered grid on top. Finding the grid under the mouse uses a bucket index
  // over the grids' boxes and an even-odd point-in-polygon test.
  // A canvas that Leaflet positions like its own renderers while panning, zooming and animating the zoom; the
  // subclass's _draw paints it.
  var CanvasLayer = L.Renderer.extend({
    options: { padding: 0.3 },

    redraw: function () {
      if (this._map && !this._frame) this._frame = L.Util.requestAnimFrame(this._draw, this);
    },

    _initContainer: function () {
      this._container = document.createElement("canvas");
      this._ctx = this._container.getContext("2d");
    },

    _destroyContainer: function () {
      L.Util.cancelAnimFrame(this._frame);
      L.DomUtil.remove(this._container);
      delete this._container;
    },

    _updatePaths: function () {},

    _update: function () {
      if (this._map._animatingZoom && this._bounds) return;
      L.Renderer.prototype._update.call(this);
      var b = this._bounds, size = b.getSize(), m = window.devicePixelRatio || 1, c = this._container;
      L.DomUtil.setPosition(c, b.min);
      c.width = m * size.x;
      c.height = m * size.y;
      c.style.width = size.x + "px";
      c.style.height = size.y + "px";
      this._draw();
    },

    // start a frame: cleared, scaled for the screen; returns the zoom scale and the canvas origin in world
    // pixels at the current zoom, or null when there is nothing to draw on
    _begin: function () {
      this._frame = null;
      if (!this._map || !this._bounds || !this._map.getSize().x || !this._map.getSize().y) return null;
      var ctx = this._ctx, b = this._bounds, m = window.devicePixelRatio || 1, size = b.getSize();
      ctx.setTransform(m, 0, 0, m, 0, 0);
      ctx.clearRect(0, 0, size.x, size.y);
      var k = Math.pow(2, this._zoom), origin = this._map.getPixelOrigin();
      return { k: k, ox: origin.x + b.min.x, oy: origin.y + b.min.y, w: size.x, h: size.y };
    }
  });

  var GridCanvas = CanvasLayer.extend({

    setShapes: function (shapes) {
      this._shapes = shapes;
      if (shapes) this._buildIndex();
      this.redraw();
    },

    setShape: function (i, shape) {
      this._shapes[i] = shape;
      this._buildIndex();
      this.redraw();
    },

    at: function (latlng) {
      if (!this._shapes || !this._cells) return -1;
      var p = this._map.options.crs.latLngToPoint(latlng, 0), c = this._cellOf(p.x, p.y);
      var list = c === null ? [] : this._cells[c];
      for (var k = 0; k < list.length; k++) if (inside(this._shapes[list[k]], p.x, p.y)) return list[k];
      return -1;
    },

    _buildIndex: function () {
      var shapes = this._shapes, all = [Infinity, Infinity, -Infinity, -Infinity], N = 64;
      shapes.forEach(function (s) {
        all[0] = Math.min(all[0], s.box[0]); all[1] = Math.min(all[1], s.box[1]);
        all[2] = Math.max(all[2], s.box[2]); all[3] = Math.max(all[3], s.box[3]);
      });
      this._all = all;
      this._cellW = (all[2] - all[0]) / N || 1;
      this._cellH = (all[3] - all[1]) / N || 1;
      var cells = this._cells = new Array(N * N);
      for (var c = 0; c < N * N; c++) cells[c] = [];
      for (var i = 0; i < shapes.length; i++) {
        var b = shapes[i].box;
        if (!(b[2] >= b[0])) continue;
        var x0 = Math.min(N - 1, Math.floor((b[0] - all[0]) / this._cellW)), x1 = Math.min(N - 1, Math.floor((b[2] - all[0]) / this._cellW));
        var y0 = Math.min(N - 1, Math.floor((b[1] - all[1]) / this._cellH)), y1 = Math.min(N - 1, Math.floor((b[3] - all[1]) / this._cellH));
        for (var cx = x0; cx <= x1; cx++) for (var cy = y0; cy <= y1; cy++) cells[cy * N + cx].push(i);
      }
      this._N = N;
    },

    _cellOf: function (x, y) {
      var all = this._all, N = this._N;
      if (x < all[0] || x > all[2] || y < all[1] || y > all[3]) return null;
      return Math.min(N - 1, Math.floor((y - all[1]) / this._cellH)) * N + Math.min(N - 1, Math.floor((x - all[0]) / this._cellW));
    },

    _trace: function (ctx, shape, k, ox, oy) {
      // one sub-path per ring; points closer than half a pixel to the last one drawn are skipped
      for (var r = 0; r < shape.rings.length; r++) {
        var ring = shape.rings[r], lx = ring[0] * k - ox, ly = ring[1] * k - oy;
        ctx.moveTo(lx, ly);
        for (var i = 2; i < ring.length; i += 2) {
          var x = ring[i] * k - ox, y = ring[i + 1] * k - oy;
          if (Math.abs(x - lx) + Math.abs(y - ly) < 0.5 && i < ring.length - 2) continue;
          ctx.lineTo(x, y);
          lx = x;
          ly = y;
        }
        ctx.closePath();
      }
    },

    // fn runs once a frame that drew the current shapes has been painted (not before the canvas holds them:
    // the map may not have its size yet)
    whenDrawn: function (fn) {
      this._whenDrawn = fn;
    },

    // the share of the map's visible area that the drawn grids cover (sampled from the canvas)
    coverage: function () {
      if (!this._map || !this._bounds || !visible) return 0;
      var m = window.devicePixelRatio || 1, size = this._map.getSize();
      var o = this._map.containerPointToLayerPoint([0, 0]).subtract(this._bounds.min);
      var w = Math.min(Math.round(size.x * m), this._container.width), h = Math.min(Math.round(size.y * m), this._container.height);
      if (w <= 0 || h <= 0) return 0;
      var px = this._ctx.getImageData(Math.round(o.x * m), Math.round(o.y * m), w, h).data, n = 0, all = 0;
      for (var i = 3; i < px.length; i += 28) {
        all += 1;
        if (px[i] > 0) n += 1;
      }
      return n / all;
    },

    _draw: function () {
      var f = this._begin(), shapes = this._shapes;
      if (f && shapes && this._whenDrawn) {
        afterPaint(this._whenDrawn);  // runs after this frame, drawn below, has been painted
        this._whenDrawn = null;
      }
      if (!f || !shapes || !visible) return;
      var ctx = this._ctx, k = f.k, ox = f.ox, oy = f.oy;
      var v0 = ox / k, v1 = oy / k, v2 = (ox + f.w) / k, v3 = (oy + f.h) / k;
      var byColour = {};
      for (var i = 0; i < shapes.length; i++) {
        var box = shapes[i].box;
        if (box[2] < v0 || box[0] > v2 || box[3] < v1 || box[1] > v3) continue;
        if (selected.has(i)) continue;
        var c = fill(i);
        (byColour[c] = byColour[c] || []).push(i);
      }
      ctx.lineJoin = "round";
      ctx.strokeStyle = STYLE.line;
      ctx.lineWidth = STYLE.lineWidth;
      for (var colour in byColour) {
        ctx.fillStyle = colour;
        var list = byColour[colour];
        for (var j = 0; j < list.length; j++) {
          ctx.beginPath();
          this._trace(ctx, shapes[list[j]], k, ox, oy);
          ctx.globalAlpha = STYLE.fillOpacity;
          ctx.fill("evenodd");
          ctx.globalAlpha = 1;
          ctx.stroke();
        }
      }
      var self = this;
      selected.forEach(function (i) {
        if (!shapes[i]) return;
        ctx.beginPath();
        self._trace(ctx, shapes[i], k, ox, oy);
        ctx.globalAlpha = STYLE.selectedFillOpacity;
        ctx.fillStyle = fill(i);
        ctx.fill("evenodd");
        ctx.globalAlpha = 1;
        ctx.strokeStyle = STYLE.selectedLine;
        ctx.lineWidth = STYLE.selectedWidth;
        ctx.stroke();
      });
      if (hover >= 0 && shapes[hover] && !selected.has(hover)) {
        ctx.beginPath();
        this._trace(ctx, shapes[hover], k, ox, oy);
        ctx.strokeStyle = STYLE.hoverLine;
        ctx.lineWidth = STYLE.hoverWidth;
        ctx.stroke();
      }
    }
  });

  function fill(i) {
    return colours && colours.index[i] !== undefined ? colours.palette[colours.index[i]] : PLAIN;
  }

  // --- record overlays -------------------------------------------------------------------------------
  // Python sends, per record kind, what the current view needs (see gridmap/map/overlays.py): individual
  // points, clusters (count, dominant category) or heat-map weights, positions delta-encoded like the grids.
  // Points and clusters are drawn on one canvas in their own pane above the grids; heat maps are leaflet.heat
  // layers. Clicking a point reports it; clicking a cluster zooms in on it.

  var ORDER = ["venues", "persons", "incidents"];  // drawing order: incidents on top
  var tracks = null, tracksShown = true;  // the day's GPS tracks as lines: {sizes, colour, px, py} (GM.setTracks)
  var POINT_R = 4.5, HIT_PX = 7;
  var HEAT_GRADIENT = { 0.4: "blue", 0.6: "cyan", 0.7: "lime", 0.8: "yellow", 1: "red" };  // leaflet.heat's own
  var overlays = {}, points;

  function overlay(kind) {
    return overlays[kind] = overlays[kind] || { kind: kind, data: null, visible: true, heat: null, drawn: 0 };
  }

  // a payload's positions as lon/lat and Web Mercator world pixels at zoom 0, rows and classes per category
  function decodeOverlay(d) {
    var n = d.xy.length / 2, lon = new Float64Array(n), lat = new Float64Array(n), px = new Float64Array(n);
    var py = new Float64Array(n), x = 0, y = 0, R = Math.PI / 180;
    for (var k = 0; k < n; k++) {
      x += d.xy[2 * k];
      y += d.xy[2 * k + 1];
      lon[k] = x / 1e6;
      lat[k] = y / 1e6;
      px[k] = 256 * (lon[k] + 180) / 360;
      py[k] = 128 - 128 * Math.log(Math.tan(Math.PI / 4 + lat[k] * R / 2)) / Math.PI;
    }
    var out = { n: n, lon: lon, lat: lat, px: px, py: py };
    if (d.mode === "points") {
      var row = new Int32Array(n), r = 0, byCat = d.colours.map(function () { return []; });
      for (var i = 0; i < n; i++) {
        r += d.row[i];
        row[i] = r;
        byCat[d.cat[i]].push(i);
      }
      out.row = row;
      out.byCat = byCat;
    } else if (d.mode === "clusters") {
      out.order = Array.from(d.count.keys()).sort(function (a, b) { return d.count[a] - d.count[b]; });
    }
    return out;
  }

  function clusterRadius(count) {
    return 9 + 4 * Math.log10(count);
  }

  function shapePath(ctx, shape, x, y, r) {
    if (shape === "square") {
      ctx.rect(x - r * 0.85, y - r * 0.85, r * 1.7, r * 1.7);
    } else if (shape === "diamond") {
      ctx.moveTo(x, y - r * 1.2);
      ctx.lineTo(x + r * 1.2, y);
      ctx.lineTo(x, y + r * 1.2);
      ctx.lineTo(x - r * 1.2, y);
      ctx.closePath();
    } else {
      ctx.moveTo(x + r, y);
      ctx.arc(x, y, r, 0, 2 * Math.PI);
    }
  }

  function darkText(colour) {
    var c = parseInt(colour.slice(1), 16);
    return 0.299 * (c >> 16) + 0.587 * (c >> 8 & 255) + 0.114 * (c & 255) > 160;
  }

  function shortCount(n) {
    return n < 10000 ? String(n) : n < 1e6 ? Math.round(n / 1000) + "k" : (n / 1e6).toFixed(1) + "M";
  }

  var PointCanvas = CanvasLayer.extend({
    _draw: function () {
      var f = this._begin();
      if (!f) return;
      var self = this;
      if (tracks && tracksShown) this._lines(f);
      ORDER.forEach(function (kind) {
        var o = overlays[kind];
        if (o) o.drawn = 0;
        if (!o || !o.visible || !o.data || o.data.mode === "heat") return;
        if (o.data.mode === "points") self._points(o, f);
        else self._clusters(o, f);
      });
    },

    _lines: function (f) {
      var ctx = this._ctx, at = 0;
      ctx.lineWidth = 2.5;
      ctx.lineJoin = "round";
      ctx.globalAlpha = 0.85;
      for (var l = 0; l < tracks.sizes.length; l++) {
        ctx.beginPath();
        for (var j = 0; j < tracks.sizes[l]; j++, at++) {
          var x = tracks.px[at] * f.k - f.ox, y = tracks.py[at] * f.k - f.oy;
          if (j) ctx.lineTo(x, y); else ctx.moveTo(x, y);
        }
        ctx.strokeStyle = tracks.colour[l];
        ctx.stroke();
      }
      ctx.globalAlpha = 1;
    },

    _points: function (o, f) {
      var ctx = this._ctx, d = o.data, g = o.decoded, m = POINT_R + 2;
      ctx.lineWidth = 1;
      ctx.strokeStyle = "#fff";
      for (var c = 0; c < g.byCat.length; c++) {
        var list = g.byCat[c];
        if (!list.length) continue;
        ctx.beginPath();
        for (var j = 0; j < list.length; j++) {
          var i = list[j], x = g.px[i] * f.k - f.ox, y = g.py[i] * f.k - f.oy;
          if (x < -m || y < -m || x > f.w + m || y > f.h + m) continue;
          shapePath(ctx, d.shape, x, y, POINT_R);
          o.drawn += 1;
        }
        ctx.fillStyle = d.colours[c];
        ctx.fill();
        ctx.stroke();
      }
    },

    _clusters: function (o, f) {
      var ctx = this._ctx, d = o.data, g = o.decoded;
      ctx.font = "bold 11px " + FONT;
      ctx.textAlign = "center";
      ctx.textBaseline = "middle";
      for (var j = 0; j < g.order.length; j++) {
        var i = g.order[j], n = d.count[i], colour = d.colours[d.cat[i]];
        var x = g.px[i] * f.k - f.ox, y = g.py[i] * f.k - f.oy, r = n > 1 ? clusterRadius(n) : POINT_R;
        if (x < -r - 4 || y < -r - 4 || x > f.w + r + 4 || y > f.h + r + 4) continue;
        o.drawn += 1;
        ctx.fillStyle = colour;
        if (n > 1) {
          ctx.globalAlpha = 0.35;
          ctx.beginPath();
          ctx.arc(x, y, r + 4, 0, 2 * Math.PI);
          ctx.fill();
          ctx.globalAlpha = 1;
        }
        ctx.beginPath();
        shapePath(ctx, n > 1 ? "circle" : d.shape, x, y, r);
        ctx.fill();
        ctx.lineWidth = n > 1 ? 1.5 : 1;
        ctx.strokeStyle = "#fff";
        ctx.stroke();
        if (n > 1) {
          ctx.fillStyle = darkText(colour) ? "#222" : "#fff";
          ctx.fillText(shortCount(n), x, y);
        }
      }
    },

    // the point or cluster drawn under a position (world pixels at zoom 0, as from the CRS), top-most first:
    // {kind, row} for a record, {kind, cluster: index} for a cluster, or null
    at: function (p) {
      var k = Math.pow(2, this._map.getZoom());
      for (var o, t = ORDER.length - 1; t >= 0; t--) {
        o = overlays[ORDER[t]];
        if (!o || !o.visible || !o.data || o.data.mode === "heat") continue;
        var d = o.data, g = o.decoded, best = -1, bestDist = Infinity;
        for (var i = 0; i < g.n; i++) {
          var dist = Math.hypot(g.px[i] - p.x, g.py[i] - p.y) * k;
          var reach = d.mode === "clusters" && d.count[i] > 1 ? clusterRadius(d.count[i]) + 2 : HIT_PX;
          if (dist <= reach && dist < bestDist) { best = i; bestDist = dist; }
        }
        if (best < 0) continue;
        if (d.mode === "points") return { kind: o.kind, row: g.row[best] };
        if (d.count[best] === 1) return { kind: o.kind, row: d.row[best] };
        return { kind: o.kind, cluster: best };
      }
      return null;
    }
  });

  function overlayAt(latlng) {
    return points.at(map.options.crs.latLngToPoint(latlng, 0));
  }

  function showHeat(o) {
    var on = o.visible && o.data && o.data.mode === "heat";
    if (!on) {
      if (o.heat && map.hasLayer(o.heat)) map.removeLayer(o.heat);
      return;
    }
    var d = o.data, g = o.decoded, latlngs = new Array(g.n);
    for (var i = 0; i < g.n; i++) latlngs[i] = [g.lat[i], g.lon[i], d.w[i]];
    var options = { radius: d.radius, blur: d.radius * 0.8, maxZoom: d.zoom, max: d.max, minOpacity: 0.2,
                    gradient: HEAT_GRADIENT };
    if (o.heat && map.hasLayer(o.heat)) {
      o.heat.setOptions(options);
      o.heat.setLatLngs(latlngs);
    } else {  // a removed leaflet.heat layer cannot be updated: make a new one
      o.heat = L.heatLayer(latlngs, options).addTo(map);
    }
  }

  GM.setPoints = function (m) {
    var o = overlay(m.kind);
    o.data = m.payload;
    o.decoded = m.payload ? decodeOverlay(m.payload) : null;
    showHeat(o);
    points.redraw();
    renderLegend();
  };

  // the day's GPS tracks as lines under the points ({day, xy, sizes, colour}, or null to remove them)
  GM.setTracks = function (m) {
    if (!m) {
      tracks = null;
    } else {
      var g = decodeOverlay({ xy: m.xy, mode: "lines" });
      tracks = { day: m.day, sizes: m.sizes, colour: m.colour, px: g.px, py: g.py };
    }
    points.redraw();
  };

  GM.setTracksVisible = function (on) {
    tracksShown = on;
    points.redraw();
  };

  GM.tracks = function () {
    return tracks ? { day: tracks.day, lines: tracks.sizes.length, points: tracks.px.length, visible: tracksShown }
      : null;
  };

  GM.setPointsVisible = function (m) {
    var o = overlay(m.kind);
    o.visible = m.visible;
    showHeat(o);
    points.redraw();
    renderLegend();
  };

  // --- drawing: a line or a polygon for the edit tools ------------------------------------------------
  // Click adds a vertex, the rubber band follows the mouse, double-click or Enter finishes (as does clicking
  // a polygon's first vertex), Backspace removes the last vertex, Esc cancels. Vertices snap to the nearest
  // grid vertex within SNAP_PX pixels, found through the grid layer's bucket index; the snap target is ringed.
  // The finished vertices go to Python as display lon/lat, which converts them back as it does clicks; the
  // finished drawing stays on the map (while its edit is previewed) until Python clears it.

  var SNAP_PX = 10, SAME_PX = 3, DRAW_COLOUR = "#d7191c", SNAP_COLOUR = "#ff7f00";
  var drawing = null, drawLayer;

  // the grid vertex nearest to world pixel p (zoom 0) within SNAP_PX screen pixels, as [x, y], or null
  function snapTarget(p) {
    var shapes = grids._shapes, cells = grids._cells;
    if (!shapes || !cells || !visible) return null;
    var t = SNAP_PX / Math.pow(2, map.getZoom()), all = grids._all, N = grids._N, best = null, bestD = t * t;
    var cx0 = Math.max(0, Math.floor((p.x - t - all[0]) / grids._cellW)), cx1 = Math.min(N - 1, Math.floor((p.x + t - all[0]) / grids._cellW));
    var cy0 = Math.max(0, Math.floor((p.y - t - all[1]) / grids._cellH)), cy1 = Math.min(N - 1, Math.floor((p.y + t - all[1]) / grids._cellH));
    var seen = new Set();
    for (var cx = cx0; cx <= cx1; cx++) for (var cy = cy0; cy <= cy1; cy++) {
      var list = cells[cy * N + cx];
      for (var j = 0; j < list.length; j++) {
        var s = shapes[list[j]], b = s.box;
        if (seen.has(list[j]) || p.x < b[0] - t || p.x > b[2] + t || p.y < b[1] - t || p.y > b[3] + t) continue;
        seen.add(list[j]);
        for (var r = 0; r < s.rings.length; r++) {
          var ring = s.rings[r];
          for (var i = 0; i < ring.length; i += 2) {
            var dx = ring[i] - p.x, dy = ring[i + 1] - p.y, d = dx * dx + dy * dy;
            if (d < bestD) { bestD = d; best = [ring[i], ring[i + 1]]; }
          }
        }
      }
    }
    return best;
  }

  // where a vertex would go for the mouse at latlng: {x, y} world pixels at zoom 0, lon/lat, snapped or not
  function drawPoint(latlng) {
    var crs = map.options.crs, p = crs.latLngToPoint(latlng, 0), hit = snapTarget(p);
    if (!hit) return { x: p.x, y: p.y, lon: latlng.lng, lat: latlng.lat, snapped: false };
    var ll = crs.pointToLatLng(L.point(hit[0], hit[1]), 0);  // the grid vertices were sent rounded to 1e-6°
    return { x: hit[0], y: hit[1], lon: Math.round(ll.lng * 1e6) / 1e6, lat: Math.round(ll.lat * 1e6) / 1e6, snapped: true };
  }

  function screenDistance(a, b) {
    return Math.hypot(a.x - b.x, a.y - b.y) * Math.pow(2, map.getZoom());
  }

  var DrawCanvas = CanvasLayer.extend({
    _draw: function () {
      var f = this._begin();
      if (!f || !drawing) return;
      var ctx = this._ctx, pts = drawing.vertices.slice(), c = drawing.cursor;
      function xy(v) { return [v.x * f.k - f.ox, v.y * f.k - f.oy]; }
      if (c) pts.push(c);
      ctx.lineJoin = "round";
      if (pts.length > 1) {
        ctx.beginPath();
        pts.forEach(function (v, i) { var q = xy(v); if (i) ctx.lineTo(q[0], q[1]); else ctx.moveTo(q[0], q[1]); });
        if (drawing.kind === "polygon") {
          ctx.closePath();
          ctx.fillStyle = "rgba(215,25,28,0.12)";
          ctx.fill();
        }
        ctx.strokeStyle = DRAW_COLOUR;
        ctx.lineWidth = 2;
        ctx.setLineDash(c ? [6, 4] : []);
        ctx.stroke();
        ctx.setLineDash([]);
      }
      ctx.lineWidth = 1.5;
      drawing.vertices.forEach(function (v) {
        var q = xy(v);
        ctx.beginPath();
        ctx.arc(q[0], q[1], 4, 0, 2 * Math.PI);
        ctx.fillStyle = "#fff";
        ctx.fill();
        ctx.strokeStyle = DRAW_COLOUR;
        ctx.stroke();
      });
      if (c && c.snapped) {
        var q = xy(c);
        ctx.beginPath();
        ctx.arc(q[0], q[1], 8, 0, 2 * Math.PI);
        ctx.lineWidth = 2.5;
        ctx.strokeStyle = SNAP_COLOUR;
        ctx.stroke();
      }
    }
  });

  function isDrawing() {
    return drawing && !drawing.finished;
  }

  function drawMove(e) {
    if (!isDrawing()) return;
    drawing.cursor = drawPoint(e.latlng);
    drawLayer.redraw();
  }

  function drawClick(latlng) {
    var v = drawPoint(latlng), list = drawing.vertices, last = list[list.length - 1];
    if (drawing.kind === "polygon" && list.length >= 3 && screenDistance(v, list[0]) <= SNAP_PX) {
      finishDrawing();
      return;
    }
    if (!last || screenDistance(v, last) > SAME_PX) list.push(v);  // the second click of a double-click adds nothing
    drawing.cursor = v;
    drawLayer.redraw();
  }

  function finishDrawing() {
    var need = drawing.kind === "polygon" ? 3 : 2;
    if (drawing.vertices.length < need) return;
    var coords = drawing.vertices.map(function (v) { return [v.lon, v.lat]; });
    drawing.finished = true;
    drawing.cursor = null;
    endInput();
    notify("drawFinish", drawing.kind, JSON.stringify(coords));
  }

  function stopDrawing() {
    drawing = null;
    endInput();
  }

  function endInput() {
    map.doubleClickZoom.enable();
    map.getContainer().style.cursor = "";
    drawLayer.redraw();
  }

  function drawKey(e) {
    if (!isDrawing()) return;
    if (e.key === "Enter") finishDrawing();
    else if (e.key === "Backspace") {
      drawing.vertices.pop();
      drawLayer.redraw();
    } else if (e.key === "Escape") {
      stopDrawing();
      notify("drawCancel");
    } else return;
    L.DomEvent.preventDefault(e);
  }

  GM.setDrawing = function (spec) {
    if (!spec) {
      if (drawing) stopDrawing();
      return;
    }
    drawing = { kind: spec.kind, vertices: [], cursor: null };
    map.doubleClickZoom.disable();
    map.getContainer().style.cursor = "crosshair";
    map.getContainer().focus();
    drawLayer.redraw();
  };

  // --- commands from Python ------------------------------------------------------------------------

  GM.setGrids = function (d) {
    var t0 = performance.now();
    data = d;
    hover = -1;
    grids.whenDrawn(function () {
      stats.paints += 1;
      notify("painted", "grids", performance.now() - t0, grids.coverage());
    });
    grids.setShapes(decode(d.shapes));
    drawLabels();
  };

  GM.clear = function () {
    // a new project is on its way: stop drawing the old one, so that the page is idle while Python encodes
    data = null;
    hover = -1;
    grids.setShapes(null);
    drawLabels();
  };

  GM.setColours = function (c) {
    colours = c;
    grids.redraw();
    showLegend(c);
  };

  GM.setSelection = function (rows) {
    selected = new Set(rows);
    grids.redraw();
    drawLabels();
  };

  GM.setGeometry = function (g) {
    if (!data) return;
    grids.setShape(g.id, decode(g.shapes)[0]);
    data.label[2 * g.id] = g.label[0];
    data.label[2 * g.id + 1] = g.label[1];
    data.span[2 * g.id] = g.span[0];
    data.span[2 * g.id + 1] = g.span[1];
    drawLabels();
  };

  GM.setVisible = function (on) {
    visible = on;
    grids.redraw();
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
    if (tileNotice) map.removeControl(tileNotice);
    tileNotice = null;
    if (!spec) return;
    var errors = 0;
    basemap = L.tileLayer(spec.url, {
      subdomains: spec.subdomains || "abc", minZoom: 0, maxZoom: 20,
      minNativeZoom: spec.min_zoom, maxNativeZoom: spec.max_zoom, attribution: esc(spec.attribution)
    });
    basemap.on("tileload", function () { stats.tilesLoaded += 1; });
    basemap.on("tileerror", function () {
      stats.tileErrors += 1;
      errors += 1;
      if (errors === TILE_ERRORS) tileNotice = tilesFailed();
    });
    basemap.addTo(map).bringToBack();
  };

  // --- helpers for tests and scripted checks ---------------------------------------------------------

  GM.state = function () {
    var c = map.getCenter();
    return { grids: data ? data.code.length : 0, selected: Array.from(selected).sort(function (a, b) { return a - b; }),
             zoom: map.getZoom(), center: [c.lng, c.lat], stats: stats, basemap: !!basemap, visible: visible,
             hover: hover };
  };

  GM.overlays = function () {
    var out = {};
    for (var kind in overlays) {
      var o = overlays[kind], d = o.data;
      out[kind] = { visible: o.visible, mode: d ? d.mode : null, items: d ? o.decoded.n : 0, total: d ? d.total : 0,
                    drawn: o.drawn, heat: !!(o.heat && map.hasLayer(o.heat)),
                    count: d && d.count ? d.count.reduce(function (a, b) { return a + b; }, 0) : null,
                    biggest: d && d.count ? o.decoded.order[o.decoded.order.length - 1] : null };
    }
    return out;
  };

  // where a record (points mode) or a cluster is on screen, in container pixels; null when not sent
  GM.recordPoint = function (kind, row) {
    var o = overlays[kind], g = o && o.decoded;
    if (!g || !g.row) return null;
    var i = g.row.indexOf(row);
    return i < 0 ? null : GM.overlayPoint(kind, i);
  };

  GM.overlayPoint = function (kind, i) {
    var g = overlays[kind].decoded, p = map.latLngToContainerPoint([g.lat[i], g.lon[i]]);
    return [p.x, p.y];
  };

  GM.boundsOf = function (i) {
    return grids._shapes[i].lonlat;
  };

  GM.screenPoint = function (lon, lat) {
    var p = map.latLngToContainerPoint([lat, lon]);
    return [p.x, p.y];
  };

  GM.drawing = function () {
    if (!drawing) return null;
    var c = drawing.cursor;
    return { kind: drawing.kind, vertices: drawing.vertices.map(function (v) { return [v.lon, v.lat]; }),
             snap: c && c.snapped ? [c.lon, c.lat] : null, finished: !!drawing.finished };
  };

  GM.pointOf = function (i) {
    var p = map.latLngToContainerPoint([data.label[2 * i + 1], data.label[2 * i]]);
    return [p.x, p.y];
  };

  // --- gestures ---------------------------------------------------------------------------------------

  function onClick(e) {
    var ev = e.originalEvent;
    if (afterBox(ev)) return;
    if (isDrawing()) {
      drawClick(e.latlng);
      return;
    }
    var hit = overlayAt(e.latlng);
    if (hit && hit.cluster !== undefined) {
      var g = overlays[hit.kind].decoded;
      map.setView([g.lat[hit.cluster], g.lon[hit.cluster]], Math.min(map.getZoom() + 2, map.getMaxZoom()));
      return;
    }
    if (hit) {
      notify("pointClick", hit.kind, hit.row);
      return;
    }
    var i = visible ? grids.at(e.latlng) : -1;
    var ctrl = !!(ev.ctrlKey || ev.metaKey);
    if (bridge) {
      if (i >= 0) notify("gridClick", i, ctrl, !!ev.shiftKey);
      else notify("mapClick", ctrl);
    } else if (i >= 0) standaloneClick(i, e.latlng);
    else GM.setSelection([]);
  }

  function onHover(e) {
    var i = visible ? grids.at(e.latlng) : -1;
    map.getContainer().style.cursor = isDrawing() ? "crosshair" : i >= 0 || overlayAt(e.latlng) ? "pointer" : "";
    if (i === hover) return;
    hover = i;
    grids.redraw();
    info.update(i);
  }

  function standaloneClick(i, latlng) {
    GM.setSelection([i]);
    var rows = [["", data.code[i] + " " + data.name[i]]];
    if (data.props) for (var k = 0; k < data.props.columns.length; k++) rows.push([data.props.columns[k], data.props.rows[i][k]]);
    var table = L.DomUtil.create("table", "gm-popup");
    rows.forEach(function (r) {
      var tr = L.DomUtil.create("tr", "", table);
      text(L.DomUtil.create("th", "", tr), r[0]);
      text(L.DomUtil.create("td", "", tr), r[1]);
    });
    L.popup({ maxWidth: 360 }).setLatLng(latlng).setContent(table).openOn(map);
  }

  // every string from data is shown as text, never parsed as HTML
  function text(el, v) {
    el.textContent = v === null || v === undefined ? "" : String(v);
    return el;
  }

  // Leaflet's attribution control shows its text as HTML: the attribution (from a file) goes in escaped
  function esc(v) {
    return String(v === null || v === undefined ? "" : v).replace(/[&<>"']/g, function (ch) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[ch];
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
    for (var i = 0; i < data.code.length; i++) if (!selected.has(i)) order.push(i);
    for (var j = 0; j < order.length; j++) {
      var idx = order[j], x = data.label[2 * idx], y = data.label[2 * idx + 1];
      if (!(x >= w && x <= e && y >= s && y <= n)) continue;
      var text = texts[idx];
      if (!text) continue;
      var tw = ctx.measureText(text).width;
      if (data.span[2 * idx] * pxX < tw * 0.75 || data.span[2 * idx + 1] * pxY < 14) continue;
      var p = map.latLngToContainerPoint([y, x]);
      var r = [p.x - tw / 2 - 2, p.y - 8, p.x + tw / 2 + 2, p.y + 8];
      if (!free(r[0], r[1], r[2], r[3])) continue;
      take(r);
      ctx.strokeText(text, p.x, p.y);
      ctx.fillText(text, p.x, p.y);
    }
  }

  // --- controls -----------------------------------------------------------------------------------------

  // the legend: the grids' colours, then each visible record layer's categories (or its heat scale)
  var gridLegend = null;

  function showLegend(c) {
    gridLegend = c;
    renderLegend();
  }

  var SWATCH = { circle: { borderRadius: "50%" }, square: {}, diamond: { transform: "rotate(45deg) scale(0.8)" } };

  function legendSection(parent, title) {
    var part = L.DomUtil.create("div", "gm-legend-part", parent);
    if (title) text(L.DomUtil.create("div", "gm-legend-title", part), title);
    return part;
  }

  function legendRow(part, colour, label, shape) {
    var row = L.DomUtil.create("div", "", part), swatch = L.DomUtil.create("i", "", row);
    swatch.style.background = colour;
    var extra = SWATCH[shape] || {};
    for (var key in extra) swatch.style[key] = extra[key];
    row.appendChild(document.createTextNode(label === null || label === undefined ? "" : String(label)));
    return row;
  }

  function renderLegend() {
    var el = legend.getContainer(), parts = 0;
    el.textContent = "";
    function section(title) {
      if (parts++) L.DomUtil.create("div", "", el).style.height = "6px";
      return legendSection(el, title);
    }
    if (gridLegend && gridLegend.legend && gridLegend.legend.length) {
      var grid = section(gridLegend.title);
      gridLegend.legend.forEach(function (item) { legendRow(grid, item[1], item[0]); });
    }
    for (var t = ORDER.length - 1; t >= 0; t--) {
      var o = overlays[ORDER[t]], d = o && o.data;
      if (!d || !o.visible) continue;
      var part = section(d.title + " (" + d.total.toLocaleString() + ")");
      if (d.mode === "heat") {
        var bar = L.DomUtil.create("div", "gm-heat-bar", part);
        bar.style.height = "10px";
        bar.style.width = "140px";
        bar.style.border = "1px solid #777";
        bar.style.background = "linear-gradient(to right,blue,cyan 40%,lime 60%,yellow 80%,red)";
        continue;
      }
      d.legend.forEach(function (item) {
        var row = legendRow(part, item[1], item[0], d.shape);
        row.appendChild(document.createTextNode(" "));
        var count = text(L.DomUtil.create("span", "gm-legend-count", row), item[2].toLocaleString());
        count.style.color = "#666";
      });
    }
    el.style.display = parts ? "" : "none";
  }

  function fullBounds() {
    var shapes = grids._shapes, b = [Infinity, Infinity, -Infinity, -Infinity];
    if (!shapes) return null;
    shapes.forEach(function (s) {
      b[0] = Math.min(b[0], s.lonlat[0]); b[1] = Math.min(b[1], s.lonlat[1]);
      b[2] = Math.max(b[2], s.lonlat[2]); b[3] = Math.max(b[3], s.lonlat[3]);
    });
    return b[0] <= b[2] ? [[b[1], b[0]], [b[3], b[2]]] : null;
  }

  // the page's own words; Python sends them translated (an exported page keeps these)
  var texts = { home: "Zoom to full extent", tilesFailed: "Basemap tiles could not be loaded: network unreachable",
                chooseBasemap: "Choose another basemap\u2026" };

  GM.setTexts = function (t) {
    for (var key in t) texts[key] = t[key];
    home.getContainer().firstChild.title = texts.home;
  };

  var home;

  function setupControls() {
    L.control.scale({ imperial: false, maxWidth: 160, position: "bottomleft" }).addTo(map);
    home = L.control({ position: "topleft" });
    home.onAdd = function () {
      var bar = L.DomUtil.create("div", "leaflet-bar"), a = L.DomUtil.create("a", "gm-home", bar);
      a.href = "#";
      a.title = texts.home;
      a.setAttribute("role", "button");
      a.textContent = "\u2302";
      L.DomEvent.disableClickPropagation(bar);
      L.DomEvent.on(a, "click", function (e) { L.DomEvent.preventDefault(e); GM.fit(fullBounds()); });
      return bar;
    };
    home.addTo(map);
    legend = L.control({ position: "bottomright" });
    legend.onAdd = function () {
      var d = L.DomUtil.create("div", "gm-legend");
      d.style.display = "none";
      d.style.maxHeight = "60vh";
      d.style.overflowY = "auto";
      L.DomEvent.disableClickPropagation(d);
      L.DomEvent.disableScrollPropagation(d);
      return d;
    };
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

  // a line of text over the map (an exported page says why its basemap is missing); returns the control
  function showNotice(message) {
    var notice = L.control({ position: "bottomleft" });
    notice.onAdd = function () { return text(L.DomUtil.create("div", "gm-notice"), message); };
    return notice.addTo(map);
  }

  // After TILE_ERRORS tiles of the basemap failed, the map says so once, with a link to choose another one
  // (in the app: Python opens View > Basemap...)
  var TILE_ERRORS = 6, tileNotice = null;

  function tilesFailed() {
    var notice = showNotice(texts.tilesFailed), el = notice.getContainer();
    el.classList.add("gm-tiles-failed");
    L.DomEvent.disableClickPropagation(el);
    if (bridge) {
      el.appendChild(document.createTextNode(" "));
      var a = text(L.DomUtil.create("a", "gm-choose-basemap", el), texts.chooseBasemap);
      a.href = "#";
      a.setAttribute("role", "button");
      L.DomEvent.on(a, "click", function (e) { L.DomEvent.preventDefault(e); notify("chooseBasemap"); });
    }
    return notice;
  }

  // --- start ----------------------------------------------------------------------------------------------

  var handlers = {
    texts: GM.setTexts, clear: GM.clear, grids: GM.setGrids, colours: GM.setColours, selection: GM.setSelection, geometry: GM.setGeometry,
    visible: GM.setVisible, labels: GM.setLabels, fit: GM.fit, extent: GM.setExtent, view: GM.setView,
    basemap: GM.setBasemap, points: GM.setPoints, pointsVisible: GM.setPointsVisible, draw: GM.setDrawing,
    tracks: GM.setTracks, tracksVisible: GM.setTracksVisible
  };

  GM.init = function (leafletMap, options) {
    map = leafletMap;
    grids = new GridCanvas();
    map.addLayer(grids);
    map.createPane("gmPoints").style.zIndex = 450;
    points = new PointCanvas({ pane: "gmPoints" });
    map.addLayer(points);
    map.createPane("gmDraw").style.zIndex = 460;
    drawLayer = new DrawCanvas({ pane: "gmDraw" });
    map.addLayer(drawLayer);
    map.boxZoom.disable();
    map.setMinZoom(3);
    map.setMaxZoom(20);
    map.attributionControl.setPrefix(false);
    labelCanvas = L.DomUtil.create("canvas", "gm-labels", map.getContainer());
    map.on("move zoomend resize viewreset", drawLabels);
    map.on("zoomstart", function () { labelCanvas.getContext("2d").clearRect(0, 0, labelCanvas.width, labelCanvas.height); });
    setupControls();
    setupBoxSelect();
    map.on("click", onClick);
    map.on("mousemove", drawMove);
    map.on("dblclick", function () { if (isDrawing()) finishDrawing(); });
    L.DomEvent.on(document, "keydown", drawKey);
    var lastMove = 0;
    map.on("mousemove", function (e) {
      var now = performance.now();
      if (now - lastMove < 40) return;
      lastMove = now;
      onHover(e);
      notify("mouseMove", e.latlng.lng, e.latlng.lat);
    });
    map.on("mouseout", function () {
      if (hover >= 0) { hover = -1; grids.redraw(); info.update(-1); }
      notify("mouseLeave");
    });
    function reportView() {
      var b = map.getBounds();
      notify("viewChange", b.getWest(), b.getSouth(), b.getEast(), b.getNorth(), map.getZoom());
    }
    map.on("moveend", reportView);
    if (options.bridge) {
      new QWebChannel(qt.webChannelTransport, function (channel) {
        bridge = channel.objects.bridge;
        bridge.send.connect(function (op, payload) {
          var h = handlers[op];
          if (h) h(JSON.parse(payload));
        });
        bridge.ready(new URLSearchParams(location.search).get("load") || "");
        reportView();
      });
    } else {
      if (options.notice) showNotice(options.notice);
      if (options.basemap) GM.setBasemap(options.basemap);
      if (options.grids) GM.setGrids(options.grids);
      if (options.colours) GM.setColours(options.colours);
      if (options.labels) GM.setLabels(options.labels);
      if (options.view) GM.fit(options.view);
    }
  };
})();
