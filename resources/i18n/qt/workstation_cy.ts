<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="cy">
    <context>
        <name>About</name>
        <message>
            <source>Contains public sector information licensed under the Open Government Licence v3.0.</source>
            <extracomment>Libraries the application is built on, with their licences.</extracomment>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Yn cynnwys gwybodaeth sector cyhoeddus a drwyddedir o dan y Drwydded Llywodraeth Agored v3.0.</translation>
        </message>
        <message>
            <source>Source: Office for National Statistics licensed under the Open Government Licence v.3.0. Contains OS data © Crown copyright and database right.</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Ffynhonnell: Swyddfa Ystadegau Gwladol, a drwyddedir o dan y Drwydded Llywodraeth Agored v.3.0. Yn cynnwys data’r AO © Hawlfraint y Goron a hawl cronfa ddata.</translation>
        </message>
        <message>
            <source>not installed</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>heb ei osod</translation>
        </message>
        <message>
            <source>data.police.uk street-level crime: </source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>troseddau lefel stryd data.police.uk: </translation>
        </message>
        <message>
            <source>ONS boundaries and Census 2021: </source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>ffiniau’r SYG a Chyfrifiad 2021: </translation>
        </message>
        <message>
            <source>OSTN15 (British National Grid transformation): © Crown copyright, Ordnance Survey, OGL.</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>OSTN15 (trawsnewid Grid Cenedlaethol Prydain): © Hawlfraint y Goron, Arolwg Ordnans, OGL.</translation>
        </message>
        <message>
            <source>Desktop GIS for police intelligence analysts and neighbourhood inspectors: crime and demand mapping, hot spots, patrol plans and briefings.</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>GIS bwrdd gwaith i ddadansoddwyr cudd-wybodaeth yr heddlu ac arolygwyr cymdogaeth: mapio troseddau a galw, mannau poeth, cynlluniau patrôl a sesiynau briffio.</translation>
        </message>
        <message>
            <source>Python {version} on {system}.</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Python {version} ar {system}.</translation>
        </message>
        <message>
            <source>Data attributions</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Priodoli data</translation>
        </message>
        <message>
            <source>Open-source components</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Cydrannau cod agored</translation>
        </message>
        <message>
            <source>Library</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Llyfrgell</translation>
        </message>
        <message>
            <source>Version</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Fersiwn</translation>
        </message>
        <message>
            <source>Licence</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Trwydded</translation>
        </message>
        <message>
            <source>About Analyst Workstation</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Ynghylch Analyst Workstation</translation>
        </message>
        <message>
            <source>User guide</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Canllaw defnyddiwr</translation>
        </message>
        <message>
            <source>The user guide is missing ({path}).</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Mae’r canllaw defnyddiwr ar goll ({path}).</translation>
        </message>
    </context>
    <context>
        <name>App</name>
        <message>
            <source>Building the demo force area...</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Wrthi’n adeiladu ardal heddlu’r demo...</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Canslo</translation>
        </message>
        <message>
            <source>Analyst Workstation demo</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Demo Analyst Workstation</translation>
        </message>
        <message>
            <source>Demo: a synthetic force area (made-up crime, calls, assets and boundaries). Drag the blue brush on the timeline to filter the map.</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Demo: ardal heddlu synthetig (troseddau, galwadau, asedau a ffiniau ffug). Llusgwch y brwsh glas ar y llinell amser i hidlo’r map.</translation>
        </message>
        <message>
            <source>The demo could not be built: {message}</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Doedd dim modd adeiladu’r demo: {message}</translation>
        </message>
        <message>
            <source>Building the demo</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Adeiladu’r demo</translation>
        </message>
        <message>
            <source>{project}: no such project file</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>{project}: does dim ffeil prosiect o’r fath</translation>
        </message>
    </context>
    <context>
        <name>Base</name>
        <message>
            <source>Run</source>
            <extracomment>column name -&gt; what it means (header tooltips), set by the panel the widest a text column grows to fit its contents (longer text is elided)</extracomment>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Rhedeg</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Canslo</translation>
        </message>
        <message>
            <source>Stale: the filter has changed since this result was made. Run again to update it.</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Wedi dyddio: mae’r hidlydd wedi newid ers gwneud y canlyniad hwn. Rhedwch eto i’w ddiweddaru.</translation>
        </message>
        <message>
            <source>Settings</source>
            <extracomment>(caption, default file name, filters) of the ``export_dialog`` save dialog</extracomment>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Gosodiadau</translation>
        </message>
        <message>
            <source>Method</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Dull</translation>
        </message>
        <message>
            <source>Cancelled.</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Wedi’i ganslo.</translation>
        </message>
        <message>
            <source>Settings (click to change)</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Gosodiadau (cliciwch i newid)</translation>
        </message>
        <message>
            <source>Restored from the project file (last result); run again to update it.</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Wedi’i adfer o ffeil y prosiect (y canlyniad diwethaf); rhedwch eto i’w ddiweddaru.</translation>
        </message>
        <message>
            <source>Saved</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Wedi cadw</translation>
        </message>
        <message>
            <source>{done} {path}</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>{done} {path}</translation>
        </message>
    </context>
    <context>
        <name>Basemap</name>
        <message>
            <source>no zoom-level folders ({z}/{x}/{y}.png) in the tile folder</source>
            <extracomment>never draw more tiles than this at once</extracomment>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>dim ffolderi lefel chwyddo ({z}/{x}/{y}.png) yn y ffolder teils</translation>
        </message>
        <message>
            <source>not a readable MBTiles file ({exc})</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>nid yw’n ffeil MBTiles ddarllenadwy ({exc})</translation>
        </message>
        <message>
            <source>the MBTiles file holds no tiles</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>does dim teils yn y ffeil MBTiles</translation>
        </message>
        <message>
            <source>basemap path does not exist</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>nid yw llwybr y map sylfaen yn bodoli</translation>
        </message>
    </context>
    <context>
        <name>Canvas</name>
        <message>
            <source>Area filter on  ✕ Clear</source>
            <extracomment>wait this long after the last filter change before recounting choropleths wait this long after the last view change before fetching basemap tiles point layers larger than this get their polygon index built off the UI thread a layer's legend changed (choropleth classes recomputed); layer id a worker finished a polygon index; boundary layer id, error text ("" if none) "Problem profile of this area" chosen on the map; area code, area name</extracomment>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Hidlydd ardal ymlaen  ✕ Clirio</translation>
        </message>
        <message>
            <source>Remove the area filter (show everything again)</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Tynnu’r hidlydd ardal (dangos popeth eto)</translation>
        </message>
        <message>
            <source>unknown map tool {name!r}; choose one of {TOOLS}</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>teclyn map anhysbys {name!r}; dewiswch un o {TOOLS}</translation>
        </message>
        <message>
            <source>Problem profile of {0} ({1})...</source>
            <translatorcomment>Draft by a non-speaker; to be checked by a fluent speaker.</translatorcomment>
            <translation>Proffil problem {0} ({1})...</translation>
        </message>
        <message>
            <source>Zoom to all layers</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Chwyddo i bob haen</translation>
        </message>
        <message>
            <source>Zoom to selection</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Chwyddo i’r detholiad</translation>
        </message>
        <message>
            <source>Clear selection</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Clirio’r detholiad</translation>
        </message>
        <message>
            <source>Clear area filter</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Clirio’r hidlydd ardal</translation>
        </message>
        <message>
            <source>The layer has no features to zoom to.</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Does gan yr haen ddim nodweddion i chwyddo iddynt.</translation>
        </message>
        <message>
            <source>Nothing is selected.</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Does dim wedi’i ddewis.</translation>
        </message>
        <message>
            <source>Basemap: {name} (local tiles, zoom {lo}-{hi}); nothing is fetched from the network.</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Map sylfaen: {name} (teils lleol, chwyddo {lo}-{hi}); does dim yn cael ei nôl o’r rhwydwaith.</translation>
        </message>
        <message>
            <source>cannot draw layer {name!r}: {exc}</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>methu lluniadu’r haen {name!r}: {exc}</translation>
        </message>
        <message>
            <source>Counting {counted} in each area of {boundary}…</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Wrthi’n cyfrif {counted} ym mhob ardal o {boundary}…</translation>
        </message>
        <message>
            <source>Could not count points per area: {error}</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Methu cyfrif pwyntiau fesul ardal: {error}</translation>
        </message>
        <message>
            <source>Choropleth of {name} drawn.</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Map coropleth o {name} wedi’i luniadu.</translation>
        </message>
        <message>
            <source>{n:,} feature(s) selected.</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>{n:,} nodwedd wedi’u dewis.</translation>
        </message>
        <message>
            <source>{name}: points per {cell_m:,.0f} m square (log scale; zoom in for points)</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>{name}: pwyntiau fesul sgwâr {cell_m:,.0f} m (graddfa log; chwyddwch i mewn i weld pwyntiau)</translation>
        </message>
        <message>
            <source>no column {column!r} to map</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>dim colofn {column!r} i’w mapio</translation>
        </message>
        <message>
            <source>column {column!r} is not numeric</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>nid yw’r golofn {column!r} yn rhifol</translation>
        </message>
        <message>
            <source>the layer it counts is no longer in the project</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>nid yw’r haen y mae’n ei chyfrif yn y prosiect mwyach</translation>
        </message>
        <message>
            <source>unknown choropleth source {source!r}</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>ffynhonnell coropleth anhysbys {source!r}</translation>
        </message>
        <message>
            <source>Pan</source>
            <extracomment>tool name -&gt; (label, tooltip) for toolbars</extracomment>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Panio</translation>
        </message>
        <message>
            <source>Drag to pan, wheel to zoom (keys: arrows, + and -)</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Llusgwch i banio, olwyn i chwyddo (bysellau: saethau, + a -)</translation>
        </message>
        <message>
            <source>Identify</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Adnabod</translation>
        </message>
        <message>
            <source>Click a feature to see its attributes</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Cliciwch ar nodwedd i weld ei phriodoleddau</translation>
        </message>
        <message>
            <source>Select (box)</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Dewis (blwch)</translation>
        </message>
        <message>
            <source>Drag a box to select; Shift adds</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Llusgwch flwch i ddewis; mae Shift yn ychwanegu</translation>
        </message>
        <message>
            <source>Select (lasso)</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Dewis (laso)</translation>
        </message>
        <message>
            <source>Draw round features to select; Shift adds</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Lluniwch o amgylch nodweddion i’w dewis; mae Shift yn ychwanegu</translation>
        </message>
        <message>
            <source>Filter to area</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Hidlo i ardal</translation>
        </message>
        <message>
            <source>Draw round an area: every view shows only what falls inside it</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Lluniwch o amgylch ardal: mae pob golwg yn dangos dim ond yr hyn sydd y tu mewn iddi</translation>
        </message>
    </context>
    <context>
        <name>DowngradeRow</name>
        <message>
            <source>why this output may carry a lower marking (recorded)</source>
            <translatorcomment>Draft by a non-speaker; to be checked by a fluent speaker.</translatorcomment>
            <translation>pam y gall yr allbwn hwn gario marc is (cofnodir)</translation>
        </message>
        <message>
            <source>I confirm this output is marked {0}, lower than the project's {1}</source>
            <translatorcomment>Draft by a non-speaker; to be checked by a fluent speaker.</translatorcomment>
            <translation>Rwy'n cadarnhau bod yr allbwn hwn wedi'i farcio'n {0}, yn is na marc y prosiect, {1}</translation>
        </message>
    </context>
    <context>
        <name>EmergingPanel</name>
        <message>
            <source>Cell size</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Maint cell</translation>
        </message>
        <message>
            <source>Automatic (month for police.uk data, else week)</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Awtomatig (mis ar gyfer data police.uk, fel arall wythnos)</translation>
        </message>
        <message>
            <source>Month</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Mis</translation>
        </message>
        <message>
            <source>Week (Monday to Sunday)</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Wythnos (dydd Llun i ddydd Sul)</translation>
        </message>
        <message>
            <source>Day</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Diwrnod</translation>
        </message>
        <message>
            <source>Time step</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Cam amser</translation>
        </message>
        <message>
            <source> step(s) either side</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation> cam bob ochr</translation>
        </message>
        <message>
            <source>Time neighbourhood</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Cymdogaeth amser</translation>
        </message>
        <message>
            <source>0.10 = 90 % confidence, as ArcGIS</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>0.10 = hyder 90 %, fel ArcGIS</translation>
        </message>
        <message>
            <source>Bin significance</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Arwyddocâd bin</translation>
        </message>
        <message>
            <source>Correct bins for multiple testing (FDR)</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Cywiro’r biniau ar gyfer profion lluosog (FDR)</translation>
        </message>
        <message>
            <source>Trend significance</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Arwyddocâd tuedd</translation>
        </message>
        <message>
            <source>Permutation (holds 5 % on data with no trend)</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Trynewid (yn dal 5 % ar ddata heb duedd)</translation>
        </message>
        <message>
            <source>Mann-Kendall on each cell's counts</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Mann-Kendall ar gyfrifon pob cell</translation>
        </message>
        <message>
            <source>ArcGIS-compatible (about 20 % false trends at 5 %)</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Yn gydnaws ag ArcGIS (tua 20 % o dueddiadau ffug ar 5 %)</translation>
        </message>
        <message>
            <source>Trend test</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Prawf tuedd</translation>
        </message>
        <message>
            <source>Patterns</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Patrymau</translation>
        </message>
        <message>
            <source>police.uk data are monthly: choose a month time step</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>mae data police.uk yn fisol: dewiswch gam amser o fis</translation>
        </message>
        <message>
            <source>Emerging hot spots of {n:,} events…</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Mannau poeth sy’n dod i’r amlwg o {n:,} digwyddiad…</translation>
        </message>
        <message>
            <source>&lt;b&gt;{emerging:,}&lt;/b&gt; new, consecutive or intensifying hot spot cells of {v1:,} over {n_steps} {step}s ({first} to {last}); {n:,} events, {v7}.</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>&lt;b&gt;{emerging:,}&lt;/b&gt; cell man poeth newydd, olynol neu’n dwysáu o {v1:,} dros {n_steps} × {step} ({first} i {last}); {n:,} digwyddiad, {v7}.</translation>
        </message>
        <message>
            <source>Emerging hot spot cells added to the map.</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Celloedd mannau poeth sy’n dod i’r amlwg wedi’u hychwanegu at y map.</translation>
        </message>
    </context>
    <context>
        <name>EvaluatePanel</name>
        <message>
            <source>Treated area</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Ardal driniaeth</translation>
        </message>
        <message>
            <source>Control area</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Ardal reoli</translation>
        </message>
        <message>
            <source>Buffer control</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Rheolydd y glustogfa</translation>
        </message>
        <message>
            <source>Enter before/after counts, or count them: pick areas on the map (lasso 'filter to area' or select boundary polygons) and set each period from the timeline window.</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Rhowch gyfrifon cyn/ar ôl, neu cyfrifwch nhw: dewiswch ardaloedd ar y map (lasŵ 'hidlo i ardal' neu dewis polygonau ffin) a gosodwch bob cyfnod o ffenestr y llinell amser.</translation>
        </message>
        <message>
            <source>Counts (before, after)</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Cyfrifon (cyn, ar ôl)</translation>
        </message>
        <message>
            <source>Buffer ring</source>
            <translatorcomment>Draft by a non-speaker; to be checked by a fluent speaker.</translatorcomment>
            <translation>Cylch clustogi</translation>
        </message>
        <message>
            <source>Map</source>
            <translatorcomment>Draft by a non-speaker; to be checked by a fluent speaker.</translatorcomment>
            <translation>Map</translation>
        </message>
        <message>
            <source>{label}: take it from the map (the current filter area, or the selected boundary polygons)</source>
            <translatorcomment>Draft by a non-speaker; to be checked by a fluent speaker.</translatorcomment>
            <translation>{label}: ei gymryd o’r map (yr ardal hidlo gyfredol, neu’r polygonau ffin a ddewiswyd)</translation>
        </message>
        <message>
            <source>Count from a layer</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Cyfrif o haen</translation>
        </message>
        <message>
            <source>Events</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Digwyddiadau</translation>
        </message>
        <message>
            <source>Buffer ring around treated</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Cylch clustogi o amgylch yr ardal driniaeth</translation>
        </message>
        <message>
            <source>Displacement</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Dadleoli</translation>
        </message>
        <message>
            <source>Before = timeline window</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Cyn = ffenestr y llinell amser</translation>
        </message>
        <message>
            <source>After = timeline window</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Ar ôl = ffenestr y llinell amser</translation>
        </message>
        <message>
            <source>Periods</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Cyfnodau</translation>
        </message>
        <message>
            <source>Count events</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Cyfrif digwyddiadau</translation>
        </message>
        <message>
            <source>Evaluate</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Gwerthuso</translation>
        </message>
        <message>
            <source>Select boundary polygons or draw a filter area first.</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Dewiswch bolygonau ffin neu luniwch ardal hidlo yn gyntaf.</translation>
        </message>
        <message>
            <source>{v0} set ({v1:.3f} km²).</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>{v0} wedi’i gosod ({v1:.3f} km²).</translation>
        </message>
        <message>
            <source>Set the treated area first.</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Gosodwch yr ardal driniaeth yn gyntaf.</translation>
        </message>
        <message>
            <source>Displacement buffer: {v0:.0f} m ring ({v1:.3f} km²).</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Clustogfa dadleoli: cylch {v0:.0f} m ({v1:.3f} km²).</translation>
        </message>
        <message>
            <source>Set a time window on the timeline first.</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Gosodwch ffenestr amser ar y llinell amser yn gyntaf.</translation>
        </message>
        <message>
            <source>{v0} period: {w}</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Cyfnod {v0}: {w}</translation>
        </message>
        <message>
            <source>Choose an event layer and set both periods.</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Dewiswch haen digwyddiadau a gosodwch y ddau gyfnod.</translation>
        </message>
        <message>
            <source>That layer has no times.</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Does gan yr haen honno ddim amseroedd.</translation>
        </message>
        <message>
            <source>Counted: </source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Wedi cyfrif: </translation>
        </message>
        <message>
            <source>, WDQ {wdq:.2f}</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>, WDQ {wdq:.2f}</translation>
        </message>
        <message>
            <source>, net effect {net:.0f} crimes</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>, effaith net {net:.0f} trosedd</translation>
        </message>
        <message>
            <source>&lt;b&gt;WDD {wdd:.1f}&lt;/b&gt; (SE {se:.1f}, z {z:.2f}, p {p:.3f}){extra}</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>&lt;b&gt;WDD {wdd:.1f}&lt;/b&gt; (gwall safonol {se:.1f}, z {z:.2f}, p {p:.3f}){extra}</translation>
        </message>
    </context>
    <context>
        <name>ExportBriefing</name>
        <message>
            <source>PDF briefing sheet (map, tables, notes)</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Taflen friffio PDF (map, tablau, nodiadau)</translation>
        </message>
        <message>
            <source>PNG image of the map sheet</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Delwedd PNG o’r daflen fap</translation>
        </message>
        <message>
            <source>Offline HTML map (phone or laptop, no network)</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Map HTML all-lein (ffôn neu liniadur, dim rhwydwaith)</translation>
        </message>
        <message>
            <source>Choose a marking…</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Dewiswch farc…</translation>
        </message>
        <message>
            <source>Choose a protective marking: every briefing carries one.</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Dewiswch farc diogelu: mae gan bob briff un.</translation>
        </message>
        <message>
            <source>This marking is below the project's, or drops or changes its descriptor: give the reason and confirm it (both are recorded in the audit trail and the file).</source>
            <translatorcomment>Draft by a non-speaker; to be checked by a fluent speaker.</translatorcomment>
            <translation>Mae’r marc hwn yn is na marc y prosiect, neu’n hepgor neu’n newid ei ddisgrifydd: rhowch y rheswm a’i gadarnhau (caiff y ddau eu cofnodi yn y trywydd archwilio ac yn y ffeil).</translation>
        </message>
        <message>
            <source>Export briefing</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Allforio briff</translation>
        </message>
        <message>
            <source>Portrait</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Portread</translation>
        </message>
        <message>
            <source>Landscape</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Tirlun</translation>
        </message>
        <message>
            <source> dpi</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation> dpi</translation>
        </message>
        <message>
            <source>optional, e.g. PERSONAL or OPERATIONAL</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>dewisol, e.e. PERSONAL neu OPERATIONAL</translation>
        </message>
        <message>
            <source>Use the current map view</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Defnyddio golwg gyfredol y map</translation>
        </message>
        <message>
            <source>output file</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>ffeil allbwn</translation>
        </message>
        <message>
            <source>Browse…</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Pori…</translation>
        </message>
        <message>
            <source>Format</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Fformat</translation>
        </message>
        <message>
            <source>Page size</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Maint tudalen</translation>
        </message>
        <message>
            <source>Orientation</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Cyfeiriadedd</translation>
        </message>
        <message>
            <source>PNG resolution</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Cydraniad PNG</translation>
        </message>
        <message>
            <source>Title</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Teitl</translation>
        </message>
        <message>
            <source>Protective marking</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Marc diogelu</translation>
        </message>
        <message>
            <source>Descriptor</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Disgrifydd</translation>
        </message>
        <message>
            <source>Downgrade</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Israddio</translation>
        </message>
        <message>
            <source>Save to</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Cadw i</translation>
        </message>
        <message>
            <source>Preview</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Rhagolwg</translation>
        </message>
        <message>
            <source>Export</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Allforio</translation>
        </message>
        <message>
            <source>give a file name to save to, not a folder</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>rhowch enw ffeil i gadw iddi, nid ffolder</translation>
        </message>
        <message>
            <source>that is a folder; add a file name</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>ffolder yw hwnnw; ychwanegwch enw ffeil</translation>
        </message>
        <message>
            <source>PDF (*.pdf)</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>PDF (*.pdf)</translation>
        </message>
        <message>
            <source>PNG image (*.png)</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Delwedd PNG (*.png)</translation>
        </message>
        <message>
            <source>HTML page (*.html)</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Tudalen HTML (*.html)</translation>
        </message>
        <message>
            <source>Save briefing</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Cadw’r briff</translation>
        </message>
        <message>
            <source>Preview of page 1 (the HTML map shows the same layers)</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Rhagolwg o dudalen 1 (mae’r map HTML yn dangos yr un haenau)</translation>
        </message>
        <message>
            <source>Preview of page 1</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Rhagolwg o dudalen 1</translation>
        </message>
        <message>
            <source>{parent}: folder does not exist</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>{parent}: nid yw’r ffolder yn bodoli</translation>
        </message>
        <message>
            <source>Writing {name}…</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Wrthi’n ysgrifennu {name}…</translation>
        </message>
        <message>
            <source>Briefing written to {path} ({v1:,} bytes, {v2}). SHA-256 {v3}… recorded in the audit trail.</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Briff wedi’i ysgrifennu i {path} ({v1:,} beit, {v2}). SHA-256 {v3}… wedi’i gofnodi yn y trywydd archwilio.</translation>
        </message>
        <message>
            <source>Close</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Cau</translation>
        </message>
        <message>
            <source>Export failed: {message}</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Methodd yr allforio: {message}</translation>
        </message>
    </context>
    <context>
        <name>GraphicsScene</name>
        <message>
            <source>Export...</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Allforio...</translation>
        </message>
    </context>
    <context>
        <name>HotspotPanel</name>
        <message>
            <source>choose a boundary layer as the study area to use areas</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>dewiswch haen ffiniau fel yr ardal astudio i ddefnyddio ardaloedd</translation>
        </message>
        <message>
            <source>areas use queen or rook contiguity, not a distance band</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>mae ardaloedd yn defnyddio cyffinedd brenhines neu gastell, nid band pellter</translation>
        </message>
        <message>
            <source>{n:,.0f} event(s) (or harm) fall outside every area and are not counted.</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Mae {n:,.0f} digwyddiad (neu niwed) y tu allan i bob ardal ac nid ydynt yn cael eu cyfrif.</translation>
        </message>
        <message>
            <source>{lost:,} event(s) lie outside the study area and are not counted.</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Mae {lost:,} digwyddiad y tu allan i’r ardal astudio ac nid ydynt yn cael eu cyfrif.</translation>
        </message>
        <message>
            <source>Getis-Ord Gi*: hot and cold spots</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Getis-Ord Gi*: mannau poeth ac oer</translation>
        </message>
        <message>
            <source>Local Moran's I (LISA): clusters and outliers, 999 permutations</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>I Moran Lleol (LISA): clystyrau a gwerthoedd eithriadol, 999 trynewidiad</translation>
        </message>
        <message>
            <source>Statistic</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Ystadegyn</translation>
        </message>
        <message>
            <source>Grid cells</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Celloedd grid</translation>
        </message>
        <message>
            <source>Areas of the study-area layer (e.g. LSOAs)</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Ardaloedd haen yr ardal astudio (e.e. LSOAs)</translation>
        </message>
        <message>
            <source>Count by</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Cyfrif yn ôl</translation>
        </message>
        <message>
            <source>Cell size</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Maint cell</translation>
        </message>
        <message>
            <source>Queen: the cell and its 8 neighbours</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Brenhines: y gell a’i 8 cymydog</translation>
        </message>
        <message>
            <source>Rook: the cell and its 4 neighbours</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Castell: y gell a’i 4 cymydog</translation>
        </message>
        <message>
            <source>Distance band</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Band pellter</translation>
        </message>
        <message>
            <source>Neighbourhood</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Cymdogaeth</translation>
        </message>
        <message>
            <source>Correct for many tests (FDR)</source>
            <translatorcomment>Draft by a non-speaker; to be checked by a fluent speaker.</translatorcomment>
            <translation>Cywiro ar gyfer llawer o brofion (FDR)</translation>
        </message>
        <message>
            <source>Benjamini–Hochberg false discovery rate. Off: about 10 % of cells with no real clustering would be flagged at 90 %</source>
            <translatorcomment>Draft by a non-speaker; to be checked by a fluent speaker.</translatorcomment>
            <translation>Cyfradd darganfod ffug Benjamini–Hochberg. I ffwrdd: byddai tua 10 % o gelloedd heb glystyru go iawn yn cael eu nodi ar 90 %</translation>
        </message>
        <message>
            <source>False discovery rate</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Cyfradd darganfod ffug</translation>
        </message>
        <message>
            <source>Classes</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Dosbarthiadau</translation>
        </message>
        <message>
            <source>Hottest cells</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Celloedd poethaf</translation>
        </message>
        <message>
            <source>Export GeoPackage…</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Allforio GeoPackage…</translation>
        </message>
        <message>
            <source>{what} on {n:,} events…</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>{what} ar {n:,} digwyddiad…</translation>
        </message>
        <message>
            <source>FDR-corrected</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>wedi’i gywiro ag FDR</translation>
        </message>
        <message>
            <source>NOT corrected for multiple testing</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>HEB ei gywiro ar gyfer profion lluosog</translation>
        </message>
        <message>
            <source>cells</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>cell</translation>
        </message>
        <message>
            <source>areas</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>ardal</translation>
        </message>
        <message>
            <source>&lt;b&gt;{hh:,} high-high&lt;/b&gt;, &lt;b&gt;{ll:,} low-low&lt;/b&gt;, {out:,} outlier</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>&lt;b&gt;{hh:,} uchel-uchel&lt;/b&gt;, &lt;b&gt;{ll:,} isel-isel&lt;/b&gt;, {out:,} eithriadol</translation>
        </message>
        <message>
            <source>{head} {unit} of {v2:,} ({fdr}); {n:,} events, {v5}.</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>{head} {unit} o {v2:,} ({fdr}); {n:,} digwyddiad, {v5}.</translation>
        </message>
        <message>
            <source>Hot spot cells added to the map.</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Celloedd mannau poeth wedi’u hychwanegu at y map.</translation>
        </message>
        <message>
            <source>run the analysis first</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>rhedwch y dadansoddiad yn gyntaf</translation>
        </message>
        <message>
            <source>FDR-adjusted p ≤ 0.10</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>p wedi’i addasu ag FDR ≤ 0.10</translation>
        </message>
        <message>
            <source> Of these, &lt;b&gt;{at_q:,}&lt;/b&gt; (hot or cold) are significant at the false discovery rate of {fdr:g}, the figure the method note and the briefing give.</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation> O’r rhain, mae &lt;b&gt;{at_q:,}&lt;/b&gt; (poeth neu oer) yn arwyddocaol ar gyfradd darganfod ffug o {fdr:g}, y ffigur y mae nodyn y dull a’r briff yn ei roi.</translation>
        </message>
        <message>
            <source>unadjusted p ≤ 0.10, NOT corrected for multiple testing</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>p heb ei addasu ≤ 0.10, HEB ei gywiro ar gyfer profion lluosog</translation>
        </message>
        <message>
            <source>&lt;b&gt;{hot:,} hot&lt;/b&gt; and &lt;b&gt;{cold:,} cold&lt;/b&gt; {unit} of {total:,} at 90 % confidence or more ({rule}); {n:,} events, {filter}.{strict}</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>&lt;b&gt;{hot:,} poeth&lt;/b&gt; a &lt;b&gt;{cold:,} oer&lt;/b&gt; ({unit}) o {total:,} ar hyder 90 % neu fwy ({rule}); {n:,} digwyddiad, {filter}.{strict}</translation>
        </message>
    </context>
    <context>
        <name>HourOfWeek</name>
        <message>
            <source>Mon</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Llun</translation>
        </message>
        <message>
            <source>Tue</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Maw</translation>
        </message>
        <message>
            <source>Wed</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Mer</translation>
        </message>
        <message>
            <source>Thu</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Iau</translation>
        </message>
        <message>
            <source>Fri</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Gwe</translation>
        </message>
        <message>
            <source>Sat</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Sad</translation>
        </message>
        <message>
            <source>Sun</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Sul</translation>
        </message>
        <message>
            <source>No layer with times to the hour is loaded. The hour-of-week grid needs event times (for example calls for service).</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Does dim haen ag amseroedd i’r awr wedi’i llwytho. Mae angen amseroedd digwyddiadau ar grid awr yr wythnos (er enghraifft galwadau am wasanaeth).</translation>
        </message>
        <message>
            <source>{name} has no times, so it has no hour-of-week pattern.</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Does gan {name} ddim amseroedd, felly does ganddi ddim patrwm awr yr wythnos.</translation>
        </message>
        <message>
            <source>{name} records only the month of each event (data.police.uk publishes month, not date or time), so an hour-of-week grid cannot be drawn for it. Use a layer with event times, such as calls for service.</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Mae {name} yn cofnodi mis pob digwyddiad yn unig (mae data.police.uk yn cyhoeddi’r mis, nid y dyddiad na’r amser), felly does dim modd lluniadu grid awr yr wythnos ar ei chyfer. Defnyddiwch haen ag amseroedd digwyddiadau, fel galwadau am wasanaeth.</translation>
        </message>
        <message>
            <source>{name} records dates without times of day, so an hour-of-week grid cannot be drawn for it.</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Mae {name} yn cofnodi dyddiadau heb amser o’r dydd, felly does dim modd lluniadu grid awr yr wythnos ar ei chyfer.</translation>
        </message>
        <message>
            <source>per cell</source>
            <extracomment>what one cell counts, after the top value of the colour key</extracomment>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>fesul cell</translation>
        </message>
        <message>
            <source>{v0} {h:02d}:00-{v2:02d}:00: {v3:,} events</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>{v0} {h:02d}:00-{v2:02d}:00: {v3:,} digwyddiad</translation>
        </message>
        <message>
            <source>Clear hours</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Clirio’r oriau</translation>
        </message>
        <message>
            <source>Show every hour of the week again</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Dangos pob awr o’r wythnos eto</translation>
        </message>
        <message>
            <source>(total over {weeks})</source>
            <extracomment>which layer and period the grid counts (layer id, rows counted): what the grid's counts are of</extracomment>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>(cyfanswm dros {weeks})</translation>
        </message>
        <message>
            <source>{n:,} events</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>{n:,} digwyddiad</translation>
        </message>
        <message>
            <source>; {inside:,} in {k} chosen hours</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>; {inside:,} yn y {k} awr a ddewiswyd</translation>
        </message>
        <message>
            <source>0 weeks</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>0 wythnos</translation>
        </message>
        <message>
            <source>{n:,.0f} weeks</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>{n:,.0f} wythnos</translation>
        </message>
        <message>
            <source>1 week</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>1 wythnos</translation>
        </message>
        <message>
            <source>{days:.0f} days</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>{days:.0f} diwrnod</translation>
        </message>
        <message>
            <source>{a} to {b}</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>{a} i {b}</translation>
        </message>
        <message>
            <source>{a} to {b} (all the data)</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>{a} i {b} (yr holl ddata)</translation>
        </message>
        <message>
            <source> (hidden on the map)</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation> (wedi’i chuddio ar y map)</translation>
        </message>
        <message>
            <source>{name}{hidden}, {period}: each cell is the total for that hour of the week over {weeks}, inside the filter.</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>{name}{hidden}, {period}: mae pob cell yn dangos y cyfanswm ar gyfer yr awr honno o’r wythnos dros {weeks}, y tu mewn i’r hidlydd.</translation>
        </message>
    </context>
    <context>
        <name>ImportDialog</name>
        <message>
            <source>Date and time</source>
            <extracomment>Below this confidence the import asks the user to confirm the mapping. Rows the preview reads through the real reader.</extracomment>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Dyddiad ac amser</translation>
        </message>
        <message>
            <source>Date (with a separate time)</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Dyddiad (gydag amser ar wahân)</translation>
        </message>
        <message>
            <source>Time of day</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Amser o’r dydd</translation>
        </message>
        <message>
            <source>Month</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Mis</translation>
        </message>
        <message>
            <source>Longitude</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Hydred</translation>
        </message>
        <message>
            <source>Latitude</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Lledred</translation>
        </message>
        <message>
            <source>Easting (BNG)</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Dwyreiniad (BNG)</translation>
        </message>
        <message>
            <source>Northing (BNG)</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Gogleddiad (BNG)</translation>
        </message>
        <message>
            <source>X (projected)</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>X (wedi’i daflunio)</translation>
        </message>
        <message>
            <source>Y (projected)</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Y (wedi’i daflunio)</translation>
        </message>
        <message>
            <source>Category / type</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Categori / math</translation>
        </message>
        <message>
            <source>Priority / grade</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Blaenoriaeth / gradd</translation>
        </message>
        <message>
            <source>Call id</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Dynodydd galwad</translation>
        </message>
        <message>
            <source>Crime id</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Dynodydd trosedd</translation>
        </message>
        <message>
            <source>Closed at</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Cau am</translation>
        </message>
        <message>
            <source>Response time</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Amser ymateb</translation>
        </message>
        <message>
            <source>Caller (for repeats)</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Galwr (ar gyfer ailadroddiadau)</translation>
        </message>
        <message>
            <source>Name</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Enw</translation>
        </message>
        <message>
            <source>Asset type</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Math o ased</translation>
        </message>
        <message>
            <source>Asset id</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Dynodydd ased</translation>
        </message>
        <message>
            <source>Area code</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Cod ardal</translation>
        </message>
        <message>
            <source>Area name</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Enw’r ardal</translation>
        </message>
        <message>
            <source>Population</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Poblogaeth</translation>
        </message>
        <message>
            <source>Grid ref</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Cyfeirnod grid</translation>
        </message>
        <message>
            <source>Point</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Pwynt</translation>
        </message>
        <message>
            <source>Location</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Lleoliad</translation>
        </message>
        <message>
            <source>Lsoa code</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Cod LSOA</translation>
        </message>
        <message>
            <source>Lsoa name</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Enw LSOA</translation>
        </message>
        <message>
            <source>Outcome</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Canlyniad</translation>
        </message>
        <message>
            <source>Address</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Cyfeiriad</translation>
        </message>
        <message>
            <source>Postcode</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Cod post</translation>
        </message>
        <message>
            <source>Opening hours</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Oriau agor</translation>
        </message>
        <message>
            <source>Imd decile</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Degradd MALlC</translation>
        </message>
        <message>
            <source>Grade</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Gradd</translation>
        </message>
        <message>
            <source>Threat</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Bygythiad</translation>
        </message>
        <message>
            <source>Wkt</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>WKT</translation>
        </message>
        <message>
            <source>(not in the file)</source>
            <extracomment>Fields offered when a reader does not list its own.</extracomment>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>(ddim yn y ffeil)</translation>
        </message>
        <message>
            <source>no reader recognised the file</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>doedd dim darllenydd yn adnabod y ffeil</translation>
        </message>
        <message>
            <source>the best guess ({kind}, {reader} reader) has confidence {confidence:.2f}</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>mae gan y dyfaliad gorau ({kind}, darllenydd {reader}) hyder o {confidence:.2f}</translation>
        </message>
        <message>
            <source>the file has no header row; the columns were guessed from their values</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>does dim rhes pennawd yn y ffeil; cafodd y colofnau eu dyfalu o’u gwerthoedd</translation>
        </message>
        <message>
            <source>the first row looks like data, not a header</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>mae’r rhes gyntaf yn edrych fel data, nid pennawd</translation>
        </message>
        <message>
            <source>Cannot read with this mapping: {error}</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Methu darllen gyda’r mapio hwn: {error}</translation>
        </message>
        <message>
            <source>Of the first {total:,} rows, {loaded:,} would load and {rejected:,} would be rejected</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>O’r {total:,} rhes gyntaf, byddai {loaded:,} yn llwytho a {rejected:,} yn cael eu gwrthod</translation>
        </message>
        <message>
            <source> Working CRS {crs}</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation> CRS gwaith {crs}</translation>
        </message>
        <message>
            <source>, time zone {tz}.</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>, cylchfa amser {tz}.</translation>
        </message>
        <message>
            <source>Import {name}</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Mewnforio {name}</translation>
        </message>
        <message>
            <source>{why}; cannot read the file: {exc}</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>{why}; methu darllen y ffeil: {exc}</translation>
        </message>
        <message>
            <source> and {n} more</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation> a {n} arall</translation>
        </message>
        <message>
            <source>&lt;br&gt;Please check the mapping: {why}.</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>&lt;br&gt;Gwiriwch y mapio: {why}.</translation>
        </message>
        <message>
            <source>{label} ({reader} reader, confidence {confidence:.2f})</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>{label} (darllenydd {reader}, hyder {confidence:.2f})</translation>
        </message>
        <message>
            <source>Read as</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Darllen fel</translation>
        </message>
        <message>
            <source>Layer name</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Enw’r haen</translation>
        </message>
        <message>
            <source>First row is a header</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Pennawd yw’r rhes gyntaf</translation>
        </message>
        <message>
            <source>First rows of the file</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Rhesi cyntaf y ffeil</translation>
        </message>
        <message>
            <source>Column for each field</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Colofn ar gyfer pob maes</translation>
        </message>
        <message>
            <source>Effect of this mapping (the reader run on the first rows)</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Effaith y mapio hwn (y darllenydd wedi’i redeg ar y rhesi cyntaf)</translation>
        </message>
        <message>
            <source>Import</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Mewnforio</translation>
        </message>
        <message>
            <source>Dates: work it out</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Dyddiadau: canfod yn awtomatig</translation>
        </message>
        <message>
            <source>Dates: day first (31/01/2024)</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Dyddiadau: diwrnod yn gyntaf (31/01/2024)</translation>
        </message>
        <message>
            <source>Dates: month first (01/31/2024)</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Dyddiadau: mis yn gyntaf (01/31/2024)</translation>
        </message>
        <message>
            <source>Only needed when every day in the file is 12 or less, so the order cannot be told from the data</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Dim ond ei angen pan fo pob diwrnod yn y ffeil yn 12 neu lai, fel nad oes modd gweld y drefn o’r data</translation>
        </message>
        <message>
            <source>Date order</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Trefn dyddiadau</translation>
        </message>
        <message>
            <source>e.g. EPSG:27700 (x/y columns only)</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>e.e. EPSG:27700 (colofnau x/y yn unig)</translation>
        </message>
        <message>
            <source>The coordinate system of projected x/y columns; longitude/latitude and easting/northing need none</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>System gyfesurynnau colofnau x/y wedi’u taflunio; does dim angen un ar hydred/lledred na dwyreiniad/gogleddiad</translation>
        </message>
        <message>
            <source>CRS of x/y</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>CRS x/y</translation>
        </message>
        <message>
            <source>Reading the first rows...</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Wrthi’n darllen y rhesi cyntaf...</translation>
        </message>
        <message>
            <source>Import preview</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Rhagolwg mewnforio</translation>
        </message>
        <message>
            <source>Several files are read together; no preview is made.</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Caiff sawl ffeil eu darllen gyda’i gilydd; does dim rhagolwg yn cael ei wneud.</translation>
        </message>
        <message>
            <source>&lt;span style='color:{colour}'&gt;{text}&lt;/span&gt;</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>&lt;span style='color:{colour}'&gt;{text}&lt;/span&gt;</translation>
        </message>
    </context>
    <context>
        <name>Items</name>
        <message>
            <source>layer {name!r} carries no raster</source>
            <extracomment>side of a density cell in device pixels labels are drawn only when at most this many labelled points are in view label priorities (lower is placed first where labels clash) counts of events sharing one spot are written when at most this many spots show identify tolerance in device pixels the label board of the frame being painted (reset by the canvas per frame) labels drawn in the last paint (overlapping ones are left out) density cell of every row for the view in ``_cells_key`` called (no arguments) when the density raster's scale changes Qt brush patterns of the hatch names in :mod:`workstation.styling`. class hatching and outlines are drawn only when cells are this big on screen (smaller, they would turn the cells into dark smudges) badge colour of numbered patrol hot spots (the briefing's place markers) numbers drawn in the last paint</extracomment>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>does dim raster gan yr haen {name!r}</translation>
        </message>
    </context>
    <context>
        <name>Jobs</name>
        <message>
            <source>cancelled before it started</source>
            <extracomment>Progress signals from one job are sent at most this often (seconds).</extracomment>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>wedi’i ganslo cyn iddo ddechrau</translation>
        </message>
    </context>
    <context>
        <name>KdePanel</name>
        <message>
            <source>Search radius (standard deviation for Gaussian)</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Radiws chwilio (gwyriad safonol ar gyfer Gaussian)</translation>
        </message>
        <message>
            <source>Bandwidth</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Lled band</translation>
        </message>
        <message>
            <source>Cell size</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Maint cell</translation>
        </message>
        <message>
            <source>Quartic (biweight)</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Cwartig (dwbl-bwysol)</translation>
        </message>
        <message>
            <source>Gaussian</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Gaussian</translation>
        </message>
        <message>
            <source>Triangular</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Trionglog</translation>
        </message>
        <message>
            <source>Uniform (disc)</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Unffurf (disg)</translation>
        </message>
        <message>
            <source>Kernel</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Cnewyllyn</translation>
        </message>
        <message>
            <source>Export GeoTIFF…</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Allforio GeoTIFF…</translation>
        </message>
        <message>
            <source>Estimating density of {n:,} events…</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Wrthi’n amcangyfrif dwysedd {n:,} digwyddiad…</translation>
        </message>
        <message>
            <source>&lt;b&gt;{n_events:,} events&lt;/b&gt; ({v1}); {nx} × {ny} cells of {cell_m:g} m; peak &lt;b&gt;{peak:,.1f} {v6}&lt;/b&gt;.</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>&lt;b&gt;{n_events:,} digwyddiad&lt;/b&gt; ({v1}); {nx} × {ny} cell o {cell_m:g} m; brig &lt;b&gt;{peak:,.1f} {v6}&lt;/b&gt;.</translation>
        </message>
        <message>
            <source>Density surface added to the map.</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Arwyneb dwysedd wedi’i ychwanegu at y map.</translation>
        </message>
        <message>
            <source>run the analysis first</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>rhedwch y dadansoddiad yn gyntaf</translation>
        </message>
    </context>
    <context>
        <name>Language</name>
        <message>
            <source>&amp;Language (after restart)</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>&amp;Iaith (ar ôl ailgychwyn)</translation>
        </message>
        <message>
            <source>Language</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Iaith</translation>
        </message>
        <message>
            <source>The interface will be in {name} when the workstation next starts.</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Bydd y rhyngwyneb yn {name} y tro nesaf y bydd y weithfan yn cychwyn.</translation>
        </message>
        <message>
            <source>Use {name} from the next start</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Defnyddio {name} o’r cychwyn nesaf</translation>
        </message>
    </context>
    <context>
        <name>Layers</name>
        <message>
            <source>Opacity of the selected layer</source>
            <extracomment>(full text, depth, has icon) of a tree item, for wrapping it again on resize at most this many legend rows are listed under a layer the viewport changed width (texts are wrapped again) the current (highlighted) layer changed; layer id or ""</extracomment>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Didreiddedd yr haen a ddewiswyd</translation>
        </message>
        <message>
            <source>Opacity</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Didreiddedd</translation>
        </message>
        <message>
            <source>No layers yet. Use File ▸ Import to add crime, calls for service, assets or boundaries.</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Dim haenau eto. Defnyddiwch Ffeil ▸ Mewnforio i ychwanegu troseddau, galwadau am wasanaeth, asedau neu ffiniau.</translation>
        </message>
        <message>
            <source>Rename layer</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Ailenwi’r haen</translation>
        </message>
        <message>
            <source>Layer name:</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Enw’r haen:</translation>
        </message>
        <message>
            <source>Remove layer</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Tynnu’r haen</translation>
        </message>
        <message>
            <source>Remove the layer “{name}” from the project?
The source file is not changed.</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Tynnu’r haen “{name}” o’r prosiect?
Nid yw’r ffeil ffynhonnell yn newid.</translation>
        </message>
        <message>
            <source>Zoom to layer</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Chwyddo i’r haen</translation>
        </message>
        <message>
            <source>Style…</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Arddull…</translation>
        </message>
        <message>
            <source>Open attribute table</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Agor y tabl priodoleddau</translation>
        </message>
        <message>
            <source>Rename…</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Ailenwi…</translation>
        </message>
        <message>
            <source>Remove</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Tynnu</translation>
        </message>
        <message>
            <source>Remove from the project</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Tynnu o’r prosiect</translation>
        </message>
        <message>
            <source>   ⚠ stale</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>   ⚠ wedi dyddio</translation>
        </message>
        <message>
            <source>{kind}: {n:,} features</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>{kind}: {n:,} nodwedd</translation>
        </message>
        <message>
            <source>{a} to {b} ({precision} precision)</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>{a} i {b} (manylder: {precision})</translation>
        </message>
        <message>
            <source>{n:,} rows rejected on import</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>{n:,} rhes wedi’u gwrthod wrth fewnforio</translation>
        </message>
        <message>
            <source>Stale: the data or the filter changed since this result was made; run the analysis again to update it.</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Wedi dyddio: mae’r data neu’r hidlydd wedi newid ers gwneud y canlyniad hwn; rhedwch y dadansoddiad eto i’w ddiweddaru.</translation>
        </message>
        <message>
            <source>… and {extra} more</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>… a {extra} arall</translation>
        </message>
        <message>
            <source>Not drawn: {err}</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Heb ei luniadu: {err}</translation>
        </message>
        <message>
            <source>Opacity {value} %</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Didreiddedd {value} %</translation>
        </message>
        <message>
            <source>events</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>digwyddiadau</translation>
        </message>
        <message>
            <source>{name}: count per area</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>{name}: cyfrif fesul ardal</translation>
        </message>
        <message>
            <source>{name} per 1,000 residents</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>{name} fesul 1,000 o breswylwyr</translation>
        </message>
        <message>
            <source>quantiles</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>cwantelau</translation>
        </message>
        <message>
            <source>natural breaks</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>toriadau naturiol</translation>
        </message>
        <message>
            <source>equal interval</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>cyfwng cyfartal</translation>
        </message>
        <message>
            <source>(removed layer)</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>(haen wedi’i thynnu)</translation>
        </message>
        <message>
            <source>{name}: rate per 1,000 residents</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>{name}: cyfradd fesul 1,000 o breswylwyr</translation>
        </message>
        <message>
            <source> inside the current filter</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation> y tu mewn i’r hidlydd cyfredol</translation>
        </message>
        <message>
            <source>{what}; {k} classes, {scheme}</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>{what}; {k} dosbarth, {scheme}</translation>
        </message>
        <message>
            <source>month</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>mis</translation>
        </message>
        <message>
            <source>day</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>diwrnod</translation>
        </message>
        <message>
            <source>second</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>eiliad</translation>
        </message>
    </context>
    <context>
        <name>Live</name>
        <message>
            <source>a database source needs a table</source>
            <extracomment>the interpreter's thread switch interval while a feed runs (seconds) GUI turns that grew the layer in place / that replaced it demand checks run so far how long each GUI turn took (ms), newest last</extracomment>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>mae angen tabl ar ffynhonnell cronfa ddata</translation>
        </message>
        <message>
            <source>postgresql://user@host/db, service or folder</source>
            <extracomment>grow the layer in place (False: the rebuild path, for the benchmark)</extracomment>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>postgresql://defnyddiwr@gwesteiwr/cronfa, gwasanaeth neu ffolder</translation>
        </message>
        <message>
            <source>Never type a password here: libpq reads it from ~/.pgpass (PGPASSFILE), a service file (PGSERVICEFILE) or PGPASSWORD.</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Peidiwch byth â theipio cyfrinair yma: mae libpq yn ei ddarllen o ~/.pgpass (PGPASSFILE), ffeil gwasanaeth (PGSERVICEFILE) neu PGPASSWORD.</translation>
        </message>
        <message>
            <source>schema.table (databases only)</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>sgema.tabl (cronfeydd data yn unig)</translation>
        </message>
        <message>
            <source>Folder…</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Ffolder…</translation>
        </message>
        <message>
            <source>New calls only (skip what is there now)</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Galwadau newydd yn unig (hepgor yr hyn sydd yno nawr)</translation>
        </message>
        <message>
            <source>Follow now (last 24 h)</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Dilyn nawr (y 24 awr ddiwethaf)</translation>
        </message>
        <message>
            <source>Start</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Dechrau</translation>
        </message>
        <message>
            <source>Pause</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Oedi</translation>
        </message>
        <message>
            <source>Stop</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Stopio</translation>
        </message>
        <message>
            <source>Not running.</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Ddim yn rhedeg.</translation>
        </message>
        <message>
            <source>Source</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Ffynhonnell</translation>
        </message>
        <message>
            <source>Table</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Tabl</translation>
        </message>
        <message>
            <source>Alerts (unusual demand for the hour of the week):</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Rhybuddion (galw anarferol ar gyfer yr awr o’r wythnos):</translation>
        </message>
        <message>
            <source>Folder of CAD exports</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Ffolder o allforion CAD</translation>
        </message>
        <message>
            <source>Waiting for calls from {name}…</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Yn aros am alwadau o {name}…</translation>
        </message>
        <message>
            <source>Resume</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Ailddechrau</translation>
        </message>
        <message>
            <source>{v0:,} calls on the map; {v1:,} received, {v2:,} rejected{paused}.</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>{v0:,} galwad ar y map; {v1:,} wedi’u derbyn, {v2:,} wedi’u gwrthod{paused}.</translation>
        </message>
        <message>
            <source>{area}: {observed} calls, {expected:.1f} expected ({q}; grades {grades})</source>
            <translatorcomment>Draft by a non-speaker; to be checked by a fluent speaker.</translatorcomment>
            <translation>{area}: {observed} galwad, {expected:.1f} yn ddisgwyliedig ({q}; graddau {grades})</translation>
        </message>
        <message>
            <source>No unusual demand in the last hour.</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Dim galw anarferol yn yr awr ddiwethaf.</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>Pan</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Panio</translation>
        </message>
        <message>
            <source>Pan and zoom the map (drag, wheel, arrow keys)</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Panio a chwyddo’r map (llusgo, olwyn, bysellau saeth)</translation>
        </message>
        <message>
            <source>Identify</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Adnabod</translation>
        </message>
        <message>
            <source>Click a feature to see its attributes</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Cliciwch ar nodwedd i weld ei phriodoleddau</translation>
        </message>
        <message>
            <source>Select by rectangle</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Dewis â phetryal</translation>
        </message>
        <message>
            <source>Drag a rectangle to select features</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Llusgwch betryal i ddewis nodweddion</translation>
        </message>
        <message>
            <source>Select by lasso</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Dewis â laso</translation>
        </message>
        <message>
            <source>Draw round features to select them</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Lluniwch o amgylch nodweddion i’w dewis</translation>
        </message>
        <message>
            <source>Filter to area</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Hidlo i ardal</translation>
        </message>
        <message>
            <source>Draw an area: only events inside it are shown everywhere</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Lluniwch ardal: dim ond y digwyddiadau y tu mewn iddi sy’n cael eu dangos ym mhobman</translation>
        </message>
        <message>
            <source>Feature / field</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Nodwedd / maes</translation>
        </message>
        <message>
            <source>Value</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Gwerth</translation>
        </message>
        <message>
            <source>{v0} feature(s)</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>{v0} nodwedd</translation>
        </message>
        <message>
            <source>row {v0}</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>rhes {v0}</translation>
        </message>
        <message>
            <source>The map is not available: {why}</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Nid yw’r map ar gael: {why}</translation>
        </message>
        <message>
            <source>Layer panel not available: {why}</source>
            <extracomment>the layer list's width at the default window size (long layer names fit) Called on close with unsaved changes: returns "save", "discard" or "cancel".</extracomment>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Nid yw’r panel haenau ar gael: {why}</translation>
        </message>
        <message>
            <source>Layers</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Haenau</translation>
        </message>
        <message>
            <source>Timeline</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Llinell amser</translation>
        </message>
        <message>
            <source>Attribute table</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Tabl priodoleddau</translation>
        </message>
        <message>
            <source>Identify results</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Canlyniadau adnabod</translation>
        </message>
        <message>
            <source>Hour of week</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Awr yr wythnos</translation>
        </message>
        <message>
            <source>&amp;New project</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Prosiect &amp;newydd</translation>
        </message>
        <message>
            <source>&amp;Open project...</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>&amp;Agor prosiect...</translation>
        </message>
        <message>
            <source>&amp;Save project</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>&amp;Cadw’r prosiect</translation>
        </message>
        <message>
            <source>Save project &amp;as...</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Cadw’r prosiect &amp;fel...</translation>
        </message>
        <message>
            <source>&amp;Import data...</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>&amp;Mewnforio data...</translation>
        </message>
        <message>
            <source>Import crime, calls, assets or boundaries (or drop files on the window)</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Mewnforio troseddau, galwadau, asedau neu ffiniau (neu ollwng ffeiliau ar y ffenestr)</translation>
        </message>
        <message>
            <source>&amp;Export briefing...</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Allf&amp;orio briff...</translation>
        </message>
        <message>
            <source>New &amp;tactical assessment...</source>
            <translatorcomment>Draft by a non-speaker; to be checked by a fluent speaker.</translatorcomment>
            <translation>Asesiad &amp;tactegol newydd...</translation>
        </message>
        <message>
            <source>Draft a tactical assessment of the latest period (PDF, HTML, DOCX)</source>
            <translatorcomment>Draft by a non-speaker; to be checked by a fluent speaker.</translatorcomment>
            <translation>Drafftio asesiad tactegol o'r cyfnod diweddaraf (PDF, HTML, DOCX)</translation>
        </message>
        <message>
            <source>Project &amp;properties...</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>&amp;Priodweddau’r prosiect...</translation>
        </message>
        <message>
            <source>Title, author and protective marking</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Teitl, awdur a marc diogelu</translation>
        </message>
        <message>
            <source>&amp;Quit</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>&amp;Gadael</translation>
        </message>
        <message>
            <source>&amp;Remove layer</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>&amp;Tynnu’r haen</translation>
        </message>
        <message>
            <source>&amp;Zoom to layer</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>&amp;Chwyddo i’r haen</translation>
        </message>
        <message>
            <source>Zoom to the current layer</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Chwyddo i’r haen gyfredol</translation>
        </message>
        <message>
            <source>&amp;Style...</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>&amp;Arddull...</translation>
        </message>
        <message>
            <source>&amp;Attribute table</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Tabl &amp;priodoleddau</translation>
        </message>
        <message>
            <source>Rejected &amp;rows...</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>&amp;Rhesi a wrthodwyd...</translation>
        </message>
        <message>
            <source>The rows the reader could not load, with reasons</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Y rhesi na allai’r darllenydd eu llwytho, gyda’r rhesymau</translation>
        </message>
        <message>
            <source>the map is not available ({why})</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>nid yw’r map ar gael ({why})</translation>
        </message>
        <message>
            <source>{tip} ({key})</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>{tip} ({key})</translation>
        </message>
        <message>
            <source>Clear filter</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Clirio’r hidlydd</translation>
        </message>
        <message>
            <source>Show everything: clear the time window, categories, area and hours</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Dangos popeth: clirio’r ffenestr amser, y categorïau, yr ardal a’r oriau</translation>
        </message>
        <message>
            <source>Zoom full</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Chwyddo’n llawn</translation>
        </message>
        <message>
            <source>Zoom to all layers</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Chwyddo i bob haen</translation>
        </message>
        <message>
            <source>Zoom to selection</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Chwyddo i’r detholiad</translation>
        </message>
        <message>
            <source>Zoom to the selected features</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Chwyddo i’r nodweddion a ddewiswyd</translation>
        </message>
        <message>
            <source>&amp;User guide</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>&amp;Canllaw defnyddiwr</translation>
        </message>
        <message>
            <source>&amp;About Analyst Workstation</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>&amp;Ynghylch Analyst Workstation</translation>
        </message>
        <message>
            <source>&amp;File</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>&amp;Ffeil</translation>
        </message>
        <message>
            <source>Open &amp;recent</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Agor &amp;diweddar</translation>
        </message>
        <message>
            <source>&amp;Layer</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>&amp;Haen</translation>
        </message>
        <message>
            <source>&amp;Add layer...</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>&amp;Ychwanegu haen...</translation>
        </message>
        <message>
            <source>&amp;Analysis</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>&amp;Dadansoddi</translation>
        </message>
        <message>
            <source>&amp;Plan</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>&amp;Cynllunio</translation>
        </message>
        <message>
            <source>(no panels installed)</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>(dim paneli wedi’u gosod)</translation>
        </message>
        <message>
            <source>{title} (unavailable)</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>{title} (ddim ar gael)</translation>
        </message>
        <message>
            <source>&amp;View</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>&amp;Gweld</translation>
        </message>
        <message>
            <source>Reset layout</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Ailosod y gosodiad</translation>
        </message>
        <message>
            <source>&amp;Help</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>C&amp;ymorth</translation>
        </message>
        <message>
            <source>Project</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Prosiect</translation>
        </message>
        <message>
            <source>Map tools</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Offer map</translation>
        </message>
        <message>
            <source>Untitled project</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Prosiect heb deitl</translation>
        </message>
        <message>
            <source>{name}{star} - Analyst Workstation [{marking_text}]</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>{name}{star} - Analyst Workstation [{marking_text}]</translation>
        </message>
        <message>
            <source>{start} to {end}</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>{start} i {end}</translation>
        </message>
        <message>
            <source>{n} categories</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>{n} categori</translation>
        </message>
        <message>
            <source>area</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>ardal</translation>
        </message>
        <message>
            <source>{n} hours of the week</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>{n} awr o’r wythnos</translation>
        </message>
        <message>
            <source>Filter: </source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Hidlydd: </translation>
        </message>
        <message>
            <source>No filter</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Dim hidlydd</translation>
        </message>
        <message>
            <source>Nothing here</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Dim byd yma</translation>
        </message>
        <message>
            <source>Remove layer</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Tynnu’r haen</translation>
        </message>
        <message>
            <source>Remove the layer {name!r} from the project?</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Tynnu’r haen {name!r} o’r prosiect?</translation>
        </message>
        <message>
            <source>Removed layer {name}.</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Wedi tynnu’r haen {name}.</translation>
        </message>
        <message>
            <source>{name} has no read report (it was not read from a file).</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Does gan {name} ddim adroddiad darllen (ni chafodd ei darllen o ffeil).</translation>
        </message>
        <message>
            <source>{title} could not open: {kind}: {exc}</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Methu agor {title}: {kind}: {exc}</translation>
        </message>
        <message>
            <source>Import data</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Mewnforio data</translation>
        </message>
        <message>
            <source>Data (*.csv *.tab *.tsv *.txt *.zip *.gpkg *.geojson *.json *.shp *.fgb);;All files (*)</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Data (*.csv *.tab *.tsv *.txt *.zip *.gpkg *.geojson *.json *.shp *.fgb);;Pob ffeil (*)</translation>
        </message>
        <message>
            <source>Import failed: {message}</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Methodd y mewnforio: {message}</translation>
        </message>
        <message>
            <source>Importing {names}</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Wrthi’n mewnforio {names}</translation>
        </message>
        <message>
            <source>{name}: {n:,} rows loaded</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>{name}: {n:,} rhes wedi’u llwytho</translation>
        </message>
        <message>
            <source>Show rejected rows</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Dangos y rhesi a wrthodwyd</translation>
        </message>
        <message>
            <source>Imported {text}</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Wedi mewnforio {text}</translation>
        </message>
        <message>
            <source>{name}: {n} file(s) not read: {files}</source>
            <translatorcomment>Draft by a non-speaker; to be checked by a fluent speaker.</translatorcomment>
            <translation>{name}: {n} ffeil heb eu darllen: {files}</translation>
        </message>
        <message>
            <source>(none)</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>(dim)</translation>
        </message>
        <message>
            <source>Clear list</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Clirio’r rhestr</translation>
        </message>
        <message>
            <source>Unsaved changes</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Newidiadau heb eu cadw</translation>
        </message>
        <message>
            <source>The project has unsaved changes.</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Mae gan y prosiect newidiadau heb eu cadw.</translation>
        </message>
        <message>
            <source>Save them before closing?</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Eu cadw cyn cau?</translation>
        </message>
        <message>
            <source>Open project</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Agor prosiect</translation>
        </message>
        <message>
            <source>Project (*.gpkg)</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Prosiect (*.gpkg)</translation>
        </message>
        <message>
            <source>Opened {name}: {n} layers.</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Wedi agor {name}: {n} haen.</translation>
        </message>
        <message>
            <source>Cannot open the project: {m}</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Methu agor y prosiect: {m}</translation>
        </message>
        <message>
            <source>Opening {name}</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Wrthi’n agor {name}</translation>
        </message>
        <message>
            <source>{title}: its last result could not be restored ({exc})</source>
            <extracomment>panels that bring their own work back (the Plan panel reopens its saved plan)</extracomment>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>{title}: doedd dim modd adfer ei ganlyniad diwethaf ({exc})</translation>
        </message>
        <message>
            <source>Save project as</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Cadw’r prosiect fel</translation>
        </message>
        <message>
            <source>Saved {path}</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Wedi cadw {path}</translation>
        </message>
        <message>
            <source>Saved {name}: {v1} layers, {v2} analysis panels</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Wedi cadw {name}: {v1} haen, {v2} panel dadansoddi</translation>
        </message>
        <message>
            <source>Cannot save the project: {message}</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Methu cadw’r prosiect: {message}</translation>
        </message>
        <message>
            <source>Saving {name}</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Wrthi’n cadw {name}</translation>
        </message>
        <message>
            <source>{v0} failed: {message}</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Methodd {v0}: {message}</translation>
        </message>
        <message>
            <source> (details in {path})</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation> (manylion yn {path})</translation>
        </message>
        <message>
            <source>Unexpected error: {kind}: {exc}{where}</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Gwall annisgwyl: {kind}: {exc}{where}</translation>
        </message>
    </context>
    <context>
        <name>MarkingDowngradeDialog</name>
        <message>
            <source>Lower the protective marking?</source>
            <translatorcomment>Draft by a non-speaker; to be checked by a fluent speaker.</translatorcomment>
            <translation>Gostwng y marc diogelu?</translation>
        </message>
        <message>
            <source>The classification goes down.</source>
            <translatorcomment>Draft by a non-speaker; to be checked by a fluent speaker.</translatorcomment>
            <translation>Mae’r dosbarthiad yn gostwng.</translation>
        </message>
        <message>
            <source>The descriptor (handling caveat) is dropped or changed.</source>
            <translatorcomment>Draft by a non-speaker; to be checked by a fluent speaker.</translatorcomment>
            <translation>Mae’r disgrifydd (cafeat trin) yn cael ei hepgor neu ei newid.</translation>
        </message>
        <message>
            <source>Lower the project's protective marking from {0} to {1}? {2}

Exports made afterwards carry the new marking. Give the reason; it is recorded in the audit trail.</source>
            <translatorcomment>Draft by a non-speaker; to be checked by a fluent speaker.</translatorcomment>
            <translation>Gostwng marc diogelu’r prosiect o {0} i {1}? {2}

Bydd allforion a wneir wedyn yn cario’r marc newydd. Rhowch y rheswm; caiff ei gofnodi yn y trywydd archwilio.</translation>
        </message>
        <message>
            <source>why the marking may be lowered (required, recorded)</source>
            <translatorcomment>Draft by a non-speaker; to be checked by a fluent speaker.</translatorcomment>
            <translation>pam y gellir gostwng y marc (gofynnol, caiff ei gofnodi)</translation>
        </message>
        <message>
            <source>Lower the marking</source>
            <translatorcomment>Draft by a non-speaker; to be checked by a fluent speaker.</translatorcomment>
            <translation>Gostwng y marc</translation>
        </message>
    </context>
    <context>
        <name>NearrepeatPanel</name>
        <message>
            <source>{what}: give numbers separated by commas</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>{what}: rhowch rifau wedi’u gwahanu gan atalnodau</translation>
        </message>
        <message>
            <source>{what}: give at least two increasing edges, e.g. 0,100,200</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>{what}: rhowch o leiaf ddwy ffin sy’n cynyddu, e.e. 0,100,200</translation>
        </message>
        <message>
            <source>{what}: edges cannot be negative</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>{what}: ni all ffiniau fod yn negatif</translation>
        </message>
        <message>
            <source>Events</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Digwyddiadau</translation>
        </message>
        <message>
            <source>Band edges in metres; a leading 0 adds a same-place band</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Ffiniau bandiau mewn metrau; mae 0 ar y dechrau yn ychwanegu band yr un lle</translation>
        </message>
        <message>
            <source>Distance bands (m)</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Bandiau pellter (m)</translation>
        </message>
        <message>
            <source>Time bands (days)</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Bandiau amser (diwrnodau)</translation>
        </message>
        <message>
            <source>Permutations</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Trynewidiadau</translation>
        </message>
        <message>
            <source>Random seed</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Hedyn hap</translation>
        </message>
        <message>
            <source>Knox table</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Tabl Knox</translation>
        </message>
        <message>
            <source>Repeat places</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Lleoedd ailadrodd</translation>
        </message>
        <message>
            <source>Export CSV…</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Allforio CSV…</translation>
        </message>
        <message>
            <source> - months only</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation> - misoedd yn unig</translation>
        </message>
        <message>
            <source>add a crime or calls layer first</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>ychwanegwch haen troseddau neu alwadau yn gyntaf</translation>
        </message>
        <message>
            <source>Distance bands</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Bandiau pellter</translation>
        </message>
        <message>
            <source>Time bands</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Bandiau amser</translation>
        </message>
        <message>
            <source>fewer than 3 events pass the filter</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>mae llai na 3 digwyddiad yn pasio’r hidlydd</translation>
        </message>
        <message>
            <source>Knox test of {v0:,} events…</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Prawf Knox o {v0:,} digwyddiad…</translation>
        </message>
        <message>
            <source>{space} and {time} (x{ratio:.2f})</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>{space} a {time} (x{ratio:.2f})</translation>
        </message>
        <message>
            <source>&lt;b&gt;Near repeats&lt;/b&gt; beyond chance (p &amp;lt; 0.05): {lines}.</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>&lt;b&gt;Ailadroddiadau agos&lt;/b&gt; y tu hwnt i siawns (p &amp;lt; 0.05): {lines}.</translation>
        </message>
        <message>
            <source>No band shows more close pairs than chance (p &amp;lt; 0.05).</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Does dim band yn dangos mwy o barau agos na siawns (p &amp;lt; 0.05).</translation>
        </message>
        <message>
            <source>{text} {n_events:,} events of {v2}.</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>{text} {n_events:,} digwyddiad o {v2}.</translation>
        </message>
        <message>
            <source>Knox table ready.</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Tabl Knox yn barod.</translation>
        </message>
        <message>
            <source>run the test first</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>rhedwch y prawf yn gyntaf</translation>
        </message>
    </context>
    <context>
        <name>Notifications</name>
        <message>
            <source>Dismiss</source>
            <extracomment>Seconds before an info/success message hides itself; warnings and errors stay.</extracomment>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Diystyru</translation>
        </message>
        <message>
            <source>Cancel {title}</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Canslo {title}</translation>
        </message>
        <message>
            <source>File</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Ffeil</translation>
        </message>
        <message>
            <source>Row</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Rhes</translation>
        </message>
        <message>
            <source>Column</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Colofn</translation>
        </message>
        <message>
            <source>Value</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Gwerth</translation>
        </message>
        <message>
            <source>Reason</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Rheswm</translation>
        </message>
        <message>
            <source>Rejected rows - {v0}</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Rhesi a wrthodwyd - {v0}</translation>
        </message>
        <message>
            <source>{source}: no rows were rejected.</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>{source}: ni chafodd unrhyw resi eu gwrthod.</translation>
        </message>
        <message>
            <source>Save as CSV...</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Cadw fel CSV...</translation>
        </message>
        <message>
            <source>Save rejected rows</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Cadw’r rhesi a wrthodwyd</translation>
        </message>
        <message>
            <source>rejected-rows.csv</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>rhesi-a-wrthodwyd.csv</translation>
        </message>
        <message>
            <source>CSV (*.csv)</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>CSV (*.csv)</translation>
        </message>
    </context>
    <context>
        <name>Panels</name>
        <message>
            <source>Emerging hot spots</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Mannau poeth sy’n dod i’r amlwg</translation>
        </message>
        <message>
            <source>Where clustering is new, growing, fading or coming and going: Gi* for every cell and time step, a Mann-Kendall trend per cell (permutation test by default), and ArcGIS's 17 emerging hot spot patterns. Uses the events inside the project's filter.</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Ble mae clystyru’n newydd, yn tyfu, yn pylu neu’n mynd a dod: Gi* ar gyfer pob cell a cham amser, tuedd Mann-Kendall fesul cell (prawf trynewid yn ddiofyn), a 17 patrwm mannau poeth sy’n dod i’r amlwg ArcGIS. Mae’n defnyddio’r digwyddiadau y tu mewn i hidlydd y prosiect.</translation>
        </message>
        <message>
            <source>Evaluate (WDD / WDQ)</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Gwerthuso (WDD / WDQ)</translation>
        </message>
        <message>
            <source>Hot spots (Gi*)</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Mannau poeth (Gi*)</translation>
        </message>
        <message>
            <source>Getis-Ord Gi* on counts per square cell: where events cluster more (hot) or less (cold) than the study-area average; or Local Moran's I (LISA): clusters of high or low values and outliers. The false discovery rate is controlled.</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Getis-Ord Gi* ar gyfrifon fesul cell sgwâr: ble mae digwyddiadau’n clystyru mwy (poeth) neu lai (oer) na chyfartaledd yr ardal astudio; neu I Moran Lleol (LISA): clystyrau o werthoedd uchel neu isel a gwerthoedd eithriadol. Rheolir y gyfradd darganfod ffug.</translation>
        </message>
        <message>
            <source>Export hot spot cells</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Allforio celloedd mannau poeth</translation>
        </message>
        <message>
            <source>GeoPackage (*.gpkg)</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>GeoPackage (*.gpkg)</translation>
        </message>
        <message>
            <source>Kernel density (KDE)</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Dwysedd cnewyllyn (KDE)</translation>
        </message>
        <message>
            <source>Density of the filtered events per km² (quartic kernel by default). The bandwidth matters most: larger smooths, smaller fragments.</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Dwysedd y digwyddiadau a hidlwyd fesul km² (cnewyllyn cwartig yn ddiofyn). Y lled band sydd bwysicaf: mae mwy yn llyfnhau, llai yn darnio.</translation>
        </message>
        <message>
            <source>Kernel density</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Dwysedd cnewyllyn</translation>
        </message>
        <message>
            <source>Export density surface</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Allforio’r arwyneb dwysedd</translation>
        </message>
        <message>
            <source>GeoTIFF (*.tif)</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>GeoTIFF (*.tif)</translation>
        </message>
        <message>
            <source>Near repeat (Knox)</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Ailadrodd agos (Knox)</translation>
        </message>
        <message>
            <source>Do events follow each other closely in space and time more than chance? The Knox test counts pairs by distance and days apart against shuffled times. Needs dated events: police.uk data (months only) are refused.</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>A yw digwyddiadau’n dilyn ei gilydd yn agos mewn gofod ac amser yn fwy na siawns? Mae prawf Knox yn cyfrif parau yn ôl pellter a dyddiau rhyngddynt yn erbyn amseroedd wedi’u cymysgu. Mae angen digwyddiadau â dyddiad: gwrthodir data police.uk (misoedd yn unig).</translation>
        </message>
        <message>
            <source>Export Knox table</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Allforio tabl Knox</translation>
        </message>
        <message>
            <source>CSV (*.csv)</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>CSV (*.csv)</translation>
        </message>
        <message>
            <source>Plan patrols</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Cynllunio patrolau</translation>
        </message>
        <message>
            <source>Plan</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Cynllunio</translation>
        </message>
        <message>
            <source>Export patrol plan</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Allforio’r cynllun patrôl</translation>
        </message>
        <message>
            <source>patrol-plan.gpx</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>cynllun-patrol.gpx</translation>
        </message>
        <message>
            <source>GPX (*.gpx);;GeoJSON (*.geojson);;CSV (*.csv)</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>GPX (*.gpx);;GeoJSON (*.geojson);;CSV (*.csv)</translation>
        </message>
        <message>
            <source>Repeats</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Ailadroddiadau</translation>
        </message>
        <message>
            <source>Places that keep coming back in the filter's time window: the same point (police.uk: the same snapped 'On or near' point, months are enough), with first and last month and the categories. For dated calls, also repeats within a number of days of the previous call at the place or from the same caller. A count, not a risk: there is no significance test.</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Lleoedd sy’n dod yn ôl o hyd yn ffenestr amser yr hidlydd: yr un pwynt (police.uk: yr un pwynt 'On or near' wedi’i snapio, mae misoedd yn ddigon), gyda’r mis cyntaf a’r olaf a’r categorïau. Ar gyfer galwadau â dyddiad, hefyd ailadroddiadau o fewn nifer o ddyddiau i’r alwad flaenorol yn y lle neu gan yr un galwr. Cyfrif, nid risg: does dim prawf arwyddocâd.</translation>
        </message>
        <message>
            <source>Find repeats</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Canfod ailadroddiadau</translation>
        </message>
        <message>
            <source>Export repeats</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Allforio ailadroddiadau</translation>
        </message>
        <message>
            <source>Horizon scan</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Sgan gorwel</translation>
        </message>
        <message>
            <source>What is rising, where, how sure and how harmful: every category in every area (the whole area, the ticked boundaries, grid cells), latest period against its own history, false discovery rate controlled, ranked by harm. The scan uses each layer's whole history, not the filter's window. Click an item to show it on the map.</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Beth sy’n codi, ble, pa mor sicr a pha mor niweidiol: pob categori ym mhob ardal (yr ardal gyfan, y ffiniau a diciwyd, celloedd grid), y cyfnod diweddaraf yn erbyn ei hanes ei hun, cyfradd darganfod ffug wedi’i rheoli, wedi’u trefnu yn ôl niwed. Mae’r sgan yn defnyddio hanes cyfan pob haen, nid ffenestr yr hidlydd. Cliciwch ar eitem i’w dangos ar y map.</translation>
        </message>
        <message>
            <source>Scan</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Sganio</translation>
        </message>
        <message>
            <source>Live demand</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Galw byw</translation>
        </message>
        <message>
            <source>Run</source>
            <extracomment>the widest a row of result buttons is laid out in one line (a dock's width)</extracomment>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Rhedeg</translation>
        </message>
    </context>
    <context>
        <name>PatrolPanel</name>
        <message>
            <source>Shift</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Shifft</translation>
        </message>
        <message>
            <source>Starts</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Yn dechrau</translation>
        </message>
        <message>
            <source>Hours</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Oriau</translation>
        </message>
        <message>
            <source>Add shift</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Ychwanegu shifft</translation>
        </message>
        <message>
            <source>Remove shift</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Tynnu shifft</translation>
        </message>
        <message>
            <source>New</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Newydd</translation>
        </message>
        <message>
            <source>shift row {v0}: start must be an hour (e.g. 07:00) and the length a whole number of hours</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>rhes shifft {v0}: rhaid i’r dechrau fod yn awr (e.e. 07:00) a’r hyd yn nifer cyfan o oriau</translation>
        </message>
        <message>
            <source>Forecast from</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Rhagweld o</translation>
        </message>
        <message>
            <source>Self-exciting (SEPP, EM)</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Hunan-gyffrous (SEPP, EM)</translation>
        </message>
        <message>
            <source>Prospective hot-spotting</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Canfod mannau poeth rhagolygol</translation>
        </message>
        <message>
            <source>KDE of recent periods</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>KDE o gyfnodau diweddar</translation>
        </message>
        <message>
            <source>Last period (naive)</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Y cyfnod diwethaf (naïf)</translation>
        </message>
        <message>
            <source>Forecast method</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Dull rhagweld</translation>
        </message>
        <message>
            <source>Weight by crime harm (CCHI-style)</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Pwysoli yn ôl niwed troseddau (arddull CCHI)</translation>
        </message>
        <message>
            <source> officer hours / week</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation> awr swyddog / wythnos</translation>
        </message>
        <message>
            <source>Hours available</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Oriau ar gael</translation>
        </message>
        <message>
            <source> % of area</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation> % o’r ardal</translation>
        </message>
        <message>
            <source>Area cap</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Uchafswm ardal</translation>
        </message>
        <message>
            <source>Most places</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Uchafswm lleoedd</translation>
        </message>
        <message>
            <source> m across at most</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation> m ar draws ar y mwyaf</translation>
        </message>
        <message>
            <source>A patrol place is a micro-place: a few street segments. Larger clusters of hot cells are split into places of at most this width.</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Micro-le yw lle patrôl: ychydig o segmentau stryd. Caiff clystyrau mwy o gelloedd poeth eu rhannu’n lleoedd sydd ddim lletach na hyn.</translation>
        </message>
        <message>
            <source>Largest place</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Y lle mwyaf</translation>
        </message>
        <message>
            <source> m cells</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation> m celloedd</translation>
        </message>
        <message>
            <source>Grid</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Grid</translation>
        </message>
        <message>
            <source> min</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation> mun</translation>
        </message>
        <message>
            <source>Koper (1995): about 15 minutes gives the longest residual deterrence</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Koper (1995): tua 15 munud sy’n rhoi’r ataliad gweddilliol hiraf</translation>
        </message>
        <message>
            <source>Visit length</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Hyd ymweliad</translation>
        </message>
        <message>
            <source>Revisit at most every</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Ailymweld ar y mwyaf bob</translation>
        </message>
        <message>
            <source>On foot (5 km/h)</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Ar droed (5 km/a)</translation>
        </message>
        <message>
            <source>Cycle (12 km/h)</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Beic (12 km/a)</translation>
        </message>
        <message>
            <source>Car (20 km/h in town)</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Car (20 km/a yn y dref)</translation>
        </message>
        <message>
            <source>Travel</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Teithio</translation>
        </message>
        <message>
            <source>Shifts</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Shifftiau</translation>
        </message>
        <message>
            <source>Shift plan</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Cynllun shifftiau</translation>
        </message>
        <message>
            <source>Officers</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Swyddogion</translation>
        </message>
        <message>
            <source>Hot spots</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Mannau poeth</translation>
        </message>
        <message>
            <source>Fairness</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Tegwch</translation>
        </message>
        <message>
            <source>Delivered</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Wedi’u cyflawni</translation>
        </message>
        <message>
            <source>Export plan…</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Allforio’r cynllun…</translation>
        </message>
        <message>
            <source>Compare delivered patrols…</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Cymharu patrolau a gyflawnwyd…</translation>
        </message>
        <message>
            <source>Patrol sheets…</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Taflenni patrôl…</translation>
        </message>
        <message>
            <source>Planning…</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Wrthi’n cynllunio…</translation>
        </message>
        <message>
            <source>Saved plan {id} ({name}).</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Cynllun wedi’i gadw {id} ({name}).</translation>
        </message>
        <message>
            <source>Plan ready and kept in the project; layers added to the map.</source>
            <translatorcomment>Draft by a non-speaker; to be checked by a fluent speaker.</translatorcomment>
            <translation>Cynllun yn barod ac wedi’i gadw yn y prosiect; haenau wedi’u hychwanegu at y map.</translation>
        </message>
        <message>
            <source>&lt;b&gt;{places} hot spots&lt;/b&gt;, {visits} visits, &lt;b&gt;{used:.2f} of {budget:g} officer hours&lt;/b&gt; ({method} forecast for {when}{harm}). </source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>&lt;b&gt;{places} man poeth&lt;/b&gt;, {visits} ymweliad, &lt;b&gt;{used:.2f} o {budget:g} awr swyddog&lt;/b&gt; (rhagolwg {method} ar gyfer {when}{harm}). </translation>
        </message>
        <message>
            <source>, harm-weighted</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>, wedi’i bwysoli yn ôl niwed</translation>
        </message>
        <message>
            <source>Times from {layer}.</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Amseroedd o {layer}.</translation>
        </message>
        <message>
            <source>timed demand</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>galw ag amseroedd</translation>
        </message>
        <message>
            <source>&lt;b&gt;Timing is not evidence-based&lt;/b&gt; (no layer timed to the hour).</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>&lt;b&gt;Nid yw’r amseru’n seiliedig ar dystiolaeth&lt;/b&gt; (dim haen ag amseroedd i’r awr).</translation>
        </message>
        <message>
            <source> Plan {id}.</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation> Cynllun {id}.</translation>
        </message>
        <message>
            <source>Patrol plan: {title}</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Cynllun patrôl: {title}</translation>
        </message>
        <message>
            <source>choose a .gpx, .geojson or .csv file</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>dewiswch ffeil .gpx, .geojson neu .csv</translation>
        </message>
        <message>
            <source>Folder for the patrol sheets</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Ffolder ar gyfer y taflenni patrôl</translation>
        </message>
        <message>
            <source>Wrote {v0} sheet files to {folder}</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Wedi ysgrifennu {v0} ffeil taflen i {folder}</translation>
        </message>
        <message>
            <source>Exported</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Wedi allforio</translation>
        </message>
        <message>
            <source>Delivered patrols</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Patrolau a gyflawnwyd</translation>
        </message>
        <message>
            <source>GPS tracks or visits (*.gpx *.csv)</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Traciau GPS neu ymweliadau (*.gpx *.csv)</translation>
        </message>
    </context>
    <context>
        <name>PointInputs</name>
        <message>
            <source>{start} to {end} (end excluded)</source>
            <extracomment>the study-area layer's attributes (area_code, area_name), row for row</extracomment>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>{start} i {end} (heb gynnwys y diwedd)</translation>
        </message>
        <message>
            <source>inside the drawn area</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>y tu mewn i’r ardal a luniwyd</translation>
        </message>
        <message>
            <source>no filter</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>dim hidlydd</translation>
        </message>
        <message>
            <source>Events to analyse; the project's filter applies</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Digwyddiadau i’w dadansoddi; mae hidlydd y prosiect yn berthnasol</translation>
        </message>
        <message>
            <source>Events</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Digwyddiadau</translation>
        </message>
        <message>
            <source>Cells whose centre lies outside these polygons take no part (e.g. the force boundary)</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Nid yw celloedd y mae eu canol y tu allan i’r polygonau hyn yn cymryd rhan (e.e. ffin yr heddlu)</translation>
        </message>
        <message>
            <source>Study area</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Ardal astudio</translation>
        </message>
        <message>
            <source>Weight by crime harm (CCHI-style days)</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Pwysoli yn ôl niwed troseddau (dyddiau arddull CCHI)</translation>
        </message>
        <message>
            <source>Each event counts as its crime type's harm weight (resources/lookups/harm_weights.md)</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Mae pob digwyddiad yn cyfrif fel pwysau niwed ei fath o drosedd (resources/lookups/harm_weights.md)</translation>
        </message>
        <message>
            <source>Whole extent (no boundary)</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Yr ehangder cyfan (dim ffin)</translation>
        </message>
        <message>
            <source>add a crime or demand layer first</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>ychwanegwch haen troseddau neu alw yn gyntaf</translation>
        </message>
        <message>
            <source>no events of {name!r} pass the current filter</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>does dim digwyddiadau o {name!r} yn pasio’r hidlydd cyfredol</translation>
        </message>
        <message>
            <source>{name!r} has no category to weight by harm</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>does gan {name!r} ddim categori i’w bwysoli yn ôl niwed</translation>
        </message>
    </context>
    <context>
        <name>ProjectSettings</name>
        <message>
            <source>Project properties</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Priodweddau’r prosiect</translation>
        </message>
        <message>
            <source>Title</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Teitl</translation>
        </message>
        <message>
            <source>Author</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Awdur</translation>
        </message>
        <message>
            <source>Protective marking</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Marc diogelu</translation>
        </message>
        <message>
            <source>optional, e.g. PERSONAL or OPERATIONAL</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>dewisol, e.e. PERSONAL neu OPERATIONAL</translation>
        </message>
        <message>
            <source>Descriptor</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Disgrifydd</translation>
        </message>
        <message>
            <source>{crs}  (time zone {timezone})</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>{crs}  (cylchfa amser {timezone})</translation>
        </message>
        <message>
            <source>Set by the first layer imported; every layer is reprojected to it</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Wedi’i osod gan yr haen gyntaf a fewnforiwyd; caiff pob haen ei hailderfynu iddo</translation>
        </message>
        <message>
            <source>Working CRS</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>CRS gwaith</translation>
        </message>
        <message>
            <source>Notes</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Nodiadau</translation>
        </message>
        <message>
            <source>The marking is shown on the window and printed on every export (top and bottom of sheets, a banner on HTML briefings).</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Dangosir y marc ar y ffenestr a’i argraffu ar bob allforio (brig a gwaelod taflenni, baner ar friffiau HTML).</translation>
        </message>
    </context>
    <context>
        <name>QFileDialog</name>
        <message>
            <source>&amp;Look in:</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>&amp;Edrych yn:</translation>
        </message>
        <message>
            <source>File &amp;name:</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>&amp;Enw’r ffeil:</translation>
        </message>
        <message>
            <source>Files of &amp;type:</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Ffeiliau o’r &amp;math:</translation>
        </message>
        <message>
            <source>&amp;Save</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>&amp;Cadw</translation>
        </message>
        <message>
            <source>&amp;Open</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>&amp;Agor</translation>
        </message>
        <message>
            <source>&amp;Choose</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>&amp;Dewis</translation>
        </message>
        <message>
            <source>Back</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Yn ôl</translation>
        </message>
        <message>
            <source>Forward</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Ymlaen</translation>
        </message>
        <message>
            <source>Parent Directory</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Cyfeiriadur rhiant</translation>
        </message>
        <message>
            <source>Create New Folder</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Creu ffolder newydd</translation>
        </message>
        <message>
            <source>List View</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Golwg rhestr</translation>
        </message>
        <message>
            <source>Detail View</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Golwg manylion</translation>
        </message>
        <message>
            <source>&amp;Delete</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>&amp;Dileu</translation>
        </message>
        <message>
            <source>&amp;New Folder</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>&amp;Ffolder newydd</translation>
        </message>
        <message>
            <source>&amp;Rename</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>&amp;Ailenwi</translation>
        </message>
        <message>
            <source>Show &amp;hidden files</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Dangos ffeiliau &amp;cudd</translation>
        </message>
        <message>
            <source>New Folder</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Ffolder newydd</translation>
        </message>
        <message>
            <source>All Files (*)</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Pob ffeil (*)</translation>
        </message>
        <message>
            <source>Save As</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Cadw fel</translation>
        </message>
        <message>
            <source>Open</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Agor</translation>
        </message>
        <message>
            <source>Directory:</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Cyfeiriadur:</translation>
        </message>
        <message>
            <source>Recent Places</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Lleoedd diweddar</translation>
        </message>
        <message>
            <source>Show </source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Dangos </translation>
        </message>
    </context>
    <context>
        <name>QFileSystemModel</name>
        <message>
            <source>Name</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Enw</translation>
        </message>
        <message>
            <source>Size</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Maint</translation>
        </message>
        <message>
            <source>Type</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Math</translation>
        </message>
        <message>
            <source>Date Modified</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Dyddiad addasu</translation>
        </message>
    </context>
    <context>
        <name>QMessageBox</name>
        <message>
            <source>Show Details...</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Dangos y manylion...</translation>
        </message>
        <message>
            <source>Hide Details...</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Cuddio’r manylion...</translation>
        </message>
    </context>
    <context>
        <name>QPlatformTheme</name>
        <message>
            <source>OK</source>
            <extracomment>Qt's own button texts (Qt ships no qtbase_cy.qm): the standard buttons of message boxes and button boxes are looked up in context QPlatformTheme.</extracomment>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Iawn</translation>
        </message>
        <message>
            <source>Save</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Cadw</translation>
        </message>
        <message>
            <source>Save All</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Cadw’r cyfan</translation>
        </message>
        <message>
            <source>Open</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Agor</translation>
        </message>
        <message>
            <source>&amp;Yes</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>&amp;Ie</translation>
        </message>
        <message>
            <source>Yes to &amp;All</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Ie i &amp;bob un</translation>
        </message>
        <message>
            <source>&amp;No</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>&amp;Na</translation>
        </message>
        <message>
            <source>N&amp;o to All</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Na i b&amp;ob un</translation>
        </message>
        <message>
            <source>Abort</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Terfynu</translation>
        </message>
        <message>
            <source>Retry</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Ailgynnig</translation>
        </message>
        <message>
            <source>Ignore</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Anwybyddu</translation>
        </message>
        <message>
            <source>Close</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Cau</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Canslo</translation>
        </message>
        <message>
            <source>Discard</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Gwaredu</translation>
        </message>
        <message>
            <source>Help</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Cymorth</translation>
        </message>
        <message>
            <source>Apply</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Gweithredu</translation>
        </message>
        <message>
            <source>Reset</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Ailosod</translation>
        </message>
        <message>
            <source>Restore Defaults</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Adfer y rhagosodiadau</translation>
        </message>
        <message>
            <source>Don't Save</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Peidio â chadw</translation>
        </message>
        <message>
            <source>Close without Saving</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Cau heb gadw</translation>
        </message>
    </context>
    <context>
        <name>QProgressDialog</name>
        <message>
            <source>Cancel</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Canslo</translation>
        </message>
    </context>
    <context>
        <name>RepeatsPanel</name>
        <message>
            <source>Events</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Digwyddiadau</translation>
        </message>
        <message>
            <source>Same</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Yr un</translation>
        </message>
        <message>
            <source>points on the same square of this size are one place</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>mae pwyntiau ar yr un sgwâr o’r maint hwn yn un lle</translation>
        </message>
        <message>
            <source>Place size</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Maint lle</translation>
        </message>
        <message>
            <source>Repeats within</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Ailadroddiadau o fewn</translation>
        </message>
        <message>
            <source> days</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation> diwrnod</translation>
        </message>
        <message>
            <source> events</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation> digwyddiad</translation>
        </message>
        <message>
            <source>Smallest place</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Y lle lleiaf</translation>
        </message>
        <message>
            <source>Repeat places</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Lleoedd ailadrodd</translation>
        </message>
        <message>
            <source>Export CSV…</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Allforio CSV…</translation>
        </message>
        <message>
            <source> - months only</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation> - misoedd yn unig</translation>
        </message>
        <message>
            <source>place</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>lle</translation>
        </message>
        <message>
            <source>caller ({col})</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>galwr ({col})</translation>
        </message>
        <message>
            <source>add a crime or calls layer first</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>ychwanegwch haen troseddau neu alwadau yn gyntaf</translation>
        </message>
        <message>
            <source>fewer than 2 events pass the filter</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>mae llai na 2 ddigwyddiad yn pasio’r hidlydd</translation>
        </message>
        <message>
            <source>Repeats among {v0:,} events…</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Ailadroddiadau ymhlith {v0:,} digwyddiad…</translation>
        </message>
        <message>
            <source>&lt;b&gt;{v0:,}&lt;/b&gt; places with {v1}+ events hold {n_in_repeats:,} of {n_events:,} events of {v4}. Click a place to show it on the map.</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Mae &lt;b&gt;{v0:,}&lt;/b&gt; lle â {v1}+ digwyddiad yn dal {n_in_repeats:,} o {n_events:,} digwyddiad {v4}. Cliciwch ar le i’w ddangos ar y map.</translation>
        </message>
        <message>
            <source>Repeats ready.</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Ailadroddiadau’n barod.</translation>
        </message>
        <message>
            <source>find the repeats first</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>canfyddwch yr ailadroddiadau yn gyntaf</translation>
        </message>
    </context>
    <context>
        <name>ReportDialog</name>
        <message>
            <source>Word (DOCX)</source>
            <translatorcomment>Draft by a non-speaker; to be checked by a fluent speaker.</translatorcomment>
            <translation>Dogfen Word (DOCX)</translation>
        </message>
        <message>
            <source>Problem profile of {0}</source>
            <translatorcomment>Draft by a non-speaker; to be checked by a fluent speaker.</translatorcomment>
            <translation>Proffil problem {0}</translation>
        </message>
        <message>
            <source>New tactical assessment</source>
            <translatorcomment>Draft by a non-speaker; to be checked by a fluent speaker.</translatorcomment>
            <translation>Asesiad tactegol newydd</translation>
        </message>
        <message>
            <source>Draft</source>
            <translatorcomment>Draft by a non-speaker; to be checked by a fluent speaker.</translatorcomment>
            <translation>Drafftio</translation>
        </message>
        <message>
            <source>Write files</source>
            <translatorcomment>Draft by a non-speaker; to be checked by a fluent speaker.</translatorcomment>
            <translation>Ysgrifennu'r ffeiliau</translation>
        </message>
        <message>
            <source>The draft shows here once made.</source>
            <translatorcomment>Draft by a non-speaker; to be checked by a fluent speaker.</translatorcomment>
            <translation>Bydd y drafft yn ymddangos yma ar ôl ei wneud.</translation>
        </message>
        <message>
            <source>Last 7 days</source>
            <translatorcomment>Draft by a non-speaker; to be checked by a fluent speaker.</translatorcomment>
            <translation>Y 7 diwrnod diwethaf</translation>
        </message>
        <message>
            <source>Last 14 days</source>
            <translatorcomment>Draft by a non-speaker; to be checked by a fluent speaker.</translatorcomment>
            <translation>Y 14 diwrnod diwethaf</translation>
        </message>
        <message>
            <source>Last 28 days</source>
            <translatorcomment>Draft by a non-speaker; to be checked by a fluent speaker.</translatorcomment>
            <translation>Y 28 diwrnod diwethaf</translation>
        </message>
        <message>
            <source>Last calendar month</source>
            <translatorcomment>Draft by a non-speaker; to be checked by a fluent speaker.</translatorcomment>
            <translation>Y mis calendr diwethaf</translation>
        </message>
        <message>
            <source>Automatic (wards: 10 to 100 areas)</source>
            <translatorcomment>Draft by a non-speaker; to be checked by a fluent speaker.</translatorcomment>
            <translation>Awtomatig (wardiau: 10 i 100 ardal)</translation>
        </message>
        <message>
            <source>Period</source>
            <translatorcomment>Draft by a non-speaker; to be checked by a fluent speaker.</translatorcomment>
            <translation>Cyfnod</translation>
        </message>
        <message>
            <source>Areas</source>
            <translatorcomment>Draft by a non-speaker; to be checked by a fluent speaker.</translatorcomment>
            <translation>Ardaloedd</translation>
        </message>
        <message>
            <source>Area</source>
            <translatorcomment>Draft by a non-speaker; to be checked by a fluent speaker.</translatorcomment>
            <translation>Ardal</translation>
        </message>
        <message>
            <source>e.g. OPERATIONAL (optional)</source>
            <translatorcomment>Draft by a non-speaker; to be checked by a fluent speaker.</translatorcomment>
            <translation>e.e. OPERATIONAL (dewisol)</translation>
        </message>
        <message>
            <source>Marking</source>
            <translatorcomment>Draft by a non-speaker; to be checked by a fluent speaker.</translatorcomment>
            <translation>Marc diogelu</translation>
        </message>
        <message>
            <source>Descriptor</source>
            <translatorcomment>Draft by a non-speaker; to be checked by a fluent speaker.</translatorcomment>
            <translation>Disgrifydd</translation>
        </message>
        <message>
            <source>Formats</source>
            <translatorcomment>Draft by a non-speaker; to be checked by a fluent speaker.</translatorcomment>
            <translation>Fformatau</translation>
        </message>
        <message>
            <source>Browse…</source>
            <translatorcomment>Draft by a non-speaker; to be checked by a fluent speaker.</translatorcomment>
            <translation>Pori…</translation>
        </message>
        <message>
            <source>Save as</source>
            <translatorcomment>Draft by a non-speaker; to be checked by a fluent speaker.</translatorcomment>
            <translation>Cadw fel</translation>
        </message>
        <message>
            <source>Downgrade</source>
            <translatorcomment>Draft by a non-speaker; to be checked by a fluent speaker.</translatorcomment>
            <translation>Israddio</translation>
        </message>
        <message>
            <source>Save the report as</source>
            <translatorcomment>Draft by a non-speaker; to be checked by a fluent speaker.</translatorcomment>
            <translation>Cadw'r adroddiad fel</translation>
        </message>
        <message>
            <source>Reports (*.pdf *.html *.docx)</source>
            <translatorcomment>Draft by a non-speaker; to be checked by a fluent speaker.</translatorcomment>
            <translation>Adroddiadau (*.pdf *.html *.docx)</translation>
        </message>
        <message>
            <source>Drafting…</source>
            <translatorcomment>Draft by a non-speaker; to be checked by a fluent speaker.</translatorcomment>
            <translation>Wrthi'n drafftio…</translation>
        </message>
        <message>
            <source>Draft ready: {0}. Check it, then write the files.</source>
            <translatorcomment>Draft by a non-speaker; to be checked by a fluent speaker.</translatorcomment>
            <translation>Mae'r drafft yn barod: {0}. Gwiriwch ef, yna ysgrifennwch y ffeiliau.</translation>
        </message>
        <message>
            <source>The draft could not be made: {0}</source>
            <translatorcomment>Draft by a non-speaker; to be checked by a fluent speaker.</translatorcomment>
            <translation>Nid oedd modd gwneud y drafft: {0}</translation>
        </message>
        <message>
            <source>Not written: {0}</source>
            <translatorcomment>Draft by a non-speaker; to be checked by a fluent speaker.</translatorcomment>
            <translation>Heb ei ysgrifennu: {0}</translation>
        </message>
        <message>
            <source>Written (and recorded in the audit trail): {0}</source>
            <translatorcomment>Draft by a non-speaker; to be checked by a fluent speaker.</translatorcomment>
            <translation>Wedi'u hysgrifennu (a'u cofnodi yn y trywydd archwilio): {0}</translation>
        </message>
    </context>
    <context>
        <name>ScanPanel</name>
        <message>
            <source>harm excess (days)</source>
            <extracomment>header text where the column name alone would not say the unit</extracomment>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>gormodedd niwed (diwrnodau)</translation>
        </message>
        <message>
            <source>harm weight (days)</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>pwysau niwed (diwrnodau)</translation>
        </message>
        <message>
            <source>Harm excess, in crime harm days (days of custody equivalent per offence, CCHI-style; see resources/lookups/harm_weights.md): the events above expectation weighted by their category's harm; for near-repeat clusters, the harm of the cluster's events.</source>
            <extracomment>rows of the watch list shown (and kept in the project file) What "harm excess" means when the result does not describe its own columns.</extracomment>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Gormodedd niwed, mewn diwrnodau niwed troseddau (diwrnodau o garchar cyfatebol fesul trosedd, arddull CCHI; gweler resources/lookups/harm_weights.md): y digwyddiadau uwchlaw’r disgwyl wedi’u pwysoli yn ôl niwed eu categori; ar gyfer clystyrau ailadrodd agos, niwed digwyddiadau’r clwstwr.</translation>
        </message>
        <message>
            <source>Events</source>
            <extracomment>the shape of the item the user clicked (shapely, working CRS), or None the layer of the clicked item became the one to look at (layer id)</extracomment>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Digwyddiadau</translation>
        </message>
        <message>
            <source>Areas</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Ardaloedd</translation>
        </message>
        <message>
            <source>no grid</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>dim grid</translation>
        </message>
        <message>
            <source>Grid cells</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Celloedd grid</translation>
        </message>
        <message>
            <source>False discovery rate</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Cyfradd darganfod ffug</translation>
        </message>
        <message>
            <source> events</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation> digwyddiad</translation>
        </message>
        <message>
            <source>Smallest item</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Yr eitem leiaf</translation>
        </message>
        <message>
            <source>Emerging hot spots</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Mannau poeth sy’n dod i’r amlwg</translation>
        </message>
        <message>
            <source>New near-repeat clusters (dated layers)</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Clystyrau ailadrodd agos newydd (haenau â dyddiad)</translation>
        </message>
        <message>
            <source>Also</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Hefyd</translation>
        </message>
        <message>
            <source>Rising significantly</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Yn codi’n arwyddocaol</translation>
        </message>
        <message>
            <source>Watch list</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Rhestr wylio</translation>
        </message>
        <message>
            <source>Near-repeat chains (not tested)</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Cadwyni ailadrodd agos (heb eu profi)</translation>
        </message>
        <message>
            <source>Filter to this</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Hidlo i hwn</translation>
        </message>
        <message>
            <source>Set the shared filter to the clicked item's area, category and period</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Gosod yr hidlydd a rennir i ardal, categori a chyfnod yr eitem a gliciwyd</translation>
        </message>
        <message>
            <source>Export report…</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Allforio adroddiad…</translation>
        </message>
        <message>
            <source>Export CSV…</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Allforio CSV…</translation>
        </message>
        <message>
            <source>tick at least one crime or calls layer</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>ticiwch o leiaf un haen troseddau neu alwadau</translation>
        </message>
        <message>
            <source>Scanning…</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Wrthi’n sganio…</translation>
        </message>
        <message>
            <source>Scan done. Click an item to show it on the map.</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Sgan wedi’i wneud. Cliciwch ar eitem i’w dangos ar y map.</translation>
        </message>
        <message>
            <source>&lt;b&gt;{n:,}&lt;/b&gt; items rising beyond chance of {tests:,} tests (false discovery rate {fdr:.0%}); {chains:,} near-repeat chains (no test, listed apart); </source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>&lt;b&gt;{n:,}&lt;/b&gt; eitem yn codi y tu hwnt i siawns o {tests:,} prawf (cyfradd darganfod ffug {fdr:.0%}); {chains:,} cadwyn ailadrodd agos (dim prawf, wedi’u rhestru ar wahân); </translation>
        </message>
        <message>
            <source>{k}: {a} to {b}</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>{k}: {a} i {b}</translation>
        </message>
        <message>
            <source>Restored from the project file (last scan). Click an item to show it.</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Wedi’i adfer o ffeil y prosiect (y sgan diwethaf). Cliciwch ar eitem i’w dangos.</translation>
        </message>
        <message>
            <source>On the map, item {rank}: {message} (“Filter to this” sets its area, category and period.)</source>
            <translatorcomment>Draft by a non-speaker; to be checked by a fluent speaker.</translatorcomment>
            <translation>Ar y map, eitem {rank}: {message} (mae “Hidlo i hwn” yn gosod ei hardal, ei chategori a’i chyfnod.)</translation>
        </message>
        <message>
            <source>run the scan first</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>rhedwch y sgan yn gyntaf</translation>
        </message>
        <message>
            <source>HTML report (*.html)</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Adroddiad HTML (*.html)</translation>
        </message>
        <message>
            <source>CSV (*.csv)</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>CSV (*.csv)</translation>
        </message>
        <message>
            <source>Export horizon scan</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Allforio’r sgan gorwel</translation>
        </message>
        <message>
            <source>Harm excess: {text}</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Gormodedd niwed: {text}</translation>
        </message>
    </context>
    <context>
        <name>Style</name>
        <message>
            <source>Circle</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Cylch</translation>
        </message>
        <message>
            <source>Square</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Sgwâr</translation>
        </message>
        <message>
            <source>Triangle</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Triongl</translation>
        </message>
        <message>
            <source>Diamond</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Diemwnt</translation>
        </message>
        <message>
            <source>Plus</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Plws</translation>
        </message>
        <message>
            <source>Star</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Seren</translation>
        </message>
        <message>
            <source>Quantiles (equal counts)</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Cwantelau (cyfrifon cyfartal)</translation>
        </message>
        <message>
            <source>Natural breaks (Jenks)</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Toriadau naturiol (Jenks)</translation>
        </message>
        <message>
            <source>Equal interval</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Cyfwng cyfartal</translation>
        </message>
        <message>
            <source>Style: {name}</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Arddull: {name}</translation>
        </message>
        <message>
            <source>Style</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Arddull</translation>
        </message>
        <message>
            <source>Category</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Categori</translation>
        </message>
        <message>
            <source>Colour</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Lliw</translation>
        </message>
        <message>
            <source>Choose a colour</source>
            <extracomment>rates resting on fewer events than this are flagged as unstable most categories the colour table lists (the rest keep their default colour)</extracomment>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Dewis lliw</translation>
        </message>
        <message>
            <source>Single colour</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Un lliw</translation>
        </message>
        <message>
            <source>Colour by category</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Lliw yn ôl categori</translation>
        </message>
        <message>
            <source>Choropleth (graduated colours)</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Coropleth (lliwiau graddedig)</translation>
        </message>
        <message>
            <source>Result classes ({col})</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Dosbarthiadau’r canlyniad ({col})</translation>
        </message>
        <message>
            <source>Raster surface (colour ramp)</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Arwyneb raster (graddfa liw)</translation>
        </message>
        <message>
            <source>Fill</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Llenwad</translation>
        </message>
        <message>
            <source>Default colours</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Lliwiau rhagosodedig</translation>
        </message>
        <message>
            <source>Categories</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Categorïau</translation>
        </message>
        <message>
            <source>Numeric attribute</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Priodoledd rifol</translation>
        </message>
        <message>
            <source>Count of events inside the filter</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Cyfrif y digwyddiadau y tu mewn i’r hidlydd</translation>
        </message>
        <message>
            <source>Rate per 1,000 residents inside the filter</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Cyfradd fesul 1,000 o breswylwyr y tu mewn i’r hidlydd</translation>
        </message>
        <message>
            <source>Values</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Gwerthoedd</translation>
        </message>
        <message>
            <source>Attribute</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Priodoledd</translation>
        </message>
        <message>
            <source>Events of</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Digwyddiadau o</translation>
        </message>
        <message>
            <source>Classification</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Dosbarthiad</translation>
        </message>
        <message>
            <source>Classes</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Dosbarthiadau</translation>
        </message>
        <message>
            <source>Colour ramp</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Graddfa liw</translation>
        </message>
        <message>
            <source>Choropleth</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Coropleth</translation>
        </message>
        <message>
            <source> px</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation> px</translation>
        </message>
        <message>
            <source>Size</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Maint</translation>
        </message>
        <message>
            <source>Symbol</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Symbol</translation>
        </message>
        <message>
            <source>Fill opacity</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Didreiddedd y llenwad</translation>
        </message>
        <message>
            <source>Outline</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Amlinell</translation>
        </message>
        <message>
            <source>Layer opacity</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Didreiddedd yr haen</translation>
        </message>
        <message>
            <source>Legend preview</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Rhagolwg o’r allwedd</translation>
        </message>
        <message>
            <source>counting events per area in the background…</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>wrthi’n cyfrif digwyddiadau fesul ardal yn y cefndir…</translation>
        </message>
        <message>
            <source>; {missing} area(s) with no value (drawn empty)</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>; {missing} ardal heb werth (wedi’u lluniadu’n wag)</translation>
        </message>
        <message>
            <source>; only {k} distinct class(es) in the data</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>; dim ond {k} dosbarth gwahanol yn y data</translation>
        </message>
        <message>
            <source>. {few} area(s) have fewer than {small} events: their rates swing a lot with one event more or less</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>. Mae gan {few} ardal lai na {small} digwyddiad: mae eu cyfraddau’n newid llawer gydag un digwyddiad yn fwy neu’n llai</translation>
        </message>
        <message>
            <source>The legend appears when done: {note}</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Bydd yr allwedd yn ymddangos wedi gorffen: {note}</translation>
        </message>
        <message>
            <source>Cannot classify: {note}</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Methu dosbarthu: {note}</translation>
        </message>
    </context>
    <context>
        <name>Table</name>
        <message>
            <source>Only rows in the filter</source>
            <extracomment>Selections bigger than this many table rows are shown by shading the rows rather than through Qt's selection model (which slows painting in proportion to the rows selected: a 1M-row selection took seconds per frame). Copy to the clipboard at most this many rows. Highlight at most this many separate runs of selected rows in the view (Qt's selection model slows down with many ranges); "Selected only" lists them all.</extracomment>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Rhesi yn yr hidlydd yn unig</translation>
        </message>
        <message>
            <source>Show only the rows inside the time window, categories and area</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Dangos dim ond y rhesi y tu mewn i’r ffenestr amser, y categorïau a’r ardal</translation>
        </message>
        <message>
            <source>Selected only</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Y rhai a ddewiswyd yn unig</translation>
        </message>
        <message>
            <source>List only the selected rows</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Rhestru’r rhesi a ddewiswyd yn unig</translation>
        </message>
        <message>
            <source>Zoom to selection</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Chwyddo i’r detholiad</translation>
        </message>
        <message>
            <source>Copy</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Copïo</translation>
        </message>
        <message>
            <source>Copy the selected rows as tab-separated text (Ctrl+C)</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Copïo’r rhesi a ddewiswyd fel testun wedi’i wahanu gan dabiau (Ctrl+C)</translation>
        </message>
        <message>
            <source>Export CSV...</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Allforio CSV...</translation>
        </message>
        <message>
            <source>Save the selected rows (or all shown rows when none is selected) as CSV</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Cadw’r rhesi a ddewiswyd (neu’r holl resi a ddangosir pan nad oes un wedi’i ddewis) fel CSV</translation>
        </message>
        <message>
            <source>No layer</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Dim haen</translation>
        </message>
        <message>
            <source>{shown:,} of {n:,} rows</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>{shown:,} o {n:,} rhes</translation>
        </message>
        <message>
            <source> (filtered)</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation> (wedi’u hidlo)</translation>
        </message>
        <message>
            <source>; {sel:,} selected</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>; {sel:,} wedi’u dewis</translation>
        </message>
        <message>
            <source> (the first {runs:,} groups are highlighted; tick Selected only to list them all)</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation> (mae’r {runs:,} grŵp cyntaf wedi’u hamlygu; ticiwch “Y rhai a ddewiswyd yn unig” i’w rhestru i gyd)</translation>
        </message>
        <message>
            <source>Sorting {name} by {v1}</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Wrthi’n trefnu {name} yn ôl {v1}</translation>
        </message>
        <message>
            <source>Export rows as CSV</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Allforio rhesi fel CSV</translation>
        </message>
        <message>
            <source>CSV (*.csv)</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>CSV (*.csv)</translation>
        </message>
    </context>
    <context>
        <name>Timeline</name>
        <message>
            <source>day</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>diwrnod</translation>
        </message>
        <message>
            <source>week</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>wythnos</translation>
        </message>
        <message>
            <source>month</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>mis</translation>
        </message>
        <message>
            <source>0.5 steps/s</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>0.5 cam/e</translation>
        </message>
        <message>
            <source>1 step/s</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>1 cam/e</translation>
        </message>
        <message>
            <source>2 steps/s</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>2 gam/e</translation>
        </message>
        <message>
            <source>4 steps/s</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>4 cam/e</translation>
        </message>
        <message>
            <source>8 steps/s</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>8 cam/e</translation>
        </message>
        <message>
            <source>Which temporal layers the bars count</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Pa haenau amser y mae’r barrau’n eu cyfrif</translation>
        </message>
        <message>
            <source>Auto bins</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Biniau awtomatig</translation>
        </message>
        <message>
            <source>Day</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Diwrnod</translation>
        </message>
        <message>
            <source>Week</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Wythnos</translation>
        </message>
        <message>
            <source>Month</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Mis</translation>
        </message>
        <message>
            <source>Bin width; month-precision data (data.police.uk) is always binned by month</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Lled bin; caiff data manylder mis (data.police.uk) eu binio fesul mis bob amser</translation>
        </message>
        <message>
            <source>28 days</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>28 diwrnod</translation>
        </message>
        <message>
            <source>The last 28 days of the data</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>28 diwrnod olaf y data</translation>
        </message>
        <message>
            <source>3 months</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>3 mis</translation>
        </message>
        <message>
            <source>The last 3 months of the data</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>3 mis olaf y data</translation>
        </message>
        <message>
            <source>12 months</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>12 mis</translation>
        </message>
        <message>
            <source>The last 12 months of the data</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>12 mis olaf y data</translation>
        </message>
        <message>
            <source>All</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Y cyfan</translation>
        </message>
        <message>
            <source>No time window: all the data</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Dim ffenestr amser: yr holl ddata</translation>
        </message>
        <message>
            <source>Play: move the window forward one bin at a time</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Chwarae: symud y ffenestr ymlaen un bin ar y tro</translation>
        </message>
        <message>
            <source>Animation speed</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Cyflymder animeiddio</translation>
        </message>
        <message>
            <source>Drag to choose a period; drag the blue brush or its edges to move it; double-click to clear the window; Shift+drag to pan</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Llusgwch i ddewis cyfnod; llusgwch y brwsh glas neu ei ymylon i’w symud; cliciwch ddwywaith i glirio’r ffenestr; Shift+llusgo i banio</translation>
        </message>
        <message>
            <source>No temporal layer is visible</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Does dim haen amser yn weladwy</translation>
        </message>
        <message>
            <source>Categories</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Categorïau</translation>
        </message>
        <message>
            <source>All</source>
            <comment>categories</comment>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Y cyfan</translation>
        </message>
        <message>
            <source>None</source>
            <comment>categories</comment>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Dim</translation>
        </message>
        <message>
            <source>Auto: largest visible layer</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Awtomatig: yr haen weladwy fwyaf</translation>
        </message>
        <message>
            <source>All visible layers, by category</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Pob haen weladwy, yn ôl categori</translation>
        </message>
        <message>
            <source>All visible layers, by layer</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Pob haen weladwy, yn ôl haen</translation>
        </message>
        <message>
            <source>{name}: {n:,} rows in all</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>{name}: {n:,} rhes i gyd</translation>
        </message>
        <message>
            <source>No temporal layer is visible.</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Does dim haen amser yn weladwy.</translation>
        </message>
        <message>
            <source>per {unit}</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>fesul {unit}</translation>
        </message>
        <message>
            <source>week of {start}</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>wythnos {start}</translation>
        </message>
        <message>
            <source>Window: all time</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Ffenestr: pob amser</translation>
        </message>
        <message>
            <source>Window: {start} to {end} ({days:,.0f} days)</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Ffenestr: {start} i {end} ({days:,.0f} diwrnod)</translation>
        </message>
        <message>
            <source>unknown preset {key!r}</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>rhagosodiad anhysbys {key!r}</translation>
        </message>
    </context>
    <context>
        <name>Vocabulary</name>
        <message>
            <source>Crime</source>
            <extracomment>language code -&gt; its own name (what a speaker looks for in the menu) what the interface falls back to: the source strings the date patterns of :func:`date_text` and their English strftime forms Terms made outside the window that it shows (vocab() looks them up); lupdate reads this list, so each one is in every catalogue.</extracomment>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Troseddau</translation>
        </message>
        <message>
            <source>Calls for service</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Galwadau am wasanaeth</translation>
        </message>
        <message>
            <source>Community assets</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Asedau cymunedol</translation>
        </message>
        <message>
            <source>Boundaries</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Ffiniau</translation>
        </message>
        <message>
            <source>Analysis result</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Canlyniad dadansoddi</translation>
        </message>
        <message>
            <source>crime</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>troseddau</translation>
        </message>
        <message>
            <source>demand</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>galw</translation>
        </message>
        <message>
            <source>asset</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>ased</translation>
        </message>
        <message>
            <source>boundary</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>ffin</translation>
        </message>
        <message>
            <source>result</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>canlyniad</translation>
        </message>
        <message>
            <source>Anti-social behaviour</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Ymddygiad gwrthgymdeithasol</translation>
        </message>
        <message>
            <source>Bicycle theft</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Dwyn beiciau</translation>
        </message>
        <message>
            <source>Burglary</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Byrgleriaeth</translation>
        </message>
        <message>
            <source>Criminal damage and arson</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Difrod troseddol a llosgi bwriadol</translation>
        </message>
        <message>
            <source>Drugs</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Cyffuriau</translation>
        </message>
        <message>
            <source>Other crime</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Troseddau eraill</translation>
        </message>
        <message>
            <source>Other theft</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Dwyn arall</translation>
        </message>
        <message>
            <source>Possession of weapons</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Meddu ar arfau</translation>
        </message>
        <message>
            <source>Public order</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Trefn gyhoeddus</translation>
        </message>
        <message>
            <source>Robbery</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Lladrata</translation>
        </message>
        <message>
            <source>Shoplifting</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Dwyn o siopau</translation>
        </message>
        <message>
            <source>Theft from the person</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Dwyn oddi ar y person</translation>
        </message>
        <message>
            <source>Vehicle crime</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Troseddau cerbydau</translation>
        </message>
        <message>
            <source>Violence and sexual offences</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Trais a throseddau rhywiol</translation>
        </message>
        <message>
            <source>Unknown</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Anhysbys</translation>
        </message>
        <message>
            <source>Hot spot, 99 % confidence</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Man poeth, hyder 99 %</translation>
        </message>
        <message>
            <source>Hot spot, 95 % confidence</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Man poeth, hyder 95 %</translation>
        </message>
        <message>
            <source>Hot spot, 90 % confidence</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Man poeth, hyder 90 %</translation>
        </message>
        <message>
            <source>Not significant</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Ddim yn arwyddocaol</translation>
        </message>
        <message>
            <source>Cold spot, 90 % confidence</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Man oer, hyder 90 %</translation>
        </message>
        <message>
            <source>Cold spot, 95 % confidence</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Man oer, hyder 95 %</translation>
        </message>
        <message>
            <source>Cold spot, 99 % confidence</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Man oer, hyder 99 %</translation>
        </message>
        <message>
            <source>New hot spot</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Man poeth newydd</translation>
        </message>
        <message>
            <source>Consecutive hot spot</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Man poeth olynol</translation>
        </message>
        <message>
            <source>Intensifying hot spot</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Man poeth yn dwysáu</translation>
        </message>
        <message>
            <source>Persistent hot spot</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Man poeth parhaus</translation>
        </message>
        <message>
            <source>Diminishing hot spot</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Man poeth yn lleihau</translation>
        </message>
        <message>
            <source>Sporadic hot spot</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Man poeth achlysurol</translation>
        </message>
        <message>
            <source>Oscillating hot spot</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Man poeth osgiliadol</translation>
        </message>
        <message>
            <source>Historical hot spot</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Man poeth hanesyddol</translation>
        </message>
        <message>
            <source>New cold spot</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Man oer newydd</translation>
        </message>
        <message>
            <source>Consecutive cold spot</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Man oer olynol</translation>
        </message>
        <message>
            <source>Intensifying cold spot</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Man oer yn dwysáu</translation>
        </message>
        <message>
            <source>Persistent cold spot</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Man oer parhaus</translation>
        </message>
        <message>
            <source>Diminishing cold spot</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Man oer yn lleihau</translation>
        </message>
        <message>
            <source>Sporadic cold spot</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Man oer achlysurol</translation>
        </message>
        <message>
            <source>Oscillating cold spot</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Man oer osgiliadol</translation>
        </message>
        <message>
            <source>Historical cold spot</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Man oer hanesyddol</translation>
        </message>
        <message>
            <source>No pattern</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Dim patrwm</translation>
        </message>
        <message>
            <source>IMD decile (1 = most deprived)</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Degradd MALlC (1 = mwyaf difreintiedig)</translation>
        </message>
        <message>
            <source>Share of places</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Cyfran y lleoedd</translation>
        </message>
        <message>
            <source>Share of patrol time</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Cyfran yr amser patrôl</translation>
        </message>
        <message>
            <source>Share of crime</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Cyfran y troseddau</translation>
        </message>
        <message>
            <source>Share of harm</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Cyfran y niwed</translation>
        </message>
        <message>
            <source>Patrol time minus harm</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Amser patrôl llai niwed</translation>
        </message>
        <message>
            <source>p (FDR)</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>p (FDR)</translation>
        </message>
        <message>
            <source>Trend p</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>p tuedd</translation>
        </message>
        <message>
            <source>Trend z</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>z tuedd</translation>
        </message>
        <message>
            <source>Gi* z</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>z Gi*</translation>
        </message>
        <message>
            <source>Harm excess</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Gormodedd niwed</translation>
        </message>
        <message>
            <source>Harm weight</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Pwysau niwed</translation>
        </message>
        <message>
            <source>Knox ratio</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Cymhareb Knox</translation>
        </message>
        <message>
            <source>Area type</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Math o ardal</translation>
        </message>
        <message>
            <source>Area code</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Cod ardal</translation>
        </message>
        <message>
            <source>Area</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Ardal</translation>
        </message>
        <message>
            <source>Class</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Dosbarth</translation>
        </message>
        <message>
            <source>Pattern</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Patrwm</translation>
        </message>
        <message>
            <source>Last year</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Y llynedd</translation>
        </message>
        <message>
            <source>Cell</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Cell</translation>
        </message>
        <message>
            <source>Distance</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Pellter</translation>
        </message>
        <message>
            <source>Time</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Amser</translation>
        </message>
        <message>
            <source>Rank</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Safle</translation>
        </message>
        <message>
            <source>Message</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Neges</translation>
        </message>
        <message>
            <source>Observed</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Wedi’i arsylwi</translation>
        </message>
        <message>
            <source>Expected</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Disgwyliedig</translation>
        </message>
        <message>
            <source>Category</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Categori</translation>
        </message>
        <message>
            <source>Count</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Cyfrif</translation>
        </message>
        <message>
            <source>Cells</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Celloedd</translation>
        </message>
        <message>
            <source>Events</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Digwyddiadau</translation>
        </message>
        <message>
            <source>Visits</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Ymweliadau</translation>
        </message>
        <message>
            <source>Share</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Cyfran</translation>
        </message>
        <message>
            <source>Coverage</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Cwmpas</translation>
        </message>
        <message>
            <source>Hit rate</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Cyfradd taro</translation>
        </message>
        <message>
            <source>Treated</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Triniaeth</translation>
        </message>
        <message>
            <source>Control</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Rheolydd</translation>
        </message>
        <message>
            <source>Buffer</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Clustogfa</translation>
        </message>
        <message>
            <source>Name</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Enw</translation>
        </message>
        <message>
            <source>Z</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Z</translation>
        </message>
        <message>
            <source>Lsoa code</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Cod LSOA</translation>
        </message>
        <message>
            <source>Lsoa name</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Enw LSOA</translation>
        </message>
        <message>
            <source>Place</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Lle</translation>
        </message>
        <message>
            <source>Location</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Lleoliad</translation>
        </message>
        <message>
            <source>First</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Cyntaf</translation>
        </message>
        <message>
            <source>Last</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Olaf</translation>
        </message>
        <message>
            <source>Span days</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Rhychwant (diwrnodau)</translation>
        </message>
        <message>
            <source>Months</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Misoedd</translation>
        </message>
        <message>
            <source>N events</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Nifer y digwyddiadau</translation>
        </message>
        <message>
            <source>Harm</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Niwed</translation>
        </message>
        <message>
            <source>Categories</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Categorïau</translation>
        </message>
        <message>
            <source>First day</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Diwrnod cyntaf</translation>
        </message>
        <message>
            <source>Last day</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Diwrnod olaf</translation>
        </message>
        <message>
            <source>Within days</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>O fewn diwrnodau</translation>
        </message>
        <message>
            <source>Caller</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Galwr</translation>
        </message>
        <message>
            <source>N calls</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Nifer y galwadau</translation>
        </message>
        <message>
            <source>Places</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Lleoedd</translation>
        </message>
        <message>
            <source>Minutes</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Munudau</translation>
        </message>
        <message>
            <source>Start</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Dechrau</translation>
        </message>
        <message>
            <source>End</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Diwedd</translation>
        </message>
        <message>
            <source>Officer</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Swyddog</translation>
        </message>
        <message>
            <source>Shift</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Shifft</translation>
        </message>
        <message>
            <source>Visit</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Ymweliad</translation>
        </message>
        <message>
            <source>Arrive</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Cyrraedd</translation>
        </message>
        <message>
            <source>Depart</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Gadael</translation>
        </message>
        <message>
            <source>Place id</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Dynodydd lle</translation>
        </message>
        <message>
            <source>Stop type</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Math o arhosiad</translation>
        </message>
        <message>
            <source>Hours</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Oriau</translation>
        </message>
        <message>
            <source>Dosage minutes</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Munudau dos</translation>
        </message>
        <message>
            <source>Period</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Cyfnod</translation>
        </message>
        <message>
            <source>Baseline</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Llinell sylfaen</translation>
        </message>
        <message>
            <source>Recent</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Diweddar</translation>
        </message>
        <message>
            <source>Harm rank</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Safle niwed</translation>
        </message>
        <message>
            <source>Ratio</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Cymhareb</translation>
        </message>
        <message>
            <source>Lisa class</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Dosbarth LISA</translation>
        </message>
        <message>
            <source>Lisa i</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>I LISA</translation>
        </message>
        <message>
            <source>N visits</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Nifer yr ymweliadau</translation>
        </message>
        <message>
            <source>self-exciting point process</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>proses pwyntiau hunan-gyffrous</translation>
        </message>
        <message>
            <source>kernel density</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>dwysedd cnewyllyn</translation>
        </message>
        <message>
            <source>last period's count</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>cyfrif y cyfnod diwethaf</translation>
        </message>
        <message>
            <source>prospective hot-spotting</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>canfod mannau poeth rhagolygol</translation>
        </message>
        <message>
            <source>Other</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Arall</translation>
        </message>
        <message>
            <source>events per km²</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>digwyddiadau fesul km²</translation>
        </message>
        <message>
            <source>Emergency</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Argyfwng</translation>
        </message>
        <message>
            <source>Priority</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Blaenoriaeth</translation>
        </message>
        <message>
            <source>Scheduled</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Wedi’i drefnu</translation>
        </message>
        <message>
            <source>No deployment</source>
            <translatorcomment>Draft by a non-speaker (machine-assisted); to be checked by a fluent Welsh speaker.</translatorcomment>
            <translation>Dim anfon</translation>
        </message>
    </context>
</TS>
