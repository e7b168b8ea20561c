<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="cy">
<context>
    <name>About</name>
    <message>
        <source>About Analyst Workstation</source>
        <extracomment>Libraries the application is built on, with their licences.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User guide</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The user guide is missing ({path}).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>Building the demo force area...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Analyst Workstation demo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo: a synthetic force area (made-up crime, calls, assets and boundaries). Drag the blue brush on the timeline to filter the map.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The demo could not be built: {message}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Building the demo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{project}: no such project file</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Base</name>
    <message>
        <source>Run</source>
        <extracomment>column name -&gt; what it means (header tooltips), set by the panel the widest a text column grows to fit its contents (longer text is elided)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stale: the filter has changed since this result was made. Run again to update it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings</source>
        <extracomment>(caption, default file name, filters) of the ``export_dialog`` save dialog</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings (click to change)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restored from the project file (last result); run again to update it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{done} {path}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Basemap</name>
    <message>
        <source>no zoom-level folders ({z}/{x}/{y}.png) in the tile folder</source>
        <extracomment>never draw more tiles than this at once</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a readable MBTiles file ({exc})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the MBTiles file holds no tiles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>basemap path does not exist</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Canvas</name>
    <message>
        <source>Area filter on  ✕ Clear</source>
        <extracomment>wait this long after the last filter change before recounting choropleths wait this long after the last view change before fetching basemap tiles point layers larger than this get their polygon index built off the UI thread a layer&apos;s legend changed (choropleth classes recomputed); layer id a worker finished a polygon index; boundary layer id, error text (&quot;&quot; if none)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the area filter (show everything again)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown map tool {name!r}; choose one of {TOOLS}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom to all layers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom to selection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear selection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear area filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no column {column!r} to map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>column {column!r} is not numeric</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the layer it counts is no longer in the project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown choropleth source {source!r}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pan</source>
        <extracomment>tool name -&gt; (label, tooltip) for toolbars</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drag to pan, wheel to zoom (keys: arrows, + and -)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Identify</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click a feature to see its attributes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select (box)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drag a box to select; Shift adds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select (lasso)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draw round features to select; Shift adds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter to area</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draw round an area: every view shows only what falls inside it</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EmergingPanel</name>
    <message>
        <source>Cell size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Automatic (month for police.uk data, else week)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Week (Monday to Sunday)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> step(s) either side</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time neighbourhood</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>0.10 = 90 % confidence, as ArcGIS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bin significance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Correct bins for multiple testing (FDR)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trend significance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Permutation (holds 5 % on data with no trend)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mann-Kendall on each cell&apos;s counts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ArcGIS-compatible (about 20 % false trends at 5 %)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trend test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Patterns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>police.uk data are monthly: choose a month time step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;{emerging:,}&lt;/b&gt; new, consecutive or intensifying hot spot cells of {v1:,} over {n_steps} {step}s ({v4:%b %Y} to {v5:%d %b %Y}); {n:,} events, {v7}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Emerging hot spot cells added to the map.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EvaluatePanel</name>
    <message>
        <source>Treated area</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Control area</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Displacement buffer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Buffer control</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter before/after counts, or count them: pick areas on the map (lasso &apos;filter to area&apos; or select boundary polygons) and set each period from the timeline window.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counts (before, after)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Area from map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use the current filter area, or the selected boundary polygons</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Count from a layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Buffer ring around treated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Displacement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Before = timeline window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>After = timeline window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Periods</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Count events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select boundary polygons or draw a filter area first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{v0} set ({v1:.3f} km²).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set the treated area first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Displacement buffer: {v0:.0f} m ring ({v1:.3f} km²).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set a time window on the timeline first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{v0} period: {w}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose an event layer and set both periods.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That layer has no times.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counted: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, WDQ {wdq:.2f}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, net effect {net:.0f} crimes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;WDD {wdd:.1f}&lt;/b&gt; (SE {se:.1f}, z {z:.2f}, p {p:.3f}){extra}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExportBriefing</name>
    <message>
        <source>PDF briefing sheet (map, tables, notes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG image of the map sheet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline HTML map (phone or laptop, no network)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a marking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a protective marking: every briefing carries one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This marking is below the project&apos;s: give the reason and confirm it (both are recorded in the audit trail and the file).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export briefing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Portrait</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Landscape</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> dpi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>optional, e.g. PERSONAL or OPERATIONAL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use the current map view</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>output file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Format</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Page size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Orientation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG resolution</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Protective marking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Descriptor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downgrade</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>why this briefing may carry a lower marking (recorded)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I confirm this briefing is marked {v0}, below the project&apos;s {marking}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>give a file name to save to, not a folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>that is a folder; add a file name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save briefing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview of page 1 (the HTML map shows the same layers)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview of page 1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{parent}: folder does not exist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writing {name}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Briefing written to {path} ({v1:,} bytes, {v2}). SHA-256 {v3}… recorded in the audit trail.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export failed: {message}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HotspotPanel</name>
    <message>
        <source>choose a boundary layer as the study area to use areas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>areas use queen or rook contiguity, not a distance band</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Getis-Ord Gi*: hot and cold spots</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local Moran&apos;s I (LISA): clusters and outliers, 999 permutations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Statistic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grid cells</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Areas of the study-area layer (e.g. LSOAs)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Count by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cell size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queen: the cell and its 8 neighbours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rook: the cell and its 4 neighbours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Distance band</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Neighbourhood</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Correct for multiple testing (Benjamini–Hochberg FDR)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Off: about 10 % of cells with no real clustering would be flagged at 90 %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>False discovery rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Classes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hottest cells</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export GeoPackage…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{head} {unit} of {v2:,} ({fdr}); {n:,} events, {v5}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hot spot cells added to the map.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>run the analysis first</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HourOfWeek</name>
    <message>
        <source>Mon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fri</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sun</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No layer with times to the hour is loaded. The hour-of-week grid needs event times (for example calls for service).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} has no times, so it has no hour-of-week pattern.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} records only the month of each event (data.police.uk publishes month, not date or time), so an hour-of-week grid cannot be drawn for it. Use a layer with event times, such as calls for service.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} records dates without times of day, so an hour-of-week grid cannot be drawn for it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>per cell</source>
        <extracomment>what one cell counts, after the top value of the colour key</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{v0} {h:02d}:00-{v2:02d}:00: {v3:,} events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show every hour of the week again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(total over {weeks})</source>
        <extracomment>which layer and period the grid counts</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n:,} events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; {inside:,} in {k} chosen hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>0 weeks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n:,.0f} weeks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{days:.0f} days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{a} to {b}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{a} to {b} (all the data)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (hidden on the map)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name}{hidden}, {period}: each cell is the total for that hour of the week over {weeks}, inside the filter.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Date and time</source>
        <extracomment>Rows the preview reads through the real reader.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date (with a separate time)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time of day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Longitude</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latitude</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Easting (BNG)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Northing (BNG)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>X (projected)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Y (projected)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Category / type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Priority / grade</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Crime id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closed at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Response time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Caller (for repeats)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asset type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asset id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Area code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Area name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Population</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grid ref</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Point</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Location</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lsoa code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lsoa name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Postcode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imd decile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grade</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Threat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wkt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(not in the file)</source>
        <extracomment>Fields offered when a reader does not list its own.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{label} ({reader} reader, confidence {confidence:.2f})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First row is a header</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First rows of the file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Column for each field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Effect of this mapping (the reader run on the first rows)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dates: work it out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dates: day first (31/01/2024)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dates: month first (01/31/2024)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only needed when every day in the file is 12 or less, so the order cannot be told from the data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. EPSG:27700 (x/y columns only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The coordinate system of projected x/y columns; longitude/latitude and easting/northing need none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CRS of x/y</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the first rows...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Several files are read together; no preview is made.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:{colour}&apos;&gt;{text}&lt;/span&gt;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Items</name>
    <message>
        <source>layer {name!r} carries no raster</source>
        <extracomment>side of a density cell in device pixels labels are drawn only when at most this many labelled points are in view identify tolerance in device pixels the label board of the frame being painted (reset by the canvas per frame) labels drawn in the last paint (overlapping ones are left out) density cell of every row for the view in ``_cells_key`` called (no arguments) when the density raster&apos;s scale changes Qt brush patterns of the hatch names in :mod:`workstation.styling`. class hatching and outlines are drawn only when cells are this big on screen (smaller, they would turn the cells into dark smudges) badge colour of numbered patrol hot spots (the briefing&apos;s place markers) numbers drawn in the last paint</extracomment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KdePanel</name>
    <message>
        <source>Search radius (standard deviation for Gaussian)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bandwidth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cell size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quartic (biweight)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gaussian</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Triangular</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Uniform (disc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kernel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export GeoTIFF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;{n_events:,} events&lt;/b&gt; ({v1}); {nx} × {ny} cells of {cell_m:g} m; peak &lt;b&gt;{peak:,.1f} {v6}&lt;/b&gt;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Density surface added to the map.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>run the analysis first</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Language</name>
    <message>
        <source>&amp;Language (after restart)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The interface will be in {name} when the workstation next starts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use {name} from the next start</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Layers</name>
    <message>
        <source>Opacity of the selected layer</source>
        <extracomment>(full text, depth, has icon) of a tree item, for wrapping it again on resize at most this many legend rows are listed under a layer the viewport changed width (texts are wrapped again) the current (highlighted) layer changed; layer id or &quot;&quot;</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opacity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No layers yet. Use File ▸ Import to add crime, calls for service, assets or boundaries.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the layer “{name}” from the project?
The source file is not changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom to layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Style…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open attribute table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove from the project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>   ⚠ stale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{kind}: {n:,} features</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{a} to {b} ({precision} precision)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n:,} rows rejected on import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stale: the data or the filter changed since this result was made; run the analysis again to update it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>… and {extra} more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not drawn: {err}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opacity {value} %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name}: count per area</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} per 1,000 residents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>quantiles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>natural breaks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>equal interval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(removed layer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name}: rate per 1,000 residents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> inside the current filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{what}; {k} classes, {scheme}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>second</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Live</name>
    <message>
        <source>a database source needs a table</source>
        <extracomment>how long each GUI turn took (ms), newest last</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>postgresql://user@host/db, service or folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Never type a password here: libpq reads it from ~/.pgpass (PGPASSFILE), a service file (PGSERVICEFILE) or PGPASSWORD.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>schema.table (databases only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New calls only (skip what is there now)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow now (last 24 h)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not running.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alerts (unusual demand for the hour of the week):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder of CAD exports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for calls from {name}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{v0:,} calls on the map; {v1:,} received, {v2:,} rejected{paused}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Pan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pan and zoom the map (drag, wheel, arrow keys)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Identify</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click a feature to see its attributes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select by rectangle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drag a rectangle to select features</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select by lasso</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draw round features to select them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter to area</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draw an area: only events inside it are shown everywhere</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Feature / field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{v0} feature(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>row {v0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The map is not available: {why}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer panel not available: {why}</source>
        <extracomment>the layer list&apos;s width at the default window size (long layer names fit) Called on close with unsaved changes: returns &quot;save&quot;, &quot;discard&quot; or &quot;cancel&quot;.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attribute table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Identify results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hour of week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open project...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save project &amp;as...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import data...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import crime, calls, assets or boundaries (or drop files on the window)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export briefing...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Project &amp;properties...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title, author and protective marking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remove layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Zoom to layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom to the current layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Style...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Attribute table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejected &amp;rows...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The rows the reader could not load, with reasons</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the map is not available ({why})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{tip} ({key})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show everything: clear the time window, categories, area and hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom full</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom to all layers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom to selection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom to the selected features</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;User guide</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About Analyst Workstation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add layer...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Analysis</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no panels installed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{title} (unavailable)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset layout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Map tools</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Untitled project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name}{star} - Analyst Workstation [{marking_text}]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{start} to {end}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} categories</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>area</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} hours of the week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the layer {name!r} from the project?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Removed layer {name}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} has no read report (it was not read from a file).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{title} could not open: {kind}: {exc}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data (*.csv *.tab *.tsv *.txt *.zip *.gpkg *.geojson *.json *.shp *.fgb);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import failed: {message}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Importing {names}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name}: {n:,} rows loaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show rejected rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported {text}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The project has unsaved changes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save them before closing?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Project (*.gpkg)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opened {name}: {n} layers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open the project: {m}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{title}: its last result could not be restored ({exc})</source>
        <extracomment>panels that bring their own work back (the Plan panel reopens its saved plan)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save project as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved {name}: {v1} layers, {v2} analysis panels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot save the project: {message}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{v0} failed: {message}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (details in {path})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unexpected error: {kind}: {exc}{where}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NearrepeatPanel</name>
    <message>
        <source>{what}: give numbers separated by commas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{what}: give at least two increasing edges, e.g. 0,100,200</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{what}: edges cannot be negative</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Band edges in metres; a leading 0 adds a same-place band</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Distance bands (m)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time bands (days)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Permutations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Random seed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Knox table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repeat places</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> - months only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>add a crime or calls layer first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fewer than 3 events pass the filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Knox test of {v0:,} events…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{text} {n_events:,} events of {v2}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Knox table ready.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>run the test first</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Notifications</name>
    <message>
        <source>Dismiss</source>
        <extracomment>Seconds before an info/success message hides itself; warnings and errors stay.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel {title}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejected rows - {v0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{source}: no rows were rejected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save as CSV...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save rejected rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rejected-rows.csv</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Panels</name>
    <message>
        <source>Emerging hot spots</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where clustering is new, growing, fading or coming and going: Gi* for every cell and time step, a Mann-Kendall trend per cell (permutation test by default), and ArcGIS&apos;s 17 emerging hot spot patterns. Uses the events inside the project&apos;s filter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluate (WDD / WDQ)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hot spots (Gi*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Getis-Ord Gi* on counts per square cell: where events cluster more (hot) or less (cold) than the study-area average; or Local Moran&apos;s I (LISA): clusters of high or low values and outliers. The false discovery rate is controlled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export hot spot cells</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GeoPackage (*.gpkg)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kernel density (KDE)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Density of the filtered events per km² (quartic kernel by default). The bandwidth matters most: larger smooths, smaller fragments.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kernel density</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export density surface</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GeoTIFF (*.tif)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Near repeat (Knox)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Do events follow each other closely in space and time more than chance? The Knox test counts pairs by distance and days apart against shuffled times. Needs dated events: police.uk data (months only) are refused.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Knox table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plan patrols</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export patrol plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>patrol-plan.gpx</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GPX (*.gpx);;GeoJSON (*.geojson);;CSV (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repeats</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Places that keep coming back in the filter&apos;s time window: the same point (police.uk: the same snapped &apos;On or near&apos; point, months are enough), with first and last month and the categories. For dated calls, also repeats within a number of days of the previous call at the place or from the same caller. A count, not a risk: there is no significance test.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find repeats</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export repeats</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Horizon scan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What is rising, where, how sure and how harmful: every category in every area (the whole area, the ticked boundaries, grid cells), latest period against its own history, false discovery rate controlled, ranked by harm. The scan uses each layer&apos;s whole history, not the filter&apos;s window. Click an item to show it on the map.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Live demand</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PatrolPanel</name>
    <message>
        <source>Starts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add shift</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove shift</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>shift row {v0}: start must be an hour (e.g. 07:00) and the length a whole number of hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forecast from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Self-exciting (SEPP, EM)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prospective hot-spotting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KDE of recent periods</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last period (naive)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forecast method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weight by crime harm (CCHI-style)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> officer hours / week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hours available</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> % of area</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Area cap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Most places</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> m across at most</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A patrol place is a micro-place: a few street segments. Larger clusters of hot cells are split into places of at most this width.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Largest place</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> m cells</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Koper (1995): about 15 minutes gives the longest residual deterrence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Visit length</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revisit at most every</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On foot (5 km/h)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cycle (12 km/h)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Car (20 km/h in town)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Travel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shifts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shift plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Officers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hot spots</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fairness</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export plan…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare delivered patrols…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Patrol sheets…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Planning…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved plan {id} ({name}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plan {v0} ready and kept in the project; layers added to the map.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Patrol plan: {title}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>choose a .gpx, .geojson or .csv file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder for the patrol sheets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrote {v0} sheet files to {folder}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delivered patrols</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GPS tracks or visits (*.gpx *.csv)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PointInputs</name>
    <message>
        <source>Events to analyse; the project&apos;s filter applies</source>
        <extracomment>the study-area layer&apos;s attributes (area_code, area_name), row for row</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cells whose centre lies outside these polygons take no part (e.g. the force boundary)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Study area</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weight by crime harm (CCHI-style days)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each event counts as its crime type&apos;s harm weight (resources/lookups/harm_weights.md)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Whole extent (no boundary)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>add a crime or demand layer first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no events of {name!r} pass the current filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name!r} has no category to weight by harm</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProjectSettings</name>
    <message>
        <source>Project properties</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Author</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Protective marking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>optional, e.g. PERSONAL or OPERATIONAL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Descriptor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{crs}  (time zone {timezone})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set by the first layer imported; every layer is reprojected to it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Working CRS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The marking is shown on the window and printed on every export (top and bottom of sheets, a banner on HTML briefings).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QMessageBox</name>
    <message>
        <source>Show Details...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide Details...</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QPlatformTheme</name>
    <message>
        <source>OK</source>
        <extracomment>Qt&apos;s own button texts (Qt ships no qtbase_cy.qm): the standard buttons of message boxes and button boxes are looked up in context QPlatformTheme.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yes to &amp;All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;No</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>N&amp;o to All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Abort</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ignore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore Defaults</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Don&apos;t Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close without Saving</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QProgressDialog</name>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RepeatsPanel</name>
    <message>
        <source>Events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Same</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>points on the same square of this size are one place</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Place size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repeats within</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Smallest place</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repeat places</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> - months only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>place</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>caller ({col})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>add a crime or calls layer first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fewer than 2 events pass the filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repeats among {v0:,} events…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;{v0:,}&lt;/b&gt; places with {v1}+ events hold {n_in_repeats:,} of {n_events:,} events of {v4}. Click a place to show it on the map.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repeats ready.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>find the repeats first</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ScanPanel</name>
    <message>
        <source>harm excess (days)</source>
        <extracomment>header text where the column name alone would not say the unit</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>harm weight (days)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Harm excess, in crime harm days (days of custody equivalent per offence, CCHI-style; see resources/lookups/harm_weights.md): the events above expectation weighted by their category&apos;s harm; for near-repeat clusters, the harm of the cluster&apos;s events.</source>
        <extracomment>rows of the watch list shown (and kept in the project file) What &quot;harm excess&quot; means when the result does not describe its own columns.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Events</source>
        <extracomment>the shape of the item the user clicked (shapely, working CRS), or None the layer of the clicked item became the one to look at (layer id)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Areas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no grid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grid cells</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>False discovery rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Smallest item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Emerging hot spots</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New near-repeat clusters (dated layers)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rising significantly</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Watch list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Near-repeat chains (not tested)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter to this</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set the shared filter to the clicked item&apos;s area, category and period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export report…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tick at least one crime or calls layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scanning…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan done. Click an item to show it on the map.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restored from the project file (last scan). Click an item to show it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Showing item {v0} on the map. “Filter to this” sets its area, category and period.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>run the scan first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Harm excess: {text}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Style</name>
    <message>
        <source>Circle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Square</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Triangle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Diamond</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plus</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Star</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quantiles (equal counts)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Natural breaks (Jenks)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Equal interval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Style: {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Style</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Colour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a colour</source>
        <extracomment>rates resting on fewer events than this are flagged as unstable most categories the colour table lists (the rest keep their default colour)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Single colour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Colour by category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choropleth (graduated colours)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result classes ({col})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Raster surface (colour ramp)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fill</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Default colours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Categories</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Numeric attribute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Count of events inside the filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rate per 1,000 residents inside the filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Values</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attribute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Events of</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Classification</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Classes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Colour ramp</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choropleth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> px</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Symbol</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fill opacity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer opacity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Legend preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>counting events per area in the background…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; {missing} area(s) with no value (drawn empty)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; only {k} distinct class(es) in the data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>. {few} area(s) have fewer than {small} events: their rates swing a lot with one event more or less</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The legend appears when done: {note}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot classify: {note}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Table</name>
    <message>
        <source>Only rows in the filter</source>
        <extracomment>Selections bigger than this many table rows are shown by shading the rows rather than through Qt&apos;s selection model (which slows painting in proportion to the rows selected: a 1M-row selection took seconds per frame). Copy to the clipboard at most this many rows. Highlight at most this many separate runs of selected rows in the view (Qt&apos;s selection model slows down with many ranges); &quot;Selected only&quot; lists them all.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show only the rows inside the time window, categories and area</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Selected only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>List only the selected rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom to selection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the selected rows as tab-separated text (Ctrl+C)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export CSV...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the selected rows (or all shown rows when none is selected) as CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{shown:,} of {n:,} rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (filtered)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; {sel:,} selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (the first {runs:,} groups are highlighted; tick Selected only to list them all)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sorting {name} by {v1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export rows as CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Timeline</name>
    <message>
        <source>day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>0.5 steps/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 step/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>2 steps/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>4 steps/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>8 steps/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which temporal layers the bars count</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Auto bins</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bin width; month-precision data (data.police.uk) is always binned by month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>28 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The last 28 days of the data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>3 months</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The last 3 months of the data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>12 months</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The last 12 months of the data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No time window: all the data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Play: move the window forward one bin at a time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Animation speed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drag to choose a period; drag the blue brush or its edges to move it; double-click to clear the window; Shift+drag to pan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Categories</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All</source>
        <comment>categories</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None</source>
        <comment>categories</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Auto: largest visible layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All visible layers, by category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All visible layers, by layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name}: {n:,} rows in all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No temporal layer is visible.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>per {unit}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>week of {start}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Window: all time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Window: {s:%d %b %Y} to {last:%d %b %Y} ({days:,.0f} days)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown preset {key!r}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Vocabulary</name>
    <message>
        <source>Crime</source>
        <extracomment>language code -&gt; its own name (what a speaker looks for in the menu) what the interface falls back to: the source strings Terms made outside the window that it shows (vocab() looks them up); lupdate reads this list, so each one is in every catalogue.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calls for service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Community assets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Boundaries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Analysis result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>crime</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>demand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>asset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>boundary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Anti-social behaviour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bicycle theft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Burglary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Criminal damage and arson</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drugs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other crime</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other theft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Possession of weapons</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Public order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Robbery</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shoplifting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Theft from the person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vehicle crime</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Violence and sexual offences</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hot spot, 99 % confidence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hot spot, 95 % confidence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hot spot, 90 % confidence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not significant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cold spot, 90 % confidence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cold spot, 95 % confidence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cold spot, 99 % confidence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New hot spot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consecutive hot spot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Intensifying hot spot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Persistent hot spot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Diminishing hot spot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sporadic hot spot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Oscillating hot spot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Historical hot spot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New cold spot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consecutive cold spot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Intensifying cold spot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Persistent cold spot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Diminishing cold spot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sporadic cold spot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Oscillating cold spot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Historical cold spot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No pattern</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IMD decile (1 = most deprived)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share of places</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share of patrol time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share of crime</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share of harm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Patrol time minus harm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>p (FDR)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trend p</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trend z</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gi* z</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Harm excess</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Harm weight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Knox ratio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Area type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Area code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Area</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pattern</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last year</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cell</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Distance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rank</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Observed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Count</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cells</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Visits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coverage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hit rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Treated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Control</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Buffer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Z</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lsoa code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lsoa name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Place</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Location</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Span days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Months</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>N events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Harm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Emergency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Priority</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No deployment</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
