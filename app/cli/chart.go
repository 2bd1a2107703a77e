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
	chartArgs = "--db PATH --survey ID|NAME --out FILE.png|DIR [--chart trend|distribution|nps|segments|volume|all] [--question ID] [--period week|month|quarter] [--from DATE --to DATE] [--size slide|a4|square|screen] [--dark]"
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
	dark := fs.Bool("dark", false, "dark background")
	if err := parse(fs, args); err != nil {
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
	look := report.Options{Size: sz, Dark: *dark, Locale: "en"}
	for _, k := range todo {
		path := *out
		if *kind == "all" {
			if err := os.MkdirAll(path, 0o755); err != nil {
				return err
			}
			path = filepath.Join(path, k.FileName())
		}
		img, err := report.Draw(st, k, q, look)
		if err != nil {
			if *kind == "all" && errors.Is(err, charts.ErrNotEnoughData) {
				fmt.Fprintf(env.Stderr, "%s: %s\n", k.FileName(), report.ErrorText(insight.English, err))
				continue
			}
			return fmt.Errorf("%s: %w", k.FileName(), err)
		}
		if err := charts.WritePNGFile(path, img); err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "Wrote %s\n", path)
	}
	return nil
}
