// Package charts renders CSAT Desk's data series to images with go-chart
// (github.com/wcharczuk/go-chart/v2): the same code draws the dashboard on
// screen and the PNGs a business pastes into its monthly report.
//
// The charts are:
//
//	Trend         CSAT % per period as a line, with the benchmark band
//	              (default 75–85 %) shaded and labelled, the 95 % Wilson
//	              range as a light ribbon, hollow markers for periods with
//	              few answers, an optional goal line and compare series.
//	Distribution  one bar per scale point, red→amber below the satisfied
//	              cut-off and green at or above it, with % and count.
//	NPSBars       100 % stacked bars per period (detractors, passives,
//	              promoters) with the NPS score above each bar.
//	Segments      horizontal CSAT % bars per segment, high to low, with n,
//	              the 95 % range as whiskers and the band.
//	Volume        responses per period.
//
// go-chart draws the background, the axes, the grid and the lines; what it
// cannot draw (bands with labels, ribbons, whiskers, hollow markers,
// stacked and horizontal bars, titles, legends and footers) is drawn by
// custom series through go-chart's own Renderer in the same coordinate
// system, so everything lines up with the axes.
//
// The package guards every known go-chart pitfall before data reaches it:
// NaN values never reach go-chart (they hang it), X and Y always have the
// same length, ranges are always set explicitly (bar axes start at 0) and
// inputs with fewer than two periods with data return [ErrNotEnoughData]
// instead of a go-chart error. Sizes carry a DPI: go-chart scales only
// fonts with it, so strokes, paddings and marker sizes are scaled here by
// DPI/96. All text uses one font, [assets.FontTTF], which covers Latin,
// Latvian, Cyrillic, Chinese and ★.
//
// The package imports no UI or storage code: only data, assets, go-chart,
// freetype and the standard library.
package charts
