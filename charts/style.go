package charts

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"sync"

	"csatdesk/assets"
	"csatdesk/data/numfmt"

	"github.com/golang/freetype/truetype"
	"github.com/wcharczuk/go-chart/v2/drawing"
)

// ErrNotEnoughData is returned when there is nothing meaningful to draw:
// fewer than two periods (or segments) with answers, or an empty histogram.
// The UI shows a placeholder message instead of a chart.
var ErrNotEnoughData = errors.New("charts: not enough data to draw (needs answers in at least two periods)")

// Size is the pixel size and resolution of a rendered chart. DPI 0 means
// 96. Fonts, stroke widths, marker sizes and paddings all scale with
// DPI/96, so a chart at 1920×1080 and 192 DPI looks like one at 960×540
// and 96 DPI, only sharper. Sides shorter than 200 px at 96 DPI (scaled
// likewise) are enlarged to that, so the layout never inverts.
type Size struct {
	WidthPx, HeightPx int
	DPI               float64
}

// The standard sizes offered by the dashboard and the export dialog.
var (
	// SizeScreen is the dashboard's on-screen chart.
	SizeScreen = Size{WidthPx: 1000, HeightPx: 520, DPI: 96}
	// SizeSlide is a full 16:9 presentation slide.
	SizeSlide = Size{WidthPx: 1920, HeightPx: 1080, DPI: 144}
	// SizeA4 is the text width of an A4 page at 300 DPI.
	SizeA4 = Size{WidthPx: 2480, HeightPx: 1400, DPI: 300}
	// SizeSquare suits social media posts.
	SizeSquare = Size{WidthPx: 1080, HeightPx: 1080, DPI: 144}
)

// minSizePx is the smallest width or height rendered; smaller requests are
// enlarged to it so the layout never inverts.
const minSizePx = 200

// Limits of a size asked for by a person (Size.Check).
const (
	// MinDPI and MaxDPI bound the resolution.
	MinDPI, MaxDPI = 48, 1200
	// MaxSidePx bounds a side: 20,000 px is a 1.7 m wide print at 300 DPI.
	MaxSidePx = 20000
)

// ErrBadSize is the error of Size.Check.
var ErrBadSize = errors.New("charts: size out of range")

// MinSidePx is the shortest side a chart at dpi is drawn with.
func MinSidePx(dpi float64) int {
	return int(math.Ceil(minSizePx * dpi / 96))
}

// Check reports whether s is drawn exactly as asked: DPI within
// MinDPI–MaxDPI and each side between MinSidePx(DPI) and MaxSidePx. (A
// size that fails is still drawn, enlarged or capped, when passed to a
// chart.)
func (s Size) Check() error {
	if !(s.DPI >= MinDPI && s.DPI <= MaxDPI) {
		return fmt.Errorf("%w: %g DPI (use %d–%d)", ErrBadSize, s.DPI, MinDPI, MaxDPI)
	}
	lo := MinSidePx(s.DPI)
	if s.WidthPx < lo || s.HeightPx < lo || s.WidthPx > MaxSidePx || s.HeightPx > MaxSidePx {
		return fmt.Errorf("%w: %d×%d px at %g DPI (each side %d–%d px)", ErrBadSize, s.WidthPx, s.HeightPx, s.DPI, lo, MaxSidePx)
	}
	return nil
}

// normalized returns s with defaults applied and limits enforced.
func (s Size) normalized() Size {
	if s.DPI <= 0 || math.IsNaN(s.DPI) || math.IsInf(s.DPI, 0) {
		s.DPI = 96
	}
	s.DPI = math.Min(math.Max(s.DPI, MinDPI), MaxDPI)
	if s.WidthPx == 0 && s.HeightPx == 0 {
		s.WidthPx, s.HeightPx = SizeScreen.WidthPx, SizeScreen.HeightPx
	}
	// Never narrower or lower than what the fonts at this DPI need.
	minPx := int(minSizePx * s.DPI / 96)
	s.WidthPx = min(max(s.WidthPx, minPx), MaxSidePx)
	s.HeightPx = min(max(s.HeightPx, minPx), MaxSidePx)
	return s
}

// Style holds what every chart shares: the theme and the texts around the
// plot.
type Style struct {
	// Dark selects the dark palette.
	Dark bool
	// Title is drawn large at the top left; Subtitle below it.
	Title, Subtitle string
	// Footer is small print under the chart: the satisfied cut-off, the
	// date range, n and the business name. Long footers wrap.
	Footer string
	// Locale is one of "en", "ru", "lv", "it", "zh_Hans", "zh_Hant"; it
	// picks the decimal separator of value labels (a comma for ru, lv and
	// it) and the language of the few words the charts add themselves
	// (legend entries such as "95 % range").
	Locale string
}

// Band is the benchmark band shaded behind CSAT charts.
type Band struct {
	Low, High float64
	Label     string
}

// DefaultBand is the band used when Options.Band is zero: the usual "good"
// range of CSAT % for small service businesses.
var DefaultBand = Band{Low: 75, High: 85, Label: "Good CSAT 75–85 %"}

// normalized returns the band with defaults applied, within 0–100 and with
// Low <= High.
func (b Band) normalized(loc string) Band {
	if (b.Low == 0 && b.High == 0) || !finite(b.Low) || !finite(b.High) {
		label := b.Label
		b = DefaultBand
		if label != "" {
			b.Label = label
		}
		return b
	}
	b.Low, b.High = clamp(b.Low, 0, 100), clamp(b.High, 0, 100)
	if b.Low > b.High {
		b.Low, b.High = b.High, b.Low
	}
	if b.Label == "" {
		b.Label = fmt.Sprintf("Good CSAT %s–%s", fmtNum(b.Low, 0, loc), fmtPct(b.High, 0, loc))
	}
	return b
}

// Goal is a target CSAT % drawn as a dashed line. A Value of 0 or NaN
// means no goal.
type Goal struct {
	Value float64
	Label string
}

// active reports whether the goal is drawn.
func (g Goal) active() bool { return finite(g.Value) && g.Value > 0 && g.Value <= 100 }

// Options are the options of the charts other than Trend.
type Options struct {
	Style
	Size
	// Band is the benchmark band (Segments); zero means DefaultBand.
	Band Band
}

// palette is the colour scheme of one theme.
type palette struct {
	background, canvas    drawing.Color
	text, muted           drawing.Color
	axis, grid            drawing.Color
	series, seriesRange   drawing.Color // main line and its 95 % ribbon
	compare               drawing.Color
	warn                  drawing.Color // values below the band
	band, bandText        drawing.Color
	goal                  drawing.Color
	detractor, passive    drawing.Color
	promoter              drawing.Color
	bad, amber            drawing.Color // ends of the dissatisfied ramp
	goodLight, goodDark   drawing.Color // ends of the satisfied ramp
	volume, volumeFew     drawing.Color
	halo                  drawing.Color // behind labels drawn over lines
	separator, whiskerCap drawing.Color
}

func hex(s string) drawing.Color { return drawing.ColorFromHex(s) }

// The two palettes. Colours were picked for contrast on paper and screens
// and so that red/green pairs also differ in lightness (colour blindness).
var (
	lightPalette = palette{
		background: hex("FFFFFF"), canvas: hex("FFFFFF"),
		text: hex("1F2933"), muted: hex("5F6B7A"),
		axis: hex("9AA5B1"), grid: hex("E6E9ED"),
		series: hex("1C64B0"), seriesRange: hex("1C64B0").WithAlpha(46),
		compare: hex("8A94A0"), warn: hex("D9480F"),
		band: hex("DDF2E3"), bandText: hex("23704A"),
		goal:      hex("7B3FA0"),
		detractor: hex("D64545"), passive: hex("C3CAD3"), promoter: hex("2E9E5B"),
		bad: hex("C62828"), amber: hex("F2A61F"),
		goodLight: hex("8ACB88"), goodDark: hex("1E7B45"),
		volume: hex("4A86C5"), volumeFew: hex("A9C6E5"),
		halo:      hex("FFFFFF").WithAlpha(215),
		separator: hex("E6E9ED"), whiskerCap: hex("1C64B0"),
	}
	darkPalette = palette{
		background: hex("1B1F24"), canvas: hex("1B1F24"),
		text: hex("E8EAED"), muted: hex("A3ADB8"),
		axis: hex("6B7580"), grid: hex("2E343B"),
		series: hex("5AAAF0"), seriesRange: hex("5AAAF0").WithAlpha(56),
		compare: hex("8B949E"), warn: hex("FF8A50"),
		band: hex("1F3D2C"), bandText: hex("8FD6A8"),
		goal:      hex("C9A0E8"),
		detractor: hex("E0625F"), passive: hex("5B636D"), promoter: hex("3DB86F"),
		bad: hex("E0504D"), amber: hex("F2B134"),
		goodLight: hex("9AD89A"), goodDark: hex("2E9E5B"),
		volume: hex("4F97DB"), volumeFew: hex("2D5479"),
		halo:      hex("1B1F24").WithAlpha(215),
		separator: hex("2E343B"), whiskerCap: hex("5AAAF0"),
	}
)

func paletteFor(dark bool) *palette {
	if dark {
		return &darkPalette
	}
	return &lightPalette
}

// Font sizes in points; go-chart converts points to pixels with the DPI.
var (
	titlePt    = 15.0
	subtitlePt = 10.0
	legendPt   = 9.0
	axisPt     = 9.0
	valuePt    = 8.5
	footerPt   = 8.0
)

// Strokes and paddings in pixels at 96 DPI; scaled by DPI/96.
var (
	marginPx     = 18.0
	lineWidthPx  = 2.5
	gridWidthPx  = 1.0
	markerPx     = 4.0
	goalDashPx   = []float64{7, 5}
	compareDash  = []float64{6, 4}
	legendGapPx  = 18.0
	swatchPx     = 22.0
	barFraction  = 0.72 // bar width as a share of its slot
	maxBarPx     = 90.0
	titleBoldPx  = 0.6 // horizontal offset of the second pass of the title
	lineHeightEm = 1.32
	ascentEm     = 0.92
)

var (
	fontOnce   sync.Once
	parsedFont *truetype.Font
	fontErr    error
)

// chartFont returns the embedded font, parsed once.
func chartFont() (*truetype.Font, error) {
	fontOnce.Do(func() {
		parsedFont, fontErr = truetype.Parse(assets.FontTTF)
		if fontErr != nil {
			fontErr = fmt.Errorf("charts: parse %s: %w", assets.FontName, fontErr)
		}
	})
	return parsedFont, fontErr
}

// numbers is the number style of locale loc for chart labels
// (data/numfmt): CLDR's marks, with a plain space where the locale writes
// one, as the chart labels always have.
func numbers(loc string) numfmt.Format { return numfmt.For(loc).WithSpace(" ") }

// fmtNum formats v with the given decimals in the locale's style.
func fmtNum(v float64, decimals int, loc string) string {
	return numbers(loc).Number(v, decimals)
}

// fmtPct formats a percentage: "82%" in English and Chinese, "82 %" with a
// decimal comma in Russian, Latvian and Italian.
func fmtPct(v float64, decimals int, loc string) string {
	return numbers(loc).Percent(v, decimals)
}

// fmtCount formats a count with the locale's thousands separator; four
// digits stay ungrouped, to keep chart labels short.
func fmtCount(n uint64, loc string) string {
	return numbers(loc).ShortCount(int64(min(n, 1<<62)))
}

// fmtSigned formats an NPS score with its sign: "+32", "−5", "0".
func fmtSigned(v float64, loc string) string {
	return numbers(loc).Signed(v, 0)
}

// words are the few texts the charts add themselves, per language.
var words = map[string]map[string]string{
	"en": {
		"average": "Average",
		"range":   "95% range", "few": "fewer than %d answers", "csat": "CSAT %",
		"detractors": "Detractors 0–6", "passives": "Passives 7–8", "promoters": "Promoters 9–10",
		"nps": "NPS = % promoters − % detractors", "notsat": "Not satisfied", "sat": "Satisfied",
		"goal": "Goal", "responses": "Responses", "n": "n = %s",
	},
	"ru": {
		"average": "Среднее",
		"range":   "95 % интервал", "few": "меньше %d ответов", "csat": "CSAT %",
		"detractors": "Критики 0–6", "passives": "Нейтралы 7–8", "promoters": "Промоутеры 9–10",
		"nps": "NPS = % промоутеров − % критиков", "notsat": "Не удовлетворены", "sat": "Удовлетворены",
		"goal": "Цель", "responses": "Ответы", "n": "n = %s",
	},
	"lv": {
		"average": "Vidēji",
		"range":   "95 % intervāls", "few": "mazāk nekā %d atbildes", "csat": "CSAT %",
		"detractors": "Kritiķi 0–6", "passives": "Pasīvie 7–8", "promoters": "Atbalstītāji 9–10",
		"nps": "NPS = % atbalstītāju − % kritiķu", "notsat": "Nav apmierināti", "sat": "Apmierināti",
		"goal": "Mērķis", "responses": "Atbildes", "n": "n = %s",
	},
	"it": {
		"average": "Media",
		"range":   "intervallo 95 %", "few": "meno di %d risposte", "csat": "CSAT %",
		"detractors": "Detrattori 0–6", "passives": "Passivi 7–8", "promoters": "Promotori 9–10",
		"nps": "NPS = % promotori − % detrattori", "notsat": "Non soddisfatti", "sat": "Soddisfatti",
		"goal": "Obiettivo", "responses": "Risposte", "n": "n = %s",
	},
	"zh_Hans": {
		"average": "平均",
		"range":   "95% 区间", "few": "少于 %d 条回答", "csat": "CSAT %",
		"detractors": "贬损者 0–6", "passives": "被动者 7–8", "promoters": "推荐者 9–10",
		"nps": "NPS = 推荐者% − 贬损者%", "notsat": "不满意", "sat": "满意",
		"goal": "目标", "responses": "回答数", "n": "n = %s",
	},
	"zh_Hant": {
		"average": "平均",
		"range":   "95% 區間", "few": "少於 %d 則回答", "csat": "CSAT %",
		"detractors": "貶損者 0–6", "passives": "被動者 7–8", "promoters": "推薦者 9–10",
		"nps": "NPS = 推薦者% − 貶損者%", "notsat": "不滿意", "sat": "滿意",
		"goal": "目標", "responses": "回答數", "n": "n = %s",
	},
}

// word returns the text for key in the locale, falling back to English.
func word(loc, key string) string {
	l := strings.ReplaceAll(loc, "-", "_")
	if m, ok := words[l]; ok {
		if s, ok := m[key]; ok {
			return s
		}
	}
	if strings.HasPrefix(strings.ToLower(l), "zh") {
		if strings.Contains(strings.ToLower(l), "hant") || strings.HasSuffix(strings.ToLower(l), "tw") || strings.HasSuffix(strings.ToLower(l), "hk") {
			return words["zh_Hant"][key]
		}
		return words["zh_Hans"][key]
	}
	if m, ok := words[strings.ToLower(strings.SplitN(l, "_", 2)[0])]; ok {
		return m[key]
	}
	return words["en"][key]
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

func clamp(v, lo, hi float64) float64 { return math.Min(math.Max(v, lo), hi) }
