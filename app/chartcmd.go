package app

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"csatdesk/app/cli"
	"csatdesk/charts"
	"csatdesk/data"
)

// ChartArgs and ChartHelp describe the chart subcommand.
const (
	ChartArgs = "--db PATH --survey ID|NAME --out FILE.png|DIR [--chart trend|distribution|nps|segments|volume|all] [--question ID] [--period week|month|quarter] [--from DATE --to DATE] [--size slide|a4|square|screen] [--dark]"
	ChartHelp = "export dashboard charts as PNG (all: every chart into the folder DIR)"
)

// RunChartCommand renders charts headlessly with the dashboard's own
// renderer and the database's settings (band, goal, business name).
func RunChartCommand(env *cli.Env, args []string) error {
	fs := cli.Flags(env, "chart")
	db := cli.DBFlag(fs)
	survey := fs.String("survey", "", "survey ID or name")
	out := fs.String("out", "", "PNG file, or a folder with --chart all")
	kind := fs.String("chart", "trend", "trend, distribution, nps, segments, volume or all")
	qid := fs.Uint("question", 0, "question ID (default: the first satisfaction question)")
	period := fs.String("period", "month", "week, month or quarter")
	from := fs.String("from", "", "first day, YYYY-MM-DD (default: 12 months before --to)")
	to := fs.String("to", "", "last day, YYYY-MM-DD (default: the last response)")
	size := fs.String("size", "slide", "slide (1920×1080), a4 (A4 width at 300 DPI), square (1080×1080) or screen")
	dark := fs.Bool("dark", false, "dark background")
	if err := cli.Parse(fs, args); err != nil {
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
	kinds := map[string]chartKind{"trend": chartTrend, "distribution": chartDistribution, "nps": chartNPS, "segments": chartSegments, "volume": chartVolume}
	var todo []chartKind
	if *kind == "all" {
		todo = []chartKind{chartTrend, chartDistribution, chartNPS, chartSegments, chartVolume}
	} else if k, ok := kinds[*kind]; ok {
		todo = []chartKind{k}
	} else {
		return fmt.Errorf("--chart %q: use trend, distribution, nps, segments, volume or all", *kind)
	}
	if err := LoadTranslations(); err != nil {
		return err
	}
	st, sv, err := cli.OpenSurvey(*db, *survey)
	if err != nil {
		return err
	}
	defer st.Close()
	q, err := cli.PickQuestion(&sv, *qid)
	if err != nil {
		return err
	}
	stats, err := st.SurveyStats(sv.ID)
	if err != nil {
		return err
	}
	if stats.Responses == 0 {
		return fmt.Errorf("survey %q has no responses to chart", sv.Name)
	}
	t, err := cli.ParseDay(*to, stats.Last)
	if err != nil {
		return err
	}
	f, err := cli.ParseDay(*from, max(stats.First, t-364))
	if err != nil {
		return err
	}
	segs, err := st.Segments(sv.ID)
	if err != nil {
		return err
	}
	cq := chartQuery{survey: sv, question: q, questions: []data.Question{q}, segments: append([]data.Segment{{}}, segs...), from: f, to: t,
		period: p, settings: loadSettings(st), dark: *dark, locale: uiLocale()}
	for _, k := range todo {
		path := *out
		if *kind == "all" {
			if err := os.MkdirAll(path, 0o755); err != nil {
				return err
			}
			path = filepath.Join(path, k.fileName())
		}
		img, err := drawChart(st, k, cq, sz)
		if err != nil {
			if *kind == "all" && errors.Is(err, charts.ErrNotEnoughData) {
				fmt.Fprintf(env.Stderr, "%s: %s\n", k.fileName(), chartError(err))
				continue
			}
			return fmt.Errorf("%s: %w", k.fileName(), err)
		}
		if err := charts.WritePNGFile(path, img); err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "Wrote %s\n", path)
	}
	return nil
}
