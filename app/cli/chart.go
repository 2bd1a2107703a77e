package cli

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"csatdesk/charts"
	"csatdesk/charts/report"
	"csatdesk/data"
	"csatdesk/data/insight"
)

const (
	chartArgs = "--db PATH --survey ID|NAME --out FILE.png|DIR [--chart trend|distribution|nps|segments|volume|all] [--question ID] [--period week|month|quarter] [--from DATE --to DATE] [--size slide|a4|square|screen] [--width PX --height PX] [--dpi N] [--dark]"
	chartHelp = "export dashboard charts as PNG (all: every chart into the folder DIR)"
)

// runChart renders charts headlessly with the dashboard's own queries and
// renderer (charts/report) and the database's settings (band, goal,
// business name); the words on the charts are English.
func runChart(env *Env, args []string) error {
	fs := flags(env, "chart")
	db := dbFlag(fs)
	survey := fs.String("survey", "", "survey ID or name")
	out := fs.String("out", "", "PNG file, or a folder with --chart all")
	kind := fs.String("chart", "trend", "trend, distribution, nps, segments, volume or all")
	qid := fs.Uint("question", 0, "question ID (default: the main satisfaction question, with the questions it replaced)")
	period := fs.String("period", "month", "week, month or quarter")
	from := fs.String("from", "", "first day, YYYY-MM-DD (default: 12 months before --to)")
	to := fs.String("to", "", "last day, YYYY-MM-DD (default: the last response)")
	size := fs.String("size", "slide", "slide (1920×1080), a4 (A4 width at 300 DPI), square (1080×1080) or screen")
	width := fs.Int("width", 0, "width in pixels (with --height: a custom size instead of --size)")
	height := fs.Int("height", 0, "height in pixels (with --width)")
	dpi := fs.Float64("dpi", 0, "resolution, stored in the PNG (default: the size's: slide 144, a4 300, square 144, screen 96, custom 96)")
	dark := fs.Bool("dark", false, "dark background (default: light, for reports)")
	err := parse(fs, args)
	if err != nil {
		return err
	}
	if *out == "" {
		return errors.New("--out is required: a PNG file, or a folder with --chart all")
	}
	sizes := map[string]charts.Size{"slide": charts.SizeSlide, "a4": charts.SizeA4, "square": charts.SizeSquare, "screen": charts.SizeScreen}
	sz, ok := sizes[*size]
	if !ok {
		return fmt.Errorf("--size %q: use slide, a4, square or screen", *size)
	}
	if sz, err = customSize(sz, *width, *height, *dpi); err != nil {
		return err
	}
	p, err := data.ParsePeriod(*period)
	if err != nil || p == data.PeriodDay || p == data.PeriodYear {
		return fmt.Errorf("--period %q: use week, month or quarter", *period)
	}
	todo := insight.Charts
	if *kind != "all" {
		k, ok := insight.ParseChart(*kind)
		if !ok {
			return fmt.Errorf("--chart %q: use trend, distribution, nps, segments, volume or all", *kind)
		}
		todo = []insight.Chart{k}
	}
	st, sv, qs, stats, err := openQuestions(*db, *survey, *qid)
	if err != nil {
		return err
	}
	defer st.Close()
	if stats.Responses == 0 {
		return fmt.Errorf("survey %q has no responses to chart", sv.Name)
	}
	t, err := parseDay(*to, stats.Last)
	if err != nil {
		return err
	}
	defFrom, _ := insight.ChartRange(stats.First, t)
	f, err := parseDay(*from, defFrom)
	if err != nil {
		return err
	}
	segs, err := st.Segments(sv.ID)
	if err != nil {
		return err
	}
	q := insight.Query{Survey: sv, Choice: insight.Choice{Label: qs[0].Text, Questions: qs},
		Segments: append([]data.Segment{{}}, segs...), From: f, To: t, Period: p,
		Settings: insight.LoadSettings(st), Lang: insight.English}
	// The trend draws the goals and event notes, as in the window.
	if q.Goals, err = insight.LoadGoals(st); err != nil {
		return err
	}
	if q.Notes, err = insight.LoadNotes(st); err != nil {
		return err
	}
	look := report.Options{Size: sz, Dark: *dark, Locale: "en"}
	for _, k := range todo {
		path := *out
		if *kind == "all" {
			if err := os.MkdirAll(path, 0o755); err != nil {
				return err
			}
			path = filepath.Join(path, k.FileName())
		}
		img, err := report.Draw(insight.ChartSource(st, q.Settings), k, q, look)
		if err != nil {
			if *kind == "all" && errors.Is(err, charts.ErrNotEnoughData) {
				fmt.Fprintf(env.Stderr, "%s: %s\n", k.FileName(), report.ErrorText(insight.English, err))
				continue
			}
			return fmt.Errorf("%s: %w", k.FileName(), err)
		}
		if err := charts.WritePNGFile(path, img, sz.DPI); err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "Wrote %s\n", path)
	}
	return nil
}

// customSize applies --width, --height and --dpi to the preset sz: both
// sides or neither, and a size the charts draw exactly (charts.Size.Check).
func customSize(sz charts.Size, width, height int, dpi float64) (charts.Size, error) {
	if (width != 0) != (height != 0) {
		return sz, errors.New("--width and --height go together")
	}
	if width != 0 {
		sz = charts.Size{WidthPx: width, HeightPx: height, DPI: 96}
	}
	if dpi != 0 {
		sz.DPI = dpi
	}
	if err := sz.Check(); err != nil {
		return sz, fmt.Errorf("--width %d --height %d --dpi %g: each side must be %d–%d px at this DPI, and the DPI %d–%d",
			sz.WidthPx, sz.HeightPx, sz.DPI, charts.MinSidePx(sz.DPI), charts.MaxSidePx, charts.MinDPI, charts.MaxDPI)
	}
	return sz, nil
}
