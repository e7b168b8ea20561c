/* Analyst Workstation: the offline HTML briefing's map runtime (our own code,
   MIT like the project). Loaded once per page by the folium elements of
   workstation/export/folium_map.py; each element calls WK.<something>(map, ...).
   Every text value reaches the page through esc() before it is inserted. */
var WK = (function () {
"use strict";
var EARTH_HALF = 20037508.342789244;  // half the Web Mercator world, metres
function esc(v) {
  return String(v === null || v === undefined ? "" : v)
    .replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}
function table(rows) {
  var h = "<table>";
  rows.forEach(function (r) {
    h += "<tr><th>" + esc(r[0]) + "</th><td>" + esc(r[1]) + "</td></tr>";
  });
  return h + "</table>";
}
function propsTable(title, p) {
  var rows = [];
  Object.keys(p || {}).forEach(function (k) { rows.push([k, p[k]]); });
  return (title ? "<b>" + esc(title) + "</b>" : "") + table(rows);
}
var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep",
              "Oct", "Nov", "Dec"];
function timeText(L, i) {
  if (!L.t || L.t[i] < 0) return "";
  if (L.t_unit === "month") {
    var m = L.t0 + L.t[i];
    return MONTHS[m % 12] + " " + Math.floor(m / 12);
  }
  var d = new Date(L.t0 + L.t[i] * 60000);
  var o = {timeZone: L.tz || "Europe/London", day: "numeric", month: "short",
           year: "numeric"};
  if (L.t_unit === "minute") { o.hour = "2-digit"; o.minute = "2-digit"; }
  try { return d.toLocaleString("en-GB", o); } catch (e) { return d.toISOString(); }
}


// Integers packed by workstation.export.folium_map.pack_ints: base64 of
// little-endian base-128 varints of the zigzag-coded differences of the values.
function ints(b64, n) {
  var s = atob(b64), out = new Float64Array(n), acc = 0, v = 0, mul = 1, j = 0;
  for (var i = 0; i < s.length; i++) {
    var b = s.charCodeAt(i);
    v += (b & 127) * mul;
    if (b & 128) { mul *= 128; continue; }
    acc += (v % 2) ? -(v + 1) / 2 : v / 2;
    out[j++] = acc; v = 0; mul = 1;
  }
  return out;
}

// Points: compact arrays drawn on a canvas (fast for 100k points).
var PointLayer = L.Layer.extend({
  initialize: function (d) {
    // d.x, d.y: Web Mercator metres, delta-coded (see ints()); points sorted by
    // category, d.counts[c] points per category
    this.d = d; this.vis = d.cats.map(function () { return true; });
    var n = d.n, X = ints(d.x, n), Y = ints(d.y, n), R2 = 2 * EARTH_HALF;
    var mx = new Float64Array(n), my = new Float64Array(n), c = new Uint16Array(n);
    for (var i = 0; i < n; i++) {
      mx[i] = (X[i] + EARTH_HALF) / R2;
      my[i] = (EARTH_HALF - Y[i]) / R2;
    }
    this.X = X; this.Y = Y; this.mx = mx; this.my = my;
    var lo = [], hi = [], k = 0;
    d.counts.forEach(function (m, ci) {
      lo.push(k); hi.push(k + m); c.fill(ci, k, k + m); k += m;
    });
    this.lo = lo; this.hi = hi; d.c = c;
  },
  _popupData: function () {  // times and popup fields: decoded at the first click
    var d = this.d, n = d.n;
    if (this._decoded) return;
    if (d.tb) d.t = ints(d.tb, n);
    d.fields.forEach(function (f) { f.codes = ints(f.cb, n); });
    this._decoded = true;
  },
  onAdd: function (m) {
    this._map = m;
    this.cv = L.DomUtil.create("canvas", "leaflet-layer wk-points");
    this.cv.style.pointerEvents = "none";
    m.getPane("overlayPane").appendChild(this.cv);
    m.on("moveend resize", this.redraw, this);
    m.on("zoomstart", this._hide, this);
    m.on("click", this._click, this);
    this.redraw();
  },
  onRemove: function (m) {
    L.DomUtil.remove(this.cv);
    m.off("moveend resize", this.redraw, this);
    m.off("zoomstart", this._hide, this);
    m.off("click", this._click, this);
  },
  _hide: function () { this.cv.style.visibility = "hidden"; },
  redraw: function () {
    var m = this._map; if (!m) return;
    if (!this.cv) return;
    var size = m.getSize(), pad = 0.25;
    var px = Math.round(size.x * pad), py = Math.round(size.y * pad);
    var w = size.x + 2 * px, h = size.y + 2 * py;
    var dpr = window.devicePixelRatio || 1, cv = this.cv;
    var topLeft = m.containerPointToLayerPoint([-px, -py]);
    L.DomUtil.setPosition(cv, topLeft);
    cv.width = Math.round(w * dpr); cv.height = Math.round(h * dpr);
    cv.style.width = w + "px"; cv.style.height = h + "px";
    var ctx = cv.getContext("2d");
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, w, h);
    var scale = 256 * Math.pow(2, m.getZoom());
    var org = m.getPixelBounds().min;
    var ox = org.x - px, oy = org.y - py;
    this.scale = scale; this.ox = org.x; this.oy = org.y;
    var r = Math.max(1.5, this.d.size / 2), d = this.d;
    ctx.globalAlpha = d.opacity;
    ctx.lineWidth = 0.6; ctx.strokeStyle = "rgba(0,0,0,0.45)";
    this.drawn = 0;
    for (var c = 0; c < d.cats.length; c++) {
      if (!this.vis[c]) continue;
      ctx.fillStyle = d.colours[c];
      ctx.beginPath();
      for (var i = this.lo[c], end = this.hi[c]; i < end; i++) {
        var x = this.mx[i] * scale - ox, y = this.my[i] * scale - oy;
        if (x < -r || y < -r || x > w + r || y > h + r) continue;
        ctx.moveTo(x + r, y); ctx.arc(x, y, r, 0, 6.283185307179586);
        this.drawn++;
      }
      ctx.fill(); if (r >= 2.5 && d.n <= 5000) ctx.stroke();
    }
    cv.style.visibility = "visible";
  },
  setCat: function (c, on) {
    this.vis[c] = on;
    this.redraw();
    if (this.heat && this.heat._map) this.heat.redraw();
  },
  _click: function (e) {
    var p = e.containerPoint, best = -1, bd = 14 * 14, d = this.d;
    for (var c = 0; c < d.cats.length; c++) {
      if (!this.vis[c]) continue;
      for (var i = this.lo[c], end = this.hi[c]; i < end; i++) {
        var dx = this.mx[i] * this.scale - this.ox - p.x;
        var dy = this.my[i] * this.scale - this.oy - p.y;
        var dd = dx * dx + dy * dy;
        if (dd < bd) { bd = dd; best = i; }
      }
    }
    if (best < 0) return;
    this._popupData();
    var rows = [["Category", d.cats[d.c[best]]]];
    var t = timeText(d, best); if (t) rows.push(["When", t]);
    d.fields.forEach(function (f) {
      var code = f.codes[best];
      if (code >= 0) rows.push([f.label, f.values[code]]);
    });
    L.popup().setLatLng(L.Projection.SphericalMercator.unproject(
        L.point(this.X[best], this.Y[best])))
      .setContent("<b>" + esc(d.name) + "</b>" + table(rows)).openOn(this._map);
  }
});

// Heat map over a point layer's precomputed Web Mercator coordinates, scaled to
// the 98th percentile of the visible cells (leaflet.heat's fixed maximum
// saturates with many points); follows the legend's category ticks.
var AutoHeat = L.HeatLayer.extend({
  _redraw: function () {
    var m = this._map, pl = this._points;
    if (!m) { this._frame = null; return; }
    var r = this._heat._r, size = m.getSize(), cs = r / 2, grid = [], data = [];
    var pos = m._getMapPanePos(), offX = pos.x % cs, offY = pos.y % cs;
    var scale = 256 * Math.pow(2, m.getZoom()), org = m.getPixelBounds().min;
    var mx = pl.mx, my = pl.my, c = pl.d.c, vis = pl.vis, i, n = mx.length;
    for (i = 0; i < n; i++) {
      if (!vis[c[i]]) continue;
      var px = mx[i] * scale - org.x, py = my[i] * scale - org.y;
      if (px < -r || py < -r || px > size.x + r || py > size.y + r) continue;
      var gx = Math.floor((px - offX) / cs) + 2, gy = Math.floor((py - offY) / cs) + 2;
      var row = grid[gy] || (grid[gy] = []), cell = row[gx];
      if (!cell) { row[gx] = [px, py, 1]; continue; }
      cell[0] = (cell[0] * cell[2] + px) / (cell[2] + 1);
      cell[1] = (cell[1] * cell[2] + py) / (cell[2] + 1);
      cell[2] += 1;
    }
    var vals = [];
    grid.forEach(function (row) {
      if (!row) return;
      row.forEach(function (cell) {
        if (!cell) return;
        data.push([Math.round(cell[0]), Math.round(cell[1]), cell[2]]);
        vals.push(cell[2]);
      });
    });
    vals.sort(function (a, b) { return a - b; });
    var top = vals.length ? vals[Math.floor(0.98 * (vals.length - 1))] : 1;
    this._heat.max(Math.max(top, 1));
    this._heat.data(data).draw(this.options.minOpacity);
    this._frame = null;
  }
});
var HEAT_GRADIENT = {0.2: "#dadaeb", 0.45: "#9e9ac8", 0.7: "#6a51a3", 1.0: "#3f007d"};


var overlays = {}, pointLayers = [], legendParts = [];
function swatch(e) {
  if (e.line) return '<span class="sw ln" style="border-top-color:' + esc(e.line) + '"></span>';
  var cls = e.shape === "point" ? "sw pt" : "sw";
  var st = "background:" + esc(e.fill || "transparent");
  if (e.outline) st += ";border-color:" + esc(e.outline);
  return '<span class="' + cls + '" style="' + st + '"></span>';
}
function rows(entries) {
  var part = "";
  entries.forEach(function (e) { part += '<div class="row">' + swatch(e) + esc(e.label) + "</div>"; });
  return part;
}

// Leaflet's default marker icon (folium.Marker in a notebook): the data: URI that
// leaflet.css carries, and no shadow image (Leaflet would build a file path).
function defaultIcon() {
  var probe = L.DomUtil.create("div", "leaflet-default-icon-path", document.body);
  var m = /^url\((['"])?(.+)\1\)$/.exec(getComputedStyle(probe).backgroundImage);
  L.DomUtil.remove(probe);
  if (!m) return;
  var uri = m[2];
  L.Icon.Default.include({_getIconUrl: function (name) { return name === "icon" ? uri : null; }});
}

function setup(map, D) {
  defaultIcon();
  map.attributionControl.setPrefix("Leaflet");
  if ((D.meta.attributions || []).length) {
    map.attributionControl.addAttribution(esc(D.meta.attribution_short));
  }
  L.control.scale({imperial: false, position: "bottomleft"}).addTo(map);
}

function tiles(map, T) {
  var Local = L.GridLayer.extend({
    createTile: function (c) {
      var img = document.createElement("img");
      var uri = T.tiles[c.z + "/" + c.x + "/" + c.y];
      if (uri) img.src = uri;
      img.alt = "";
      return img;
    }
  });
  return new Local({minNativeZoom: T.minzoom, maxNativeZoom: T.maxzoom,
                    minZoom: 0, maxZoom: 20}).addTo(map);
}

function points(map, Ld) {
  var lyr = new PointLayer(Ld), part = "<h3>" + esc(Ld.name) + "</h3>";
  pointLayers.push(lyr);
  Ld.cats.forEach(function (c, ci) {
    part += '<label><input type="checkbox" checked data-layer="' + (pointLayers.length - 1) +
      '" data-cat="' + ci + '"><span class="sw pt" style="background:' + esc(Ld.colours[ci]) +
      '"></span>' + esc(c) + "</label>";
  });
  part += '<div class="note">' + esc(Ld.n.toLocaleString("en-GB")) + " records</div>";
  var heat = new AutoHeat([], {radius: 16, blur: 14, minOpacity: 0.15,
                               gradient: HEAT_GRADIENT});
  heat._points = lyr;
  lyr.heat = heat;
  if (Ld.dense) {
    heat.addTo(map);  // too many points to tell apart: start with the heat map
    part += '<div class="note">Shown as a heat map (relative density, no absolute ' +
      'scale) because of the number of records; tick the layer in the layer list ' +
      'to draw every point.</div>';
  } else {
    lyr.addTo(map);
  }
  overlays[esc(Ld.name)] = lyr;
  overlays["Heat map: " + esc(Ld.name)] = heat;
  legendParts.push(part);
  return lyr;
}

function shapes(map, Ld) {
  var lyr = null, part = "<h3>" + esc(Ld.name) + "</h3>";
  if (Ld.type === "polygons") {
    lyr = L.geoJSON(Ld.geojson, {
      style: function (f) {
        return {fillColor: f.properties.f, fillOpacity: f.properties.fo,
                color: Ld.stroke, opacity: Ld.stroke_opacity, weight: Ld.weight};
      },
      onEachFeature: function (f, l) {
        l.bindPopup(function () { return propsTable(Ld.name, f.properties.p); });
      }
    });
  } else if (Ld.type === "lines") {
    lyr = L.geoJSON(Ld.geojson, {
      style: function () { return {color: Ld.colour, weight: Ld.weight, dashArray: Ld.dash,
                                   opacity: 0.9}; },
      onEachFeature: function (f, l) {
        l.bindPopup(function () { return propsTable(Ld.name, f.properties.p); });
      }
    });
  } else if (Ld.type === "image") {
    lyr = L.imageOverlay(Ld.uri, Ld.bounds, {interactive: false});
  } else if (Ld.type === "markers") {
    lyr = Ld.cluster ? L.markerClusterGroup({showCoverageOnHover: false}) : L.featureGroup();
    Ld.items.forEach(function (it) {
      var sz = Ld.shape === "circle" ? 24 : 12, hit = Math.max(sz, 28);
      var icon = L.divIcon({className: "wk-hit", iconSize: [hit, hit],
        html: '<div class="wk-marker ' + esc(Ld.shape) + '" style="width:' + sz + "px;height:" +
              sz + "px;background:" + esc(Ld.colour) + '">' + esc(it.label) + "</div>"});
      var mk = L.marker([it.lat, it.lon], {icon: icon, title: it.title, keyboard: true,
                                          zIndexOffset: Ld.shape === "circle" ? 1000 : 0});
      mk.bindPopup(function () { return propsTable(it.title || Ld.name, it.p); });
      lyr.addLayer(mk);
    });
  }
  if (!lyr) return null;
  part += rows(Ld.legend || []);
  if (Ld.note) part += '<div class="note">' + esc(Ld.note) + "</div>";
  lyr.addTo(map);
  overlays[esc(Ld.name)] = lyr;
  legendParts.push(part);
  return lyr;
}

function controls(map, D) {
  L.control.layers(null, overlays, {collapsed: window.innerWidth < 700, position: "topright"})
    .addTo(map);
  var Legend = L.Control.extend({
    options: {position: "topleft"},
    onAdd: function () {
      var div = L.DomUtil.create("details", "legend");
      if (window.innerWidth >= 700) div.open = true;
      div.innerHTML = "<summary>Legend</summary><div class='body'>" + legendParts.join("") + "</div>";
      L.DomEvent.disableClickPropagation(div);
      L.DomEvent.disableScrollPropagation(div);
      div.addEventListener("change", function (ev) {
        var t = ev.target;
        if (t.dataset && t.dataset.layer !== undefined) {
          pointLayers[+t.dataset.layer].setCat(+t.dataset.cat, t.checked);
        }
      });
      return div;
    }
  });
  if (D.meta.legend !== false) new Legend().addTo(map);  // the public page: its own
  var note = L.control({position: "bottomleft"});
  note.onAdd = function () {
    var d = L.DomUtil.create("div", "scale-note");
    d.textContent = "Map: Web Mercator (data in " + D.meta.crs + ")";
    return d;
  };
  if (D.meta.projection_note !== false) note.addTo(map);
  var about = document.getElementById("about");
  if (about) {
    document.getElementById("about-btn").addEventListener("click", function () {
      about.hidden = !about.hidden;
      this.setAttribute("aria-expanded", String(!about.hidden));
    });
    document.getElementById("about-close").addEventListener("click", function () {
      about.hidden = true;
    });
  }
  window.briefingMap = map;
  window.briefingPointLayers = pointLayers;
  document.body.setAttribute("data-ready", "1");
}

var parsed = null;
function data() {  // the page's data, parsed once
  if (!parsed) {
    var el = document.getElementById("brief-data");
    parsed = el ? JSON.parse(el.textContent) : {meta: {}, layers: []};
  }
  return parsed;
}

return {esc: esc, ints: ints, data: data, setup: setup, tiles: tiles, points: points,
        shapes: shapes, controls: controls};
})();
